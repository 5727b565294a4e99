/**
 * Author names as BibTeX sees them (given / particle / family / suffix) and the ASCII folding
 * that keys and ASCII entries share.
 */
import { transliterate } from './transliterate';

/** Letters that Unicode does not decompose into a base letter plus accents. */
const FOLD_SPECIAL: Record<string, string> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  ĳ: 'ij',
  Ĳ: 'IJ',
  ŋ: 'ng',
  Ŋ: 'Ng',
  ħ: 'h',
  Ħ: 'H',
  ĸ: 'k',
  ŀ: 'l',
  Ŀ: 'L',
  ŉ: 'n',
  ſ: 's',
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
export function alnum(s: string): string {
  return asciiFold(s).replace(/[^A-Za-z0-9]/g, '');
}

/**
 * Letters and digits of `s` for a key: folded to ASCII, or, when folding leaves none,
 * romanised from Cyrillic or Greek first. Romanising only then keeps every key that folding
 * already spelled (`β-VAE` stays `VAE`) unchanged.
 */
export function keyAlnum(s: string): string {
  return alnum(s) || alnum(transliterate(s));
}

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
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'da',
  'di',
  'du',
  'la',
  'le',
  'ter',
  'ten',
  'dos',
  'das',
]);
const CORPORATE = new RegExp(
  String.raw`\b(?:team|collaboration|consortium|group|project|lab|labs|laboratory|institute|university|inc\.?|ltd\.?` +
    String.raw`|llc|corporation|corp\.?|foundation|committee|initiative|community|contributors|organi[sz]ation)$`,
  'i',
);

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
