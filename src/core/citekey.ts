/**
 * Citation keys for papers, and the name handling they (and the BibTeX writer) share.
 *
 * Every key is plain ASCII: diacritics are folded (`Müller` → `muller`, `Ø` → `o`, `ß` → `ss`)
 * and any other non-ASCII character is dropped, because keys travel through `\cite{}`,
 * pandoc `@key` and Typst labels, and classic BibTeX compares them byte by byte.
 * A key depends only on the paper's authors, date and title, so the same paper always gets
 * the same key; `uniqueKey` then adds a, b, c … when that key is already taken.
 *
 * Styles (the first author's family name is called "surname" below):
 *
 * - `arxiv` — what arxiv.org's "Export BibTeX" produces: surname with its particles
 *   (`van der Waals` → `vanderwaals`), year, then up to four title words, taking the title
 *   split on whitespace, dropping words on arXiv's English stop-word list (compared whole
 *   and lower-cased, so `Need:` is not dropped but `All` is), keeping letters and digits
 *   only, all lower case. `Attention Is All You Need` (Vaswani, 2017) → `vaswani2017attentionneed`.
 *   arXiv keeps non-ASCII letters; we fold them like everywhere else.
 * - `google` — Google Scholar's shape, which it does not document; the rule here matches
 *   its published keys: the first word of the surname as BibTeX sees it (particles count:
 *   `Laurens van der Maaten` → `van`), year, and the first title word (titles split at
 *   anything that is not a letter or digit) that is not an article, a short preposition,
 *   a question word or `is`/`are`/`do`: `Attention Is All You Need` → `vaswani2017attention`,
 *   `How Powerful are Graph Neural Networks?` (Xu, 2018) → `xu2018powerful`.
 * - `bbt` — Better BibTeX's default `auth.lower + shorttitle(3,3) + year`: surname with
 *   particles, lower case; then the first three title words (split at anything that is not a
 *   letter or digit, so `Pre-training` is two words) that are not function words (articles,
 *   prepositions, conjunctions, `is`), each with its first letter upper-cased; then the year:
 *   `vaswaniAttentionAllYou2017`.
 *
 * Names: a single-word name is its own surname (`Cher`); corporate names (`Gemini Team`,
 * anything containing the word `and`) are used whole (`geminiteam`); hyphens are dropped
 * (`García-Márquez` → `garciamarquez`). With no authors, or a surname with no ASCII letters
 * left after folding, the surname part is `anon`. With no year the year part is left out.
 */
import type { Paper } from './paper';
import { normaliseArxivId } from './paper';

export type KeyStyle = 'arxiv' | 'google' | 'bbt';

// ---------------------------------------------------------------------------------------------
// ASCII folding

/** Letters that Unicode does not decompose into a base letter plus accents. */
const FOLD_SPECIAL: Record<string, string> = {
  ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L',
  đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', þ: 'th', Þ: 'Th', ı: 'i', ĳ: 'ij', Ĳ: 'IJ', ŋ: 'ng', Ŋ: 'Ng',
  ħ: 'h', Ħ: 'H', ĸ: 'k', ŀ: 'l', Ŀ: 'L', ŉ: 'n', ſ: 's',
};

/** Folds `s` to ASCII: accents removed, special letters spelled out, anything else dropped. */
export function asciiFold(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFD')) {
    if (ch.charCodeAt(0) < 0x80) out += ch;
    else if (FOLD_SPECIAL[ch] !== undefined) out += FOLD_SPECIAL[ch];
    // combining marks and unknown characters are dropped
  }
  return out;
}

/** Letters and digits of `s`, folded to ASCII. */
function alnum(s: string): string {
  return asciiFold(s).replace(/[^A-Za-z0-9]/g, '');
}

// ---------------------------------------------------------------------------------------------
// Names

export interface NameParts {
  /** Given names (`Ashish`, `J. D.`), possibly empty. */
  given: string;
  /** Lower-case particles BibTeX calls the "von" part (`van der`), or capitalised known ones. */
  particle: string;
  /** Family name without particles; for a corporate name, the whole name. */
  family: string;
  /** `Jr.`, `III`, … */
  suffix: string;
  /** A corporate or otherwise unsplittable name: BibTeX must see it as one braced unit. */
  literal: boolean;
}

const SUFFIX = /^(?:jr\.?|sr\.?|ii|iii|iv)$/i;
/** Particles that start with a capital in some names (`Van Gogh`, `De Boer`) yet belong to the surname. */
const CAPITAL_PARTICLES = new Set([
  'van', 'von', 'der', 'den', 'de', 'del', 'della', 'da', 'di', 'du', 'la', 'le', 'ter', 'ten', 'dos', 'das',
]);
const CORPORATE =
  /\b(?:team|collaboration|consortium|group|project|lab|labs|laboratory|institute|university|inc\.?|ltd\.?|llc|corporation|corp\.?|foundation|committee|initiative|community|contributors|organi[sz]ation)$/i;

function startsLower(word: string): boolean {
  const m = /\p{L}/u.exec(word);
  return m !== null && m[0] !== m[0].toUpperCase() && m[0] === m[0].toLowerCase();
}

/**
 * Splits a display name (`Johannes Diderik van der Waals`, `Martin Luther King Jr.`) or an
 * inverted one (`van der Waals, J. D.`) into the parts BibTeX distinguishes. The particle
 * rule is BibTeX's own: lower-case words between the given names and the last word, plus
 * capitalised known particles directly before the last word (as arXiv's author parser does).
 */
export function splitName(raw: string): NameParts {
  const name = raw.replace(/\s+/g, ' ').trim();
  const none = { given: '', particle: '', family: '', suffix: '', literal: false };
  if (name === '') return none;
  if (/(^|\s)(and|&)(\s|$)/i.test(name) || CORPORATE.test(name)) {
    return { ...none, family: name, literal: true };
  }
  const commaParts = name.split(',').map((p) => p.trim());
  if (commaParts.length === 2 && SUFFIX.test(commaParts[1])) {
    // "John Smith, Jr." is a display name with a suffix, not "Last, First".
    return { ...splitName(commaParts[0]), suffix: commaParts[1] };
  }
  if (commaParts.length === 2 || commaParts.length === 3) {
    if (commaParts.some((p) => p === '')) return { ...none, family: name, literal: true };
    const given = commaParts[commaParts.length - 1];
    const suffix = commaParts.length === 3 ? commaParts[1] : '';
    const words = commaParts[0].split(' ');
    let i = 0;
    while (i < words.length - 1 && startsLower(words[i])) i++;
    return { given, particle: words.slice(0, i).join(' '), family: words.slice(i).join(' '), suffix, literal: false };
  }
  if (commaParts.length > 3) return { ...none, family: name, literal: true };

  const words = name.split(' ');
  let suffix = '';
  if (words.length >= 3 && SUFFIX.test(words[words.length - 1])) suffix = words.pop() as string;
  if (words.length === 1) return { ...none, family: words[0], suffix };
  const last = words.length - 1;
  let from = -1;
  let to = -1;
  for (let i = 1; i < last; i++) {
    if (startsLower(words[i])) {
      if (from < 0) from = i;
      to = i;
    }
  }
  if (from < 0) {
    // No lower-case particle: capitalised known particles right before the last word.
    let i = last;
    while (i - 1 >= 1 && CAPITAL_PARTICLES.has(words[i - 1].toLowerCase())) i--;
    if (i < last) {
      from = i;
      to = last - 1;
    }
  }
  if (from < 0) {
    return { given: words.slice(0, last).join(' '), particle: '', family: words[last], suffix, literal: false };
  }
  return {
    given: words.slice(0, from).join(' '),
    particle: words.slice(from, to + 1).join(' '),
    family: words.slice(to + 1).join(' '),
    suffix,
    literal: false,
  };
}

/** Surname with particles, as one ASCII word (`vanderwaals`), or `''` when nothing is left. */
function surnameWord(name: string, style: KeyStyle): string {
  const parts = splitName(name);
  if (style === 'google' && !parts.literal) {
    const first = `${parts.particle} ${parts.family}`.trim().split(' ')[0];
    return alnum(first).toLowerCase();
  }
  return alnum(`${parts.particle}${parts.family}`).toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Years and title words

/** The four-digit year of a paper: its publication date, else the one its arXiv id encodes. */
export function paperYear(paper: Paper): string | undefined {
  const fromDate = /^(\d{4})/.exec(paper.published ?? '');
  if (fromDate) return fromDate[1];
  const id = paper.arxivId ?? normaliseArxivId(paper.id);
  if (id === undefined) return undefined;
  // New-style ids start with YYMM (from 2007); old-style ones end with YYMMNNN (1991–2007).
  const yy = /^(\d{2})\d{2}\./.exec(id)?.[1] ?? /\/(\d{2})\d{5}$/.exec(id)?.[1];
  if (yy === undefined) return undefined;
  return (Number(yy) >= 91 ? '19' : '20') + yy;
}

// arXiv's own list (the classic Glasgow English stop-word list), used for `arxiv` keys.
const ARXIV_STOPWORDS = new Set(
  (
    'a about above across after afterwards again against all almost alone along already also although always am ' +
    'among amongst amoungst amount an and another any anyhow anyone anything anyway anywhere are around as at ' +
    'back be became because become becomes becoming been before beforehand behind being below beside besides ' +
    'between beyond bill both bottom but by call can cannot cant co con could couldnt cry de describe detail do ' +
    'done down due during each eg eight either eleven else elsewhere empty enough etc even ever every everyone ' +
    'everything everywhere except few fifteen fify fill find fire first five for former formerly forty found ' +
    'four from front full further get give go had has hasnt have he hence her here hereafter hereby herein ' +
    'hereupon hers herself him himself his how however hundred ie if in inc indeed interest into is it its ' +
    'itself keep last latter latterly least less ltd made many may me meanwhile might mill mine more moreover ' +
    'most mostly move much must my myself name namely neither never nevertheless next nine no nobody none ' +
    'noone nor not nothing now nowhere of off often on once one only onto or other others otherwise our ours ' +
    'ourselves out over own part per perhaps please put rather re same see seem seemed seeming seems serious ' +
    'several she should show side since sincere six sixty so some somehow someone something sometime sometimes ' +
    'somewhere still such system take ten than that the their them themselves then thence there thereafter ' +
    'thereby therefore therein thereupon these they thickv thin third this those though three through ' +
    'throughout thru thus to together too top toward towards twelve twenty two un under until up upon us very ' +
    'via was we well were what whatever when whence whenever where whereafter whereas whereby wherein ' +
    'whereupon wherever whether which while whither who whoever whole whom whose why will with within without ' +
    'would yet you your yours yourself yourselves'
  ).split(' '),
);

// Words Google Scholar skips before picking its one title word (observed, not documented).
const GOOGLE_STOPWORDS = new Set(
  'a an the on of in for and to at by with from is are was were be do how what why when where which who whose'.split(' '),
);

// Function words skipped by `bbt` keys and by the template's title fields.
const FUNCTION_WORDS = new Set(
  (
    'a ab aboard about above across after against al along amid among an and anti around as at before behind ' +
    'below beneath beside besides between beyond but by d da das de del dell della dei degli dem den der des ' +
    'despite die do down du during ein eine einem einen einer eines el en et except for from i il in inside ' +
    'into is l la las le les like lo los near nor of off on onto or over past per plus round since so some ' +
    'sur than the through to toward towards un una une uno under underneath unlike until up upon versus via ' +
    'von while with within without yet zu zum'
  ).split(' '),
);

/** Title words (split at anything that is not a letter or digit), folded to ASCII, in order. */
function asciiWords(title: string): string[] {
  return asciiFold(title)
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '');
}

function significantWords(title: string, skip: ReadonlySet<string>): string[] {
  return asciiWords(title).filter((w) => !skip.has(w.toLowerCase()));
}

function arxivTitleWords(title: string): string {
  const tokens = title.split(/\s+/).filter((t) => t !== '' && !ARXIV_STOPWORDS.has(t.toLowerCase()));
  // Four tokens are taken before punctuation is stripped, as arXiv does: a lone "–" uses a slot.
  return tokens
    .slice(0, 4)
    .map((t) => alnum(t))
    .join('')
    .toLowerCase();
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Keys

/** Characters allowed in generated keys: safe for BibTeX, biber, pandoc and Typst alike. */
function cleanKey(raw: string): string {
  return asciiFold(raw)
    .replace(/[^A-Za-z0-9_:.-]/g, '')
    .replace(/^[.:-]+|[.:-]+$/g, '');
}

/** The key a paper gets in `style`, before any clash suffix. */
export function baseKey(paper: Paper, style: KeyStyle = 'arxiv'): string {
  const first = paper.authors.find((a) => a.trim() !== '');
  const surname = (first !== undefined ? surnameWord(first, style) : '') || 'anon';
  const year = paperYear(paper) ?? '';
  let key: string;
  switch (style) {
    case 'arxiv':
      key = `${surname}${year}${arxivTitleWords(paper.title)}`;
      break;
    case 'google':
      key = `${surname}${year}${(significantWords(paper.title, GOOGLE_STOPWORDS)[0] ?? '').toLowerCase()}`;
      break;
    case 'bbt':
      key = `${surname}${significantWords(paper.title, FUNCTION_WORDS).slice(0, 3).map(capitalise).join('')}${year}`;
      break;
  }
  return cleanKey(key) || 'anon';
}

/**
 * `base` itself when no key in `taken` equals it, else `base` + a, b, … z, aa, ab, …
 * Comparison ignores case: BibTeX reports keys that differ only in case as a clash.
 */
export function uniqueKey(base: string, taken: ReadonlySet<string>): string {
  const lower = new Set([...taken].map((k) => k.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let n = 0; ; n++) {
    const candidate = base + letterSuffix(n);
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

function letterSuffix(n: number): string {
  let s = '';
  let i = n;
  do {
    s = String.fromCharCode(97 + (i % 26)) + s;
    i = Math.floor(i / 26) - 1;
  } while (i >= 0);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Templates

/**
 * A key template is literal text with fields in square brackets, each optionally followed by
 * `:modifier`s: `[auth:lower][year][shorttitle]`.
 *
 * Fields:
 * - `auth`      first author's surname with particles (`vanderWaals`), `anon` without authors
 * - `authors`   surnames of the first two authors (`VaswaniShazeer`), plus `EtAl` when there are more;
 *               `[authors:N]` takes N
 * - `year`      four-digit year (empty when unknown); `shortyear` its last two digits
 * - `title`     the first title word that is not a function word; `[title:N]` takes N words
 * - `shorttitle` the first three such words, each capitalised; `veryshorttitle` just the first
 * - `eprint`    the arXiv id (`1706.03762`; old ids lose the slash: `hep-th9901001`)
 * - `id`        the paper's id
 *
 * Modifiers: `lower`, `upper`, `capitalize` (first letter upper case), and a number N (words
 * for `title`, names for `authors`, characters for the other fields).
 *
 * Text outside brackets is copied. The result keeps only ASCII letters, digits and `_ : . -`
 * (not at either end); an empty result becomes `anon`.
 */
export class KeyTemplateError extends Error {
  constructor(
    message: string,
    /** Zero-based character offset in the template. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'KeyTemplateError';
  }
}

const TEMPLATE_FIELDS = ['auth', 'authors', 'year', 'shortyear', 'title', 'shorttitle', 'veryshorttitle', 'eprint', 'id'] as const;
type TemplateField = (typeof TEMPLATE_FIELDS)[number];
type Modifier = 'lower' | 'upper' | 'capitalize' | number;

interface TemplatePart {
  literal?: string;
  field?: TemplateField;
  modifiers: Modifier[];
}

function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('[', i);
    const close = template.indexOf(']', i);
    if (close >= 0 && (open < 0 || close < open)) throw new KeyTemplateError(`unmatched "]"`, close);
    if (open < 0) {
      parts.push({ literal: template.slice(i), modifiers: [] });
      break;
    }
    if (open > i) parts.push({ literal: template.slice(i, open), modifiers: [] });
    const end = template.indexOf(']', open);
    if (end < 0) throw new KeyTemplateError(`unclosed "["`, open);
    const [name, ...mods] = template.slice(open + 1, end).split(':');
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(name)) {
      throw new KeyTemplateError(`unknown field "${name}" (known: ${TEMPLATE_FIELDS.join(', ')})`, open + 1);
    }
    const modifiers = mods.map((m): Modifier => {
      if (m === 'lower' || m === 'upper' || m === 'capitalize') return m;
      if (/^[1-9]\d*$/.test(m)) return Number(m);
      throw new KeyTemplateError(`unknown modifier "${m}" (known: lower, upper, capitalize, a number)`, open + 1);
    });
    parts.push({ field: name as TemplateField, modifiers });
    i = end + 1;
  }
  return parts;
}

/** `undefined` when `template` is valid, else a message saying what is wrong and where. */
export function checkKeyTemplate(template: string): string | undefined {
  try {
    parseTemplate(template);
    if (template.trim() === '') return 'the template is empty';
    return undefined;
  } catch (e) {
    if (e instanceof KeyTemplateError) return `${e.message} at character ${e.offset + 1}`;
    throw e;
  }
}

function fieldValue(paper: Paper, field: TemplateField, count: number | undefined): string {
  switch (field) {
    case 'auth': {
      const first = paper.authors.find((a) => a.trim() !== '');
      const parts = first !== undefined ? splitName(first) : undefined;
      // Particles keep their own case (`vanderWaals`), as they would in the name itself.
      return (parts ? alnum(`${parts.particle}${parts.family}`) : '') || 'anon';
    }
    case 'authors': {
      const n = count ?? 2;
      const names = paper.authors.filter((a) => a.trim() !== '');
      const words = names.slice(0, n).map((a) => {
        const p = splitName(a);
        return capitalise(alnum(`${p.particle}${p.family}`));
      });
      return (words.join('') || 'anon') + (names.length > n ? 'EtAl' : '');
    }
    case 'year':
      return paperYear(paper) ?? '';
    case 'shortyear':
      return (paperYear(paper) ?? '').slice(2);
    case 'title':
      return significantWords(paper.title, FUNCTION_WORDS).slice(0, count ?? 1).join('');
    case 'shorttitle':
      return significantWords(paper.title, FUNCTION_WORDS).slice(0, 3).map(capitalise).join('');
    case 'veryshorttitle':
      return significantWords(paper.title, FUNCTION_WORDS).slice(0, 1).map(capitalise).join('');
    case 'eprint':
      return paper.arxivId ?? normaliseArxivId(paper.id) ?? '';
    case 'id':
      return paper.id;
  }
}

/** The key `template` gives for `paper`; throws `KeyTemplateError` on an invalid template. */
export function templateKey(paper: Paper, template: string): string {
  let out = '';
  for (const part of parseTemplate(template)) {
    if (part.literal !== undefined) {
      out += part.literal;
      continue;
    }
    const field = part.field as TemplateField;
    const count = part.modifiers.find((m): m is number => typeof m === 'number');
    let value = fieldValue(paper, field, field === 'title' || field === 'authors' ? count : undefined);
    if (count !== undefined && field !== 'title' && field !== 'authors') value = value.slice(0, count);
    for (const m of part.modifiers) {
      if (m === 'lower') value = value.toLowerCase();
      else if (m === 'upper') value = value.toUpperCase();
      else if (m === 'capitalize') value = capitalise(value);
    }
    out += value;
  }
  return cleanKey(out) || 'anon';
}
