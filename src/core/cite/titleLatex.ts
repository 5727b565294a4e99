/**
 * A paper's title as LaTeX in a BibTeX field: `$…$` that is math stays math, the safe title
 * markup stays TeX, everything else is escaped text, and words BibTeX styles would lower-case
 * wrongly are braced (the rules are listed in bibtexEntry.ts).
 */
import { collapseWhitespace } from '../paper';
import { asciiMath, escapeLatexText } from './latexText';
import { mathText } from './titleTypst';

interface Segment {
  math: boolean;
  text: string;
}

/** The character at `i` follows an odd number of backslashes, so TeX reads it as escaped. */
function escapedAt(s: string, i: number): boolean {
  let n = 0;
  while (i - n - 1 >= 0 && s[i - n - 1] === '\\') n++;
  return n % 2 === 1;
}

/** Brace depth stays ≥ 0 and ends at 0, counting `{` and `}` as `count` says. */
function balanced(s: string, count: (i: number) => boolean): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (!count(i)) continue;
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * Pandoc's rule for inline math (no space just inside either `$`, no digit right after the
 * closing one, so `$5 and $10` is money), plus balanced braces: BibTeX's count and LaTeX's
 * (escaped braces excluded) must both balance. arXiv titles are TeX, though, where
 * `$\\sim$10x` is math followed by a number: a span that is plainly TeX math (a command, `^`
 * or `_`, or one letter or symbol) stays math before a digit too.
 */
function validMath(content: string, after: string | undefined): boolean {
  if (content === '' || /^\s|\s$/.test(content)) return false;
  if (after !== undefined && /\d/.test(after) && !looksLikeTexMath(content)) return false;
  return balanced(content, () => true) && balanced(content, (i) => !escapedAt(content, i));
}

/** A command (`\\sim`), a sub- or superscript, or a single non-digit character (`$x$`, `$+$`). */
function looksLikeTexMath(content: string): boolean {
  return /\\[A-Za-z]|[\^_]/.test(content) || /^[^\d\s]$/u.test(content);
}

/** Splits a title into text and `$…$` math, pairing unescaped dollars from the left. */
function splitMath(title: string): Segment[] {
  const dollars: number[] = [];
  for (let i = 0; i < title.length; i++) if (title[i] === '$' && !escapedAt(title, i)) dollars.push(i);
  const segments: Segment[] = [];
  let textStart = 0;
  for (let d = 0; d + 1 < dollars.length;) {
    const [open, close] = [dollars[d], dollars[d + 1]];
    const content = title.slice(open + 1, close);
    if (!validMath(content, title[close + 1])) {
      d++;
      continue;
    }
    if (open > textStart) segments.push({ math: false, text: title.slice(textStart, open) });
    segments.push({ math: true, text: content });
    textStart = close + 1;
    d += 2;
  }
  if (textStart < title.length) segments.push({ math: false, text: title.slice(textStart) });
  return segments;
}

/** Math content as written, except the characters that would break the line or an alignment. */
function mathLatex(content: string): string {
  let out = '';
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if ('%#&'.includes(c) && !escapedAt(content, i)) out += '\\';
    out += c;
  }
  return out;
}

// Short words that say nothing about how a title is cased.
const CASE_NEUTRAL = new Set(
  'a an and as at but by for from in into is are of on or the to via vs with without'.split(' '),
);

interface Word {
  text: string;
  /** First word of the title or of a sub-sentence (after `:` `?` `!` `.`). */
  sentenceStart: boolean;
}

function titleWords(segments: Segment[]): Word[] {
  const words: Word[] = [];
  let start = true;
  for (const seg of segments) {
    if (seg.math) {
      start = false;
      continue;
    }
    for (const w of seg.text.split(/\s+/)) {
      if (w === '') continue;
      words.push({ text: w, sentenceStart: start });
      start = /[:?!.]$/.test(w);
    }
  }
  return words;
}

function firstLetterUpper(word: string): boolean {
  const m = /\p{L}/u.exec(word);
  return m !== null && m[0] === m[0].toUpperCase() && m[0] !== m[0].toLowerCase();
}

/** More lower-case than capitalised content words (outside sentence starts). */
function isSentenceCase(words: Word[]): boolean {
  let upper = 0;
  let lower = 0;
  for (const w of words) {
    if (w.sentenceStart || CASE_NEUTRAL.has(w.text.toLowerCase()) || !/\p{L}/u.test(w.text)) continue;
    if (firstLetterUpper(w.text)) upper++;
    else lower++;
  }
  return lower > upper;
}

/** An upper-case letter after the first character of a hyphen/slash part: `BERT`, `ImageNet`, `3D`. */
function hasInnerCapital(word: string): boolean {
  return word
    .split(/[-/–—]/)
    .map((part) => part.replace(/^[^\p{L}\p{N}]+/u, ''))
    .some((part) => [...part].slice(1).some((c) => c !== c.toLowerCase() && c === c.toUpperCase()));
}

function needsProtection(word: Word, sentenceCase: boolean): boolean {
  if (hasInnerCapital(word.text)) return true;
  if (/^I(['’]\p{L}+)?[,;:.?!]?$/u.test(word.text)) return true;
  return sentenceCase && !word.sentenceStart && firstLetterUpper(word.text);
}

/**
 * A braced group BibTeX treats as protected text: `{…}`, or `{{…}}` when `{\` would make it a
 * "special character".
 */
export function protect(latex: string): string {
  return latex.startsWith('\\') ? `{{${latex}}}` : `{${latex}}`;
}

/**
 * Title markup kept as TeX: `\\emph{…}`, `\\textit{…}`, `\\textbf{…}`, `\\texttt{…}` and the
 * old `{\\em …}`, `{\\it …}`, `{\\bf …}`. Anything else with a backslash stays text.
 */
const MARKUP = /\\(emph|textit|textbf|texttt)\{|\{\\(em|it|bf)(?![A-Za-z])/g;

type Piece = string | { open: string; body: string };

/** Index of the `}` closing a group whose body starts at `from`, or -1 when it never closes. */
function closingBrace(s: string, from: number): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    if (escapedAt(s, i)) continue;
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Splits text into plain runs and markup groups whose braces close (others stay plain). */
function splitMarkup(text: string): Piece[] {
  const pieces: Piece[] = [];
  const re = new RegExp(MARKUP.source, 'g');
  let last = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    // `\\\\emph{` is a line break followed by text: the backslash is not a command's.
    if (escapedAt(text, m.index)) continue;
    const bodyStart = m.index + m[0].length;
    const end = closingBrace(text, bodyStart);
    if (end < 0) continue;
    if (m.index > last) pieces.push(text.slice(last, m.index));
    const body = text.slice(bodyStart, end);
    pieces.push(
      m[1] !== undefined ? { open: `\\${m[1]}{`, body } : { open: `{\\${m[2]} `, body: body.replace(/^ /, '') },
    );
    last = end + 1;
    re.lastIndex = last;
  }
  if (last < text.length) pieces.push(text.slice(last));
  return pieces;
}

interface TitleState {
  ascii: boolean;
  /** For Typst: markup is written as its plain contents (see bibtexEntry.ts). */
  typst: boolean;
  sentenceCase: boolean;
  /** The next word starts the title or a sub-sentence. */
  start: boolean;
}

/** Text (with markup) as LaTeX: markup kept, its body rendered the same way, words protected. */
function textLatex(text: string, st: TitleState): string {
  let out = '';
  for (const piece of splitMarkup(text)) {
    if (typeof piece !== 'string') {
      out += st.typst ? textLatex(piece.body, st) : `${piece.open}${textLatex(piece.body, st)}}`;
      continue;
    }
    for (const part of piece.split(/(\s+)/)) {
      if (part === '') continue;
      if (/^\s+$/.test(part)) {
        out += ' ';
        continue;
      }
      const word: Word = { text: part, sentenceStart: st.start };
      st.start = /[:?!.]$/.test(part);
      const latex = escapeLatexText(part, st.ascii);
      out += needsProtection(word, st.sentenceCase) ? protect(latex) : latex;
    }
  }
  return out;
}

/** A math span for Typst: the text it shows, else its TeX as text; braced, so case is kept. */
function typstMath(content: string, ascii: boolean): string {
  return protect(escapeLatexText(mathText(content) ?? content, ascii));
}

/**
 * The LaTeX for a title: escaped text, braced math, kept markup, protected capitals. With
 * `typst`, math and markup are written as the plain text Typst shows right.
 */
export function titleLatex(title: string, ascii = false, typst = false): string {
  const segments = splitMath(collapseWhitespace(title.replace(/[\u0000-\u001f\u007f]/g, ' ')));
  // Case is judged on the words without the markup's own syntax.
  const words = titleWords(segments.map((seg) => ({ ...seg, text: seg.text.replace(MARKUP, '') })));
  const st: TitleState = { ascii, typst, sentenceCase: isSentenceCase(words), start: true };
  let out = '';
  for (const seg of segments) {
    if (seg.math && typst) {
      out += typstMath(seg.text, ascii);
      st.start = false;
    } else if (seg.math) {
      out += `{$${ascii ? asciiMath(mathLatex(seg.text)) : mathLatex(seg.text)}$}`;
      st.start = false;
    } else {
      out += textLatex(seg.text, st);
    }
  }
  return out;
}
