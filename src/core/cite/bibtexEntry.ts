/**
 * BibTeX entries for papers, in the `@misc` form arxiv.org itself exports:
 *
 * ```
 * @misc{vaswani2017attentionneed,
 *       title={Attention Is All You Need},
 *       author={Ashish Vaswani and Noam Shazeer and …},
 *       year={2017},
 *       eprint={1706.03762},
 *       archivePrefix={arXiv},
 *       primaryClass={cs.CL},
 *       url={https://arxiv.org/abs/1706.03762},
 * }
 * ```
 *
 * Differences from arXiv's export, all deliberate:
 * - Title and names are escaped for LaTeX: `{ } % & $ # _ ~ ^ \ < > |` outside math come out
 *   as text commands, so any title yields balanced braces. Braces in a title are always
 *   written `\textbraceleft{}` / `\textbraceright{}`, because BibTeX counts `\{` as a brace.
 * - `$…$` spans stay math, wrapped in braces (`{$O(n^2)$}`) so styles that change case leave
 *   them alone, when they look like math by pandoc's rule (no space just inside the dollars, no
 *   digit after the closing one) and their braces balance. arXiv titles are TeX, so a span that
 *   is plainly TeX math (a command, `^` or `_`, or one non-digit character) stays math before a
 *   digit too: `$\sim$10x` is `{$\sim$}10x`, while `$5 and $10` is money. Any other `$` is
 *   text (`\$`).
 * - Title markup stays TeX: `\emph{…}`, `\textit{…}`, `\textbf{…}`, `\texttt{…}`, `{\em …}`,
 *   `{\it …}`, `{\bf …}` whose group closes; their contents are written by these same rules
 *   (nested markup kept, everything else escaped), so braces still balance. Math is found
 *   first, so markup around a `$…$` span is text. Any other command is text (`\textbackslash{}`).
 * - Words BibTeX styles would lower-case wrongly are protected with braces: acronyms and
 *   mixed case (`{BERT}`, `{ImageNet}`, `{GPT-4o}`, `{3D}`), the pronoun `{I}`, and, in a title
 *   written in sentence case, every other capitalised word (a proper noun: `{Bayesian}`).
 *   In a Title Cased title capitalised words are left as they are: they cannot be told apart.
 * - `doi` holds the bare DOI (`10.1000/xyz`), which is what biblatex and DOI-aware styles
 *   expect; arXiv writes a `https://doi.org/` URL there.
 * - A published version (`journalRef`) is kept as `booktitle` when it names a conference or
 *   proceedings, else as `journal`; the entry stays `@misc`, so styles that do not print those
 *   fields for `@misc` simply ignore them.
 * - With `preferPublished` and a `publication` found by a look-up, the entry is that version:
 *   `@inproceedings` with `booktitle` or `@article` with `journal`, its year, volume, number,
 *   pages (`770--778`), publisher (proceedings only: biblatex has none for `@article`) and DOI
 *   (`publishedFields.ts`), in place of the journal reference. `eprint`, `archivePrefix`, `primaryClass` and the arXiv `url` stay, so the free
 *   copy is still one click away.
 * - Without authors the entry gets a `key` field (the title), which BibTeX styles sort by.
 * - Names that BibTeX would split wrongly are rewritten in its `Last, Jr., First` form
 *   (`King, Jr., Martin Luther`, `Van Gogh, Vincent`); corporate names are braced whole
 *   (`{Gemini Team}`), so the word "and" inside them does not split the author list.
 *
 * Unicode stays UTF-8 by default (biber, and bibtex with a UTF-8 document). With `ascii: true`
 * every byte of the entry is ASCII, each character taking the first of:
 * 1. letters of Latin-1 and Latin Extended-A as LaTeX accents and letter commands (`{\"u}`,
 *    `{\'e}`, `{\c{c}}`, `{\o}`, `{\ss}`, `{\aa}`, …), common symbols and typographic
 *    punctuation as text commands (`{\textdegree}`, `{\textendash}`);
 * 2. Greek letters and common math symbols as math (`{$\alpha$}`, `{$\leq$}`); capitals that
 *    look Latin (Α Β Ε …) have no command and are the Latin letter;
 * 3. the compatibility form (NFKC): ligatures `ﬁ` → `fi`, full-width and mathematical letters,
 *    `⁴` → `4`, `ŀ` → `l{$\cdotp$}`, itself written by these rules (a comma from it is `{,}`,
 *    which a name cannot mistake for `Last, First`);
 * 4. any Latin letter with accents: the accents LaTeX has a command for; others are dropped;
 * 5. anything else as its code point, `[U+4E2D]`: CJK, emoji, `Ħ`, `ŧ`. It is readable, plain
 *    text to BibTeX and LaTeX, and says what was there instead of losing it.
 * Inside math, non-ASCII characters become `{\alpha}`-style commands or `\mbox{…}` text.
 * pdfLaTeX typesets all of it with T1 fonts (`\usepackage[T1]{fontenc}`); with the old OT1
 * default, `{\dh}`, `{\th}`, `{\dj}`, `{\ng}` (and capitals), the ogonek `{\k{a}}` and the
 * guillemets are errors.
 *
 * ASCII runs that TeX turns into ligatures (`--`, `---`, two backquotes, two apostrophes) are
 * left alone: titles on arXiv are typed for TeX, and there `--` means an en dash.
 *
 * For a Typst document (`typst: true`) the title is written for Typst's own reader (hayagriva
 * over the `biblatex` crate), which takes `$…$` for Typst math, not TeX, and prints TeX markup
 * as written (`titleTypst.ts`):
 * - markup (`\emph{…}` and the rest above) is its contents: Typst cannot show emphasis from a
 *   .bib; words inside are protected as anywhere else;
 * - a math span is the plain text it shows, braced so no style changes its case: symbol
 *   commands as their Unicode character (the abstract view's table: `\sim` → `∼`, `\alpha` →
 *   `α`, `\star` → `⋆`, `\ell` → `ℓ`), sub- and superscripts as Unicode script characters where
 *   every character has one (`n^2` → `n²`, `\ell_1` → `ℓ₁`; `^\star`, `^*`, `^\prime` stay
 *   on the line: `Q⋆`), font commands as their letters (`\mathcal{O}` → `O`; `\mathbb{R}` →
 *   `ℝ`), accents as combining marks (`\tilde{O}` → `Õ`), `\frac{a}{b}` → `a/b`, `\sqrt{x}` →
 *   `√x`, operators as their names (`\log` → `log`), escaped characters as themselves
 *   (`\$0.01` → `$0.01`). A span with any other part (an unknown command, `x^{abc}`) is its TeX
 *   source as text. No span is left as math: Typst misreads TeX math, an escaped dollar in
 *   math makes it reject the whole file, and letters its math font shapes into several glyphs
 *   (`ά`) stop the document.
 * Everything else, names included, is written as for other engines.
 */
import type { Paper } from '../paper';
import { arxivLinks, collapseWhitespace, normaliseArxivId, paperYear } from '../paper';
import { templateKey } from './keyTemplate';
import { baseKey, uniqueKey, type KeyStyle } from './keys';
import { escapeLatexText } from './latexText';
import { cleanDoi, isArxivDoi, publishedFields } from './publishedFields';
import { protect, titleLatex } from './titleLatex';
import { splitName } from './names';

export { cleanDoi } from './publishedFields';

export interface BibtexOptions {
  /** Key style; ignored when `keyTemplate` is given. Default `arxiv`. */
  keyStyle?: KeyStyle;
  /** A key template (see `templateKey`); an invalid one throws `KeyTemplateError`. */
  keyTemplate?: string;
  /** LaTeX escapes instead of UTF-8 for non-ASCII letters and symbols. */
  ascii?: boolean;
  /** Keys already in use; a clash (ignoring case) gets an a, b, c … suffix. */
  taken?: ReadonlySet<string>;
  /**
   * The key to write, as is: a document already cites it and the entry must match the text
   * (the missing-key fix). Style, template and `taken` are then not consulted.
   */
  key?: string;
  /** When the paper's published version is known, write it (`@inproceedings` / `@article`). */
  preferPublished?: boolean;
  /** The entry is for a Typst document: title math and markup as plain text (see above). */
  typst?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Names

/** One author as BibTeX should read it. */
export function nameLatex(name: string, ascii = false): string {
  const clean = collapseWhitespace(name.replace(/[\u0000-\u001f\u007f]/g, ' '));
  const parts = splitName(clean);
  // BibTeX splits author lists at the word "and" in any case: one inside a name is braced
  // (a literal name is braced whole already).
  const esc = (s: string) => escapeLatexText(s, ascii).replace(/(^|\s)(and)(?=\s|$)/gi, '$1{$2}');
  if (parts.literal) return protect(escapeLatexText(parts.family, ascii));
  const surname = [parts.particle, parts.family].filter((p) => p !== '').join(' ');
  const capitalParticle = parts.particle !== '' && !/^\p{Ll}/u.test(parts.particle);
  if (parts.given !== '' && (parts.suffix !== '' || capitalParticle || clean.includes(','))) {
    // A part of nothing but hyphens is no name token to BibTeX ("Smith, -" has "a comma at the
    // end"): braced, it is one.
    const part = (s: string) => (/[\p{L}\p{N}]/u.test(s) ? esc(s) : protect(esc(s)));
    return [part(surname), ...(parts.suffix !== '' ? [part(parts.suffix)] : []), part(parts.given)].join(', ');
  }
  return esc([parts.given, surname, parts.suffix].filter((p) => p !== '').join(' '));
}

// ---------------------------------------------------------------------------------------------
// Fields

const CONFERENCE = new RegExp(
  String.raw`\b(?:proceedings|proc\.|conference|conf\.|workshop|symposium|neurips|nips|icml|iclr|cvpr|iccv|eccv` +
    String.raw`|acl|emnlp|naacl|coling|aaai|ijcai|kdd|sigir|interspeech|icassp|colt|aistats|uai|corl|rss|icra|iros)\b`,
  'i',
);

/** A URL safe inside a BibTeX field and LaTeX's `\url`, or undefined when it is not http(s). */
function cleanUrl(url: string | undefined): string | undefined {
  if (url === undefined || !/^https?:\/\/\S+$/i.test(url.trim())) return undefined;
  return url.trim().replace(/[{}\\$"\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function field(name: string, value: string): string {
  return `      ${name}={${value}},`;
}

/** The key the paper gets with these options, before any clash suffix. */
export function paperKey(paper: Paper, options: Pick<BibtexOptions, 'keyStyle' | 'keyTemplate'>): string {
  return options.keyTemplate !== undefined
    ? templateKey(paper, options.keyTemplate)
    : baseKey(paper, options.keyStyle ?? 'arxiv');
}

/**
 * The BibTeX entry for `paper` and its key. Keys are made as `citekey.ts` describes and never
 * collide (ignoring case) with `options.taken`.
 */
export function bibtexEntry(paper: Paper, options: BibtexOptions = {}): { key: string; text: string } {
  const ascii = options.ascii ?? false;
  const key = options.key ?? uniqueKey(paperKey(paper, options), options.taken ?? new Set());

  const arxivId = paper.arxivId !== undefined ? normaliseArxivId(paper.arxivId) : normaliseArxivId(paper.id);
  // Control characters become spaces in a name, so a name of nothing else is no name: BibTeX
  // would warn that the entry has no author to sort by.
  const authors = paper.authors.map((a) => a.replace(/[\u0000-\u001f\u007f]/g, ' ').trim()).filter((a) => a !== '');
  const title = titleLatex(paper.title, ascii, options.typst ?? false);
  const year = paperYear(paper);
  const publication = options.preferPublished === true ? paper.publication : undefined;
  const lines = [`@${publication?.kind ?? 'misc'}{${key},`, field('title', title)];
  if (authors.length > 0) lines.push(field('author', authors.map((a) => nameLatex(a, ascii)).join(' and ')));
  else lines.push(field('key', title));
  // The published version's fields replace the preprint's year, journal reference and DOI;
  // arXiv's DOI field usually names that same version, so it stands in when the look-up had none.
  const published = publication !== undefined ? publishedFields(publication, ascii, year) : [];
  const venue = published.filter(([name]) => name !== 'year' && name !== 'doi');
  const publishedYear = published.find(([name]) => name === 'year')?.[1] ?? year;
  if (publishedYear !== undefined) lines.push(field('year', publishedYear));
  for (const [name, value] of venue) lines.push(field(name, value));
  if (arxivId !== undefined) {
    lines.push(field('eprint', arxivId), field('archivePrefix', 'arXiv'));
    const primary = paper.categories?.[0];
    if (primary !== undefined && /^[a-z-]+(?:\.[A-Za-z-]+)?$/.test(primary)) lines.push(field('primaryClass', primary));
  }
  const journalRef = collapseWhitespace(paper.journalRef ?? '');
  if (journalRef !== '' && publication === undefined) {
    lines.push(field(CONFERENCE.test(journalRef) ? 'booktitle' : 'journal', escapeLatexText(journalRef, ascii)));
  }
  const arxivDoi = cleanDoi(paper.doi);
  const doi =
    publication === undefined
      ? arxivDoi
      : (published.find(([name]) => name === 'doi')?.[1] ??
        (arxivDoi !== undefined && !isArxivDoi(arxivDoi) ? arxivDoi : undefined));
  if (doi !== undefined) lines.push(field('doi', doi));
  const url =
    arxivId !== undefined ? arxivLinks(arxivId).arxivAbs : cleanUrl(paper.links.huggingFace ?? paper.links.project);
  if (url !== undefined) lines.push(field('url', url));
  lines.push('}');
  return { key, text: lines.join('\n') + '\n' };
}
