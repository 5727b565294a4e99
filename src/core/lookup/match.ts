/**
 * The matching rule that decides whether a record found by title (DBLP, Crossref, Semantic
 * Scholar) is the published version of a preprint. It is deliberately strict: a wrong venue
 * in a bibliography is worse than an arXiv one, so title, first author and year must all agree.
 */
import { asciiFold, splitName } from '../cite/names';

/** LaTeX commands that stand for letters: dropping them like markup would change the title. */
const TEX_LETTERS: Record<string, string> = {
  ss: 'ss',
  o: 'o',
  O: 'o',
  ae: 'ae',
  AE: 'ae',
  oe: 'oe',
  OE: 'oe',
  aa: 'a',
  AA: 'a',
  l: 'l',
  L: 'l',
  i: 'i',
  j: 'j',
};

const GREEK_NAMES =
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho varsigma sigma tau upsilon phi chi psi omega';
// Services disagree on `$\alpha$` versus `α`: both become the Greek letter.
const GREEK_LETTERS: Record<string, string> = Object.fromEntries(
  GREEK_NAMES.split(' ').map((name, i) => [name, String.fromCodePoint(0x3b1 + i)]),
);

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function stripTex(s: string): string {
  return (
    s
      // Accents written with a symbol (`\"u`, `\'{e}`): the letter stays, the accent goes.
      .replace(/\\[`'^"~=.]/g, '')
      .replace(/\\([a-zA-Z]+)\*?/g, (_, name: string) => TEX_LETTERS[name] ?? GREEK_LETTERS[name] ?? ' ')
      .replace(/\\[()[\]]/g, ' ')
      .replace(/[${}]/g, '')
  );
}

/** Letters keep their identity across scripts; accents and ASCII-spellable letters are folded. */
function foldLetters(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x00-\x7f]/g, (ch) => asciiFold(ch) || ch);
}

/**
 * A title as the services can agree on it: markup (HTML tags and entities, LaTeX commands,
 * math delimiters, braces) removed, diacritics folded, apostrophes dropped, any other
 * punctuation (hyphens included) a word break, lower case, single spaces.
 */
export function normaliseTitle(title: string): string {
  const plain = stripTex(decodeEntities(title.replace(/<[^>]*>/g, '')));
  return foldLetters(plain)
    .toLowerCase()
    .replace(/['\u2018\u2019\u02bc`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const SUFFIX = /^(?:jr|sr|ii|iii|iv)$/i;

/**
 * The first author's family name as one folded word, so that every service's spelling of it
 * compares equal: `M. Bran` (Crossref's family for Andrés M. Bran), `N.Gomez`, `van der
 * Maaten`, `Xiaopeng Zhang 0009` (DBLP's disambiguation number), `Álvarez-Pérez` and a whole
 * display name all reduce to the last word of the surname without particles, initials or
 * accents (`bran`, `gomez`, `maaten`, `zhang`, `alvarezperez`). A corporate author keeps its
 * whole name (`the` dropped).
 */
export function familyKey(nameOrFamily: string): string {
  const name = decodeEntities(nameOrFamily).replace(/\s+/g, ' ').trim();
  if (name === '') return '';
  if (splitName(name).literal) return wordKey(name.replace(/^the\s+/i, ''));
  // `Vaswani, Ashish` names the family first; in `John Smith, Jr.` the name is before the comma too.
  const surname = name.split(',')[0];
  const words = surname
    .split(/[\s.]+/)
    .filter((w) => w !== '' && !/^\d+$/.test(w) && !SUFFIX.test(w) && wordKey(w).length > 1);
  const last = words.length > 0 ? words[words.length - 1] : surname;
  return wordKey(last);
}

/**
 * A family name's words joined, particles included: `Le Cun` and `LeCun` both give `lecun`,
 * `García Márquez` and `García-Márquez` give `garciamarquez`. Only for a string known to be a
 * family name (a whole display name would join the given names in).
 */
function joinedFamilyKey(family: string): string {
  const words = decodeEntities(family)
    .split(',')[0]
    .split(/[\s.]+/)
    .filter((w) => !/^\d+$/.test(w) && !SUFFIX.test(w) && wordKey(w).length > 1);
  return wordKey(words.join(''));
}

function wordKey(s: string): string {
  return foldLetters(stripTex(s))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

// German umlauts are spelled `ü` or `ue` depending on the service (and folded to `u` by
// others): `Müller`, `Mueller` and `Muller` all compare equal.
function withoutUmlautE(key: string): string {
  return key.replace(/([aou])e/g, '$1');
}

function familiesAgree(a: string, b: string): boolean {
  return a !== '' && (a === b || withoutUmlautE(a) === withoutUmlautE(b));
}

export interface MatchSubject {
  title: string;
  authors: string[];
  families?: string[];
  year?: string;
}

export type MatchVerdict = { same: true } | { same: false; reason: 'title' | 'author' | 'year' };

/** Every spelling of the first author's family that a subject offers, as keys. */
function firstFamilyKeys(subject: MatchSubject): string[] {
  const keys: string[] = [];
  const family = subject.families?.[0];
  if (family !== undefined) keys.push(familyKey(family), joinedFamilyKey(family));
  const first = subject.authors[0];
  if (first !== undefined) {
    const parts = splitName(first);
    keys.push(familyKey(parts.literal ? first : parts.family || first), familyKey(first));
    if (!parts.literal && parts.family !== '') keys.push(joinedFamilyKey(`${parts.particle} ${parts.family}`));
  }
  return keys.filter((k) => k !== '');
}

function yearOf(year: string | undefined): number | undefined {
  const m = /\d{4}/.exec(year ?? '');
  return m ? Number(m[0]) : undefined;
}

/**
 * Whether `candidate` is the same work as `preprint`: normalised titles equal, first authors'
 * family keys equal, and both years known and at most two apart. Anything missing is a "no".
 */
export function sameWork(preprint: MatchSubject, candidate: MatchSubject): MatchVerdict {
  const title = normaliseTitle(preprint.title);
  if (title === '' || title !== normaliseTitle(candidate.title)) return { same: false, reason: 'title' };
  const ours = firstFamilyKeys(preprint);
  const theirs = firstFamilyKeys(candidate);
  if (!ours.some((a) => theirs.some((b) => familiesAgree(a, b)))) return { same: false, reason: 'author' };
  const a = yearOf(preprint.year);
  const b = yearOf(candidate.year);
  if (a === undefined || b === undefined || Math.abs(a - b) > 2) return { same: false, reason: 'year' };
  return { same: true };
}
