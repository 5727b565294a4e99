/**
 * Splits paper text (titles, abstracts, AI summaries) into plain-text and math segments for
 * the abstract view, and tidies the non-math LaTeX that arXiv abstracts carry so the text
 * reads well without a TeX engine. The result is data: the page decides how to draw it
 * (KaTeX for math, `textContent` for everything else), so nothing here produces markup.
 */

import { ESCAPED, STYLED_COMMANDS, SUPERSCRIPT_DIGITS, SYMBOLS } from './texSymbols';

/** How a run of plain text is set. Nested styles keep the innermost one. */
export type TextStyle = 'em' | 'strong' | 'code' | 'sup';

export type Segment =
  | { kind: 'text'; text: string; style?: TextStyle }
  | {
      kind: 'math';
      /** TeX source between the delimiters, handed to KaTeX as is. */
      tex: string;
      display: boolean;
      /** The fragment exactly as written, delimiters included: what to show if KaTeX refuses it. */
      source: string;
    };

/** Longest math fragment or braced argument looked for; keeps hostile input linear-ish. */
const MAX_SPAN = 4000;
/** Longest inline `$…$` fragment: inline formulas are short, and prices are common. */
const MAX_INLINE = 1000;
/** Deepest `\emph{\textbf{...}}` nesting followed; deeper stays literal text. */
const MAX_DEPTH = 6;

/**
 * Segments of `input`. Math: `$…$`, `$$…$$`, `\(…\)`, `\[…\]`; a delimiter without its
 * partner stays text, as does `\$`. Inline `$` follows pandoc's rule (no space just inside
 * either dollar; no digit right after the closing one when the fragment starts with a
 * number) so prices like "$5 and $10" or "$5--$10" stay text.
 */
export function splitMath(input: string): Segment[] {
  const out: Segment[] = [];
  scan(input, undefined, 0, out);
  return merge(out);
}

/** Each paragraph (blank-line separated) segmented on its own: inline math never spans one. */
export function splitParagraphs(input: string): Segment[][] {
  return input
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => splitMath(p));
}

/** A one-line plain-text rendering (panel titles, tooltips): math as a symbol or its TeX. */
export function segmentsToPlainText(segments: readonly Segment[]): string {
  let s = '';
  for (const seg of segments) {
    if (seg.kind === 'math') s += mathAsText(seg.tex);
    else if (seg.style === 'sup') s += superscriptText(seg.text);
    else s += seg.text;
  }
  return s.replace(/\s+/g, ' ').trim();
}

function mathAsText(tex: string): string {
  const t = tex.trim();
  const cmd = /^\\([A-Za-z]+)$/.exec(t);
  if (cmd && SYMBOLS[cmd[1]] !== undefined) return SYMBOLS[cmd[1]];
  return t;
}

function superscriptText(text: string): string {
  const chars = [...text];
  return chars.every((c) => SUPERSCRIPT_DIGITS[c] !== undefined)
    ? chars.map((c) => SUPERSCRIPT_DIGITS[c]).join('')
    : `^${text}`;
}

function scan(input: string, style: TextStyle | undefined, depth: number, out: Segment[]): void {
  let buf = '';
  const flush = () => {
    if (buf.length > 0) out.push(style ? { kind: 'text', text: buf, style } : { kind: 'text', text: buf });
    buf = '';
  };
  const pushMath = (tex: string, display: boolean, source: string) => {
    flush();
    out.push({ kind: 'math', tex, display, source });
  };

  let i = 0;
  while (i < input.length) {
    const c = input[i];
    const next = input[i + 1];

    if (c === '\\') {
      if (next !== undefined && ESCAPED.has(next)) {
        buf += next;
        i += 2;
        continue;
      }
      if (next === '(' || next === '[') {
        const close = next === '(' ? '\\)' : '\\]';
        const end = findPlain(input, close, i + 2);
        if (end >= 0 && input.slice(i + 2, end).trim().length > 0) {
          pushMath(input.slice(i + 2, end), next === '[', input.slice(i, end + 2));
          i = end + 2;
          continue;
        }
        buf += c + next;
        i += 2;
        continue;
      }
      if (next === '\\') {
        // A forced line break in running text reads as a space.
        buf += ' ';
        i += 2;
        continue;
      }
      const name = /^[A-Za-z]+/.exec(input.slice(i + 1, i + 40))?.[0];
      if (name !== undefined) {
        const after = i + 1 + name.length;
        if (name in STYLED_COMMANDS && input[after] === '{' && depth < MAX_DEPTH) {
          const end = matchingBrace(input, after);
          if (end >= 0) {
            flush();
            const inner = input.slice(after + 1, end);
            const innerStyle = STYLED_COMMANDS[name] ?? style;
            if (name === 'url') out.push({ kind: 'text', text: inner, style: 'code' });
            else scan(inner, innerStyle, depth + 1, out);
            i = end + 1;
            continue;
          }
        }
        const symbol = SYMBOLS[name];
        if (symbol !== undefined) {
          buf += symbol;
          i = after;
          // `\times{}` ends the command name; the braces are not text. A following space is
          // kept (TeX would swallow it) because `43\times faster` reads better with it.
          if (input.startsWith('{}', i)) i += 2;
          continue;
        }
        buf += '\\' + name;
        i = after;
        continue;
      }
      buf += c;
      i += 1;
      continue;
    }

    if (c === '$') {
      if (next === '$') {
        const end = findPlain(input, '$$', i + 2);
        if (end >= 0 && input.slice(i + 2, end).trim().length > 0) {
          pushMath(input.slice(i + 2, end), true, input.slice(i, end + 2));
          i = end + 2;
          continue;
        }
        buf += '$$';
        i += 2;
        continue;
      }
      const end = inlineDollarEnd(input, i);
      if (end >= 0) {
        pushMath(input.slice(i + 1, end), false, input.slice(i, end + 1));
        i = end + 1;
        continue;
      }
      buf += '$';
      i += 1;
      continue;
    }

    if (c === '^' && style !== 'sup') {
      const sup = superscriptAt(input, i, buf);
      if (sup) {
        flush();
        out.push({ kind: 'text', text: sup.text, style: 'sup' });
        i = sup.end;
        continue;
      }
    }

    if (style === 'code') {
      buf += c;
      i += 1;
      continue;
    }
    if (c === '~') {
      buf += ' ';
      i += 1;
      continue;
    }
    if (c === '-' && next === '-') {
      if (input[i + 2] === '-') {
        buf += '—';
        i += 3;
      } else {
        buf += '–';
        i += 2;
      }
      continue;
    }
    if (c === '`' && next === '`') {
      buf += '“';
      i += 2;
      continue;
    }
    if (c === "'" && next === "'") {
      buf += '”';
      i += 2;
      continue;
    }
    buf += c;
    i += 1;
  }
  flush();
}

/** Index of `needle` at or after `from`, skipping backslash escapes; -1 when absent or too far. */
function findPlain(input: string, needle: string, from: number): number {
  const limit = Math.min(input.length, from + MAX_SPAN);
  for (let j = from; j < limit; j++) {
    if (input.startsWith(needle, j)) return j;
    if (input[j] === '\\') j++;
  }
  return -1;
}

/** Closing `$` of an inline fragment opened at `open`, pandoc style; -1 when there is none. */
function inlineDollarEnd(input: string, open: number): number {
  const first = input[open + 1];
  if (first === undefined || /\s/.test(first)) return -1;
  const paragraphEnd = input.indexOf('\n\n', open);
  const limit = Math.min(input.length, open + 1 + MAX_INLINE, paragraphEnd < 0 ? Infinity : paragraphEnd);
  for (let j = input.indexOf('$', open + 1); j >= 0 && j < limit; j = input.indexOf('$', j + 1)) {
    if (isEscaped(input, j)) continue;
    if (input[j + 1] === '$') return -1;
    if (/\s/.test(input[j - 1])) continue;
    // A digit after the closing dollar means a price ("$5--$10") unless the fragment is
    // clearly TeX: "$\sim$10x" is math.
    if (/[0-9]/.test(input[j + 1] ?? '') && /^[0-9.,]/.test(first)) continue;
    return j > open + 1 ? j : -1;
  }
  return -1;
}

/** Whether the character at `at` follows an odd run of backslashes. */
function isEscaped(input: string, at: number): boolean {
  let n = 0;
  for (let k = at - 1; k >= 0 && input[k] === '\\'; k--) n++;
  return n % 2 === 1;
}

/** Index of the `}` matching the `{` at `open`, honouring `\{` `\}`; -1 when unbalanced. */
function matchingBrace(input: string, open: number): number {
  let depth = 0;
  const limit = Math.min(input.length, open + MAX_SPAN);
  for (let j = open; j < limit; j++) {
    const ch = input[j];
    if (ch === '\\') {
      j++;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) return j;
    }
  }
  return -1;
}

/**
 * A superscript written outside math, as in `LR^2VQ`, `O(n^2)`, `n^{-1}`, `10^-3`: only
 * after a letter, digit or closing bracket, and only short, so stray carets stay literal.
 */
function superscriptAt(input: string, caret: number, before: string): { text: string; end: number } | undefined {
  const prev = before[before.length - 1];
  if (prev === undefined || !/[A-Za-z0-9)\]]/.test(prev)) return undefined;
  if (input[caret + 1] === '{') {
    const end = input.indexOf('}', caret + 2);
    if (end < 0 || end - caret - 2 > 16) return undefined;
    const text = input.slice(caret + 2, end);
    return /^[^{}\\$]+$/.test(text) ? { text, end: end + 1 } : undefined;
  }
  const m = /^(?:-?[0-9]+|[A-Za-z*+†])/.exec(input.slice(caret + 1, caret + 20));
  return m ? { text: m[0], end: caret + 1 + m[0].length } : undefined;
}

/** Joins neighbouring text runs of one style, and reads `43times` (a lost `\times`) as `43×`. */
function merge(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const seg of segments) {
    const last = out[out.length - 1];
    if (seg.kind === 'text' && last?.kind === 'text' && last.style === seg.style) {
      out[out.length - 1] = { ...last, text: last.text + seg.text };
    } else {
      out.push(seg);
    }
  }
  return out.map((seg) =>
    seg.kind === 'text' && seg.style !== 'code' ? { ...seg, text: seg.text.replace(/(\d)times\b/g, '$1×') } : seg,
  );
}
