/**
 * Which bibliography files a document uses, read from its text alone:
 *
 * - LaTeX: `\bibliography{a,b}` (and `\nobibliography{…}`) — BibTeX adds `.bib` to every name,
 *   so we do too unless it is already there; biblatex's `\addbibresource[opts]{x.bib}`,
 *   `\addglobalbib` and `\addsectionbib` name the file in full. Resources with
 *   `location=remote` are URLs and are skipped. Text after an unescaped `%` is a comment.
 * - Pandoc (Markdown, Quarto, R Markdown): the `bibliography:` field of the YAML front matter —
 *   one path, quoted or not, a `[a.bib, b.bib]` list or a block list of `- a.bib` lines.
 * - Typst: `#bibliography("x.bib")` and `#bibliography(("a.bib", "b.bib"))`, other arguments
 *   allowed, also as a template argument (`bibliography: bibliography("refs.bib")`); `//` and
 *   block comments skipped. Typst also reads Hayagriva `.yml` files, which
 *   are returned too: only write BibTeX to paths for which `isBibtexPath` is true.
 *
 * Paths come back as written (relative to the document, or to the LaTeX root file), in order,
 * without duplicates.
 */

import { citationSyntax } from './citeText';

/** Text of a LaTeX line up to its comment (an unescaped `%`). */
export function stripTexComment(line: string): string {
  for (let i = 0; i < line.length; i++) {
    if (line[i] !== '%') continue;
    let backslashes = 0;
    while (i - backslashes - 1 >= 0 && line[i - backslashes - 1] === '\\') backslashes++;
    if (backslashes % 2 === 0) return line.slice(0, i);
  }
  return line;
}

export function latexBibFiles(text: string): string[] {
  const body = text
    .split(/\r\n|\r|\n/)
    .map(stripTexComment)
    .join('\n');
  const found: string[] = [];
  const re = new RegExp(
    String.raw`\\(no)?bibliography\s*\{([^}]*)\}` +
      String.raw`|\\(?:addbibresource|addglobalbib|addsectionbib)\s*(?:\[([^\]]*)\])?\s*\{([^}]*)\}`,
    'g',
  );
  for (const m of body.matchAll(re)) {
    if (m[2] !== undefined) {
      for (const name of m[2].split(',').map((n) => n.trim())) {
        if (name !== '') found.push(/\.bib$/i.test(name) ? name : `${name}.bib`);
      }
    } else if (!/location\s*=\s*remote/i.test(m[3] ?? '')) {
      const name = m[4].trim();
      if (name !== '') found.push(name);
    }
  }
  return found;
}

/** The YAML front matter (between a first `---` line and the next `---` or `...` line), if any. */
function frontMatter(text: string): string[] | undefined {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (!/^---\s*$/.test(lines[0] ?? '')) return undefined;
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  return end > 0 ? lines.slice(1, end) : undefined;
}

/** A YAML scalar written plainly or in quotes, without a trailing comment. */
function yamlScalar(raw: string): string {
  const s = raw.trim();
  const quoted = /^"((?:[^"\\]|\\.)*)"|^'((?:[^']|'')*)'/.exec(s);
  if (quoted) return quoted[1] !== undefined ? quoted[1].replace(/\\(.)/g, '$1') : quoted[2].replace(/''/g, "'");
  return s.replace(/\s+#.*$/, '').trim();
}

/** Splits a YAML flow list body (`a.bib, "b, c.bib"`) at commas outside quotes. */
function flowItems(body: string): string[] {
  const items: string[] = [];
  let current = '';
  let quote = '';
  for (const c of body) {
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === ',') {
      items.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  items.push(current);
  return items.map(yamlScalar).filter((i) => i !== '');
}

export function yamlBibFiles(text: string): string[] {
  const lines = frontMatter(text);
  return lines === undefined ? [] : topLevelBibliography(lines);
}

/**
 * The top-level `bibliography:` of a whole YAML file, such as a Quarto project's `_quarto.yml`
 * (same value forms as the front matter). Only the top level: Quarto also takes the field under
 * a format (`format: html: bibliography: …`), which is not read.
 */
export function yamlFileBibFiles(yamlText: string): string[] {
  return topLevelBibliography(yamlText.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/));
}

/** The paths of the `bibliography:` key at column 0 of YAML `lines`: a string, a flow or a block list. */
function topLevelBibliography(lines: string[]): string[] {
  const at = lines.findIndex((l) => /^bibliography\s*:/.test(l));
  if (at < 0) return [];
  const value = lines[at].replace(/^bibliography\s*:/, '').trim();
  if (value.startsWith('[')) {
    const close = value.lastIndexOf(']');
    return flowItems(value.slice(1, close < 0 ? undefined : close));
  }
  if (value !== '' && !value.startsWith('#')) {
    const single = yamlScalar(value);
    return single !== '' ? [single] : [];
  }
  const items: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (!item) break;
    const v = yamlScalar(item[1]);
    if (v !== '') items.push(v);
  }
  return items;
}

/** Typst source without `//` line comments and `/* … *\/` block comments (strings kept). */
function stripTypstComments(text: string): string {
  let out = '';
  let i = 0;
  let inString = false;
  while (i < text.length) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      i++;
    } else if (c === '"') {
      inString = true;
      out += c;
      i++;
    } else if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

export function typstBibFiles(text: string): string[] {
  const body = stripTypstComments(text);
  const found: string[] = [];
  const str = /"((?:[^"\\]|\\.)*)"/y;
  // Also without `#`: templates take `bibliography: bibliography("refs.bib")` as an argument.
  for (const m of body.matchAll(/(?<![\w.-])#?bibliography\s*\(\s*/g)) {
    let i = (m.index ?? 0) + m[0].length;
    const readString = (): string | undefined => {
      str.lastIndex = i;
      const s = str.exec(body);
      if (!s) return undefined;
      i = str.lastIndex;
      return s[1].replace(/\\(.)/g, '$1');
    };
    if (body[i] === '(') {
      // An array of paths: ("a.bib", "b.bib") — a one-element array needs a trailing comma.
      i++;
      for (;;) {
        while (/[\s,]/.test(body[i] ?? '')) i++;
        const s = readString();
        if (s === undefined) break;
        found.push(s);
      }
    } else {
      const s = readString();
      if (s !== undefined) found.push(s);
    }
  }
  return found;
}

/**
 * Bibliography files named in `text`. With a known `languageId` only that language's syntax is
 * read; without one (or an unknown one) all three are, in the order LaTeX, YAML, Typst.
 */
export function bibliographyFiles(text: string, languageId?: string): string[] {
  // Languages cite and name their bibliography in the same family of syntax.
  const family = languageId !== undefined ? citationSyntax(languageId) : undefined;
  const all =
    family === 'latex'
      ? latexBibFiles(text)
      : family === 'pandoc'
        ? yamlBibFiles(text)
        : family === 'typst'
          ? typstBibFiles(text)
          : [...latexBibFiles(text), ...yamlBibFiles(text), ...typstBibFiles(text)];
  return [...new Set(all)];
}

/** The program that reads a document's bibliography files. */
export type BibEngine = 'bibtex' | 'biber' | 'pandoc' | 'typst';

/**
 * Which program reads the bibliography `text` names, from the same syntax `bibliographyFiles`
 * reads: `\bibliography{}` is classic BibTeX, unless biblatex is loaded (it takes the legacy
 * command too and hands it to biber, or to BibTeX with `backend=bibtex`/`bibtex8`);
 * `\addbibresource{}` and its kin are biber; a YAML `bibliography:` is pandoc; Typst's
 * `#bibliography` is Typst. Undefined when the text names no bibliography.
 *
 * It matters because classic BibTeX reads names byte by byte: a UTF-8 `Álvarez` does not start
 * with an ASCII capital, so BibTeX takes it for a lowercase "von" particle and splits the name
 * wrongly; biber, pandoc and Typst read UTF-8 names right.
 */
export function bibliographyEngine(text: string, languageId?: string): BibEngine | undefined {
  const family = languageId !== undefined ? citationSyntax(languageId) : undefined;
  const latex = family === 'latex' || family === undefined ? latexEngine(text) : undefined;
  if (latex !== undefined) return latex;
  if ((family === 'pandoc' || family === undefined) && yamlBibFiles(text).length > 0) return 'pandoc';
  if ((family === 'typst' || family === undefined) && typstBibFiles(text).length > 0) return 'typst';
  return undefined;
}

function latexEngine(text: string): BibEngine | undefined {
  const body = text
    .split(/\r\n|\r|\n/)
    .map(stripTexComment)
    .join('\n');
  const biblatex = /\\(?:usepackage|RequirePackage)\s*(?:\[([^\]]*)\])?\s*\{[^}]*\bbiblatex\b[^}]*\}/.exec(body);
  const biblatexEngine: BibEngine = biblatex && /backend\s*=\s*bibtex/i.test(biblatex[1] ?? '') ? 'bibtex' : 'biber';
  if (/\\(?:addbibresource|addglobalbib|addsectionbib)\b/.test(body)) return biblatexEngine;
  if (/\\(?:no)?bibliography\s*\{/.test(body)) return biblatex ? biblatexEngine : 'bibtex';
  return undefined;
}

/** `litfeed.citation.asciiBibtex`: always ASCII, never, or `auto` (ASCII for classic BibTeX only). */
export type AsciiSetting = boolean | 'auto';

/** Whether entries for a bibliography read by `engine` are written with ASCII LaTeX escapes. */
export function asciiEntries(setting: AsciiSetting, engine: BibEngine | undefined): boolean {
  return setting === 'auto' ? engine === 'bibtex' : setting;
}

/** True for paths BibTeX entries may be written to. */
export function isBibtexPath(path: string): boolean {
  return /\.bib$/i.test(path);
}

/**
 * The root file a `% !TeX root = main.tex` magic comment names (TeXShop, TeXstudio and
 * LaTeX Workshop all honour it), as written; undefined when there is none.
 */
export function texRoot(text: string): string | undefined {
  for (const line of text.split(/\r\n|\r|\n/)) {
    const m = /^\s*%+\s*!\s*tex\s+root\s*=\s*(.+?)\s*$/i.exec(line);
    if (m) return m[1];
  }
  return undefined;
}
