/**
 * Citation keys for papers: the three key styles and the a, b, c suffixes on a clash.
 *
 * Every key is plain ASCII: diacritics are folded (`Müller` → `muller`, `Ø` → `o`, `ß` → `ss`)
 * and any other non-ASCII character is dropped, because keys travel through `\cite{}`,
 * pandoc `@key` and Typst labels, and classic BibTeX compares them byte by byte.
 * A key depends only on the paper's authors, date and title, so the same paper always gets
 * the same key; `uniqueKey` then adds a, b, c … when that key is already taken.
 *
 * Styles (the first author's family name is called "surname" below; `zotero` is below the list):
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
 * (`García-Márquez` → `garciamarquez`). A surname or title that folding leaves empty is
 * romanised from Cyrillic or Greek (`Колмогоров` → `kolmogorov`, see transliterate.ts).
 * With no year the year part is left out.
 *
 * No authors, or a first author whose surname still has no ASCII letter (Chinese, Japanese,
 * Arabic, …): the paper's arXiv id is its key in every style (`arxiv2401.00001`, old ids
 * without the slash: `arxivhep-th9901001`), because it is stable and says which paper it is;
 * only a paper without an arXiv id gets `anon` in place of the surname.
 */
import type { Paper } from '../paper';
import { normaliseArxivId, paperYear } from '../paper';
import { asciiFold, keyAlnum, splitName } from './names';
import { FUNCTION_WORDS, GOOGLE_STOPWORDS, arxivTitleWords, capitalise, significantWords } from './titleWords';

/**
 * `zotero` asks Better BibTeX for the key of a paper already in Zotero (ui/zotero); a paper it
 * does not know, or any paper when Zotero is not running, gets the `bbt` key, the one Better
 * BibTeX's default formula would give it.
 */
export type KeyStyle = 'arxiv' | 'google' | 'bbt' | 'zotero';

/** Surname with particles, as one ASCII word (`vanderwaals`), or `''` when nothing is left. */
function surnameWord(name: string, style: KeyStyle): string {
  const parts = splitName(name);
  if (style === 'google' && !parts.literal) {
    const first = `${parts.particle} ${parts.family}`.trim().split(' ')[0];
    return keyAlnum(first).toLowerCase();
  }
  return keyAlnum(`${parts.particle}${parts.family}`).toLowerCase();
}

/**
 * `arxiv` + the paper's arXiv id (`arxiv2401.00001`, `arxivhep-th9901001`), or `undefined`
 * without one. Letters, digits, `.` and `-` only: legal in BibTeX, biber, pandoc and Typst.
 */
export function arxivIdKey(paper: Paper): string | undefined {
  // `||`: an empty arxivId from a source is no id.
  const id = paper.arxivId || normaliseArxivId(paper.id);
  return id ? cleanKey(`arxiv${id}`) : undefined;
}

/** Characters allowed in generated keys: safe for BibTeX, biber, pandoc and Typst alike. */
export function cleanKey(raw: string): string {
  return asciiFold(raw)
    .replace(/[^A-Za-z0-9_:.-]/g, '')
    .replace(/^[.:-]+|[.:-]+$/g, '');
}

/** The key a paper gets in `style`, before any clash suffix. */
export function baseKey(paper: Paper, style: KeyStyle = 'arxiv'): string {
  const first = paper.authors.find((a) => a.trim() !== '');
  const spelled = first !== undefined ? surnameWord(first, style) : '';
  const byId = spelled === '' ? arxivIdKey(paper) : undefined;
  if (byId) return byId;
  const surname = spelled || 'anon';
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
    case 'zotero':
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
