/**
 * Citation keys in LaTeX: `\cite`-family commands (natbib, biblatex, plain LaTeX) with up to two
 * optional arguments, biblatex's multicite and volcite commands, skipping comments, verbatim
 * environments, `\verb`-like inline code and `\iffalse … \fi` blocks.
 */
import type { CitedKey } from '../citationScan';
import {
  BACKSLASH,
  CR,
  HASH,
  LBRACE,
  LBRACKET,
  LF,
  LPAREN,
  PERCENT,
  RBRACE,
  RBRACKET,
  RPAREN,
  SPACE,
  STAR,
  TAB,
  NextIndex,
  blankLineAt,
  isAsciiLetter,
  lineEnd,
  pushTrimmed,
} from './chars';

/** Environments whose body LaTeX reads as raw text (`comment` drops it). */
const VERBATIM_ENVS = new Set(['verbatim', 'Verbatim', 'BVerbatim', 'LVerbatim', 'lstlisting', 'minted', 'comment']);

/** Commands with `cite` in their name that configure citing rather than cite. */
const NOT_CITING = /^(?:[Dd]eclare|new|renew|provide|[Ss]et)|^citestyle$/;

/** etoolbox/ifthen macros named `\if…` that, unlike TeX's conditionals, take no `\fi`. */
const IF_MACROS = new Set([
  'ifthenelse',
  'iftoggle',
  'ifbool',
  'ifdef',
  'ifundef',
  'ifstrequal',
  'ifstrempty',
  'ifblank',
  'ifboolexpr',
  'ifnumcomp',
  'ifdefempty',
  'ifcsdef',
  'ifcsundef',
  'ifdefstring',
]);

/**
 * How far an optional argument is followed before giving up. Real pre- and postnotes are a few
 * words; the bound keeps an unclosed `[` from making each later command rescan the paragraph.
 */
const MAX_OPTIONAL = 1000;

type CiteForm = 'single' | 'multi' | 'vol' | 'volMulti';

function citeForm(name: string): CiteForm | undefined {
  if (name.indexOf('cite') < 0 && name.indexOf('Cite') < 0) return undefined;
  if (NOT_CITING.test(name)) return undefined;
  const vol = /volcite/i.test(name);
  const multi = name.endsWith('cites') || name.endsWith('citetexts') || (vol && name.endsWith('s'));
  return vol ? (multi ? 'volMulti' : 'vol') : multi ? 'multi' : 'single';
}

export function scanLatex(text: string): CitedKey[] {
  return new LatexScanner(text).run();
}

class LatexScanner {
  private readonly out: CitedKey[] = [];
  private readonly n: number;
  /** Set once an `\iffalse` ran to the end unclosed: later ones are not followed (keeps it linear). */
  private iffalseUnclosed = false;
  /** Where the next `]`, `)` and `}` are: an argument with none ahead fails at once. */
  private readonly closers: NextIndex[];

  constructor(private readonly text: string) {
    this.n = text.length;
    this.closers = [']', ')', '}'].map((c) => new NextIndex(text, c));
  }

  run(): CitedKey[] {
    const text = this.text;
    let i = 0;
    while (i < this.n) {
      const c = text.charCodeAt(i);
      if (c === PERCENT) {
        i = lineEnd(text, i);
      } else if (c === BACKSLASH) {
        const nameEnd = this.nameEnd(i + 1);
        // A control symbol (`\%`, `\\`, `\{`) is two characters and never a comment start.
        i = nameEnd === i + 1 ? i + 2 : this.command(text.slice(i + 1, nameEnd), nameEnd);
      } else {
        i++;
      }
    }
    return this.out;
  }

  private nameEnd(p: number): number {
    while (p < this.n && isAsciiLetter(this.text.charCodeAt(p))) p++;
    return p;
  }

  /** Handles `\name` ending at `p`; returns where scanning goes on. */
  private command(name: string, p: number): number {
    switch (name) {
      case 'begin':
        return this.verbatimEnv(p);
      case 'verb':
      case 'Verb':
        return this.inlineVerbatim(this.text.charCodeAt(p) === STAR ? p + 1 : p, 0);
      case 'lstinline':
        return this.inlineVerbatim(p, 1);
      case 'mintinline':
        return this.inlineVerbatim(p, 2);
      case 'url':
      case 'path':
      case 'href':
        // The URL argument is read verbatim: `%` and `#` there are characters, not syntax.
        return this.text.charCodeAt(p) === LBRACE ? this.plainGroupEnd(p) : p;
      case 'iffalse':
        return this.iffalse(p);
    }
    const form = citeForm(name);
    if (form === undefined) return p;
    const mark = this.out.length;
    const end = this.citation(form, this.text.charCodeAt(p) === STAR ? p + 1 : p);
    if (end < 0) {
      this.out.length = mark;
      return p;
    }
    return end;
  }

  /** `\begin{verbatim}` and friends: skip to the matching `\end{…}` (to the end when missing). */
  private verbatimEnv(p: number): number {
    const q = this.skipSpace(p);
    if (this.text.charCodeAt(q) !== LBRACE) return p;
    const close = this.text.indexOf('}', q + 1);
    if (close < 0 || close - q > 40) return p;
    const env = this.text.slice(q + 1, close);
    if (!VERBATIM_ENVS.has(env.endsWith('*') ? env.slice(0, -1) : env)) return p;
    const endTag = `\\end{${env}}`;
    const e = this.text.indexOf(endTag, close + 1);
    return e < 0 ? this.n : e + endTag.length;
  }

  /**
   * `\verb|…|`, `\lstinline[opts]{…}`, `\mintinline[opts]{lang}|…|`: `braced` arguments come
   * first (1 optional + …), then the code, delimited by any character or by braces.
   */
  private inlineVerbatim(p: number, args: number): number {
    let q = p;
    if (args > 0) {
      q = this.skipSpace(q);
      if (this.text.charCodeAt(q) === LBRACKET) {
        const e = this.delimitedEnd(q, RBRACKET);
        if (e < 0) return p;
        q = this.skipSpace(e);
      }
      if (args > 1) {
        if (this.text.charCodeAt(q) !== LBRACE) return p;
        q = this.plainGroupEnd(q);
      }
    }
    if (q >= this.n) return this.n;
    const delim = this.text[q];
    const closeChar = delim === '{' ? '}' : delim;
    const close = this.text.indexOf(closeChar, q + 1);
    // Inline verbatim cannot cross a line: an unclosed one is an error LaTeX reports, not code.
    if (close < 0 || close > lineEnd(this.text, q + 1)) return q + 1;
    return close + 1;
  }

  /** A `{…}` group read as plain characters: ends at the first `}`, bounded by the line. */
  private plainGroupEnd(p: number): number {
    const close = this.text.indexOf('}', p + 1);
    return close < 0 || close > lineEnd(this.text, p) ? p + 1 : close + 1;
  }

  /**
   * `\iffalse … \fi`, counting nested `\if…` as TeX does; an `\else` at the top level ends the
   * skipped part (what follows it is typeset).
   */
  private iffalse(p: number): number {
    if (this.iffalseUnclosed) return p;
    const text = this.text;
    let depth = 0;
    let q = p;
    while (q < this.n) {
      const c = text.charCodeAt(q);
      if (c === PERCENT) {
        q = lineEnd(text, q);
      } else if (c === BACKSLASH) {
        const e = this.nameEnd(q + 1);
        if (e === q + 1) {
          q += 2;
          continue;
        }
        const name = text.slice(q + 1, e);
        q = e;
        if (name === 'fi') {
          if (depth === 0) return q;
          depth--;
        } else if (name === 'else' && depth === 0) {
          return q;
        } else if (name.startsWith('if') && !IF_MACROS.has(name)) {
          depth++;
        }
      } else {
        q++;
      }
    }
    this.iffalseUnclosed = true;
    return p;
  }

  /** The arguments of a citing command from `p`; the offset after them, or -1 when it does not cite. */
  private citation(form: CiteForm, p: number): number {
    if (form === 'single') return this.keyGroup(p, false);
    if (form === 'vol') return this.keyGroup(p, true);
    let q = this.skipSpace(p);
    // The multicite `(prenote)(postnote)` pair for the whole list.
    for (let k = 0; k < 2 && this.text.charCodeAt(q) === LPAREN; k++) {
      const e = this.delimitedEnd(q, RPAREN);
      if (e < 0) return -1;
      q = this.skipSpace(e);
    }
    let groups = 0;
    for (;;) {
      const mark = this.out.length;
      const e = this.keyGroup(q, form === 'volMulti');
      if (e < 0) {
        this.out.length = mark;
        return groups > 0 ? q : -1;
      }
      groups++;
      q = e;
      const next = this.skipSpace(q);
      const c = this.text.charCodeAt(next);
      if (c !== LBRACKET && c !== LBRACE) return q;
      q = next;
    }
  }

  /** `[pre][post]{keys}`, or with `vol`, `[pre]{volume}[pages]{key}`; the offset after it, or -1. */
  private keyGroup(p: number, vol: boolean): number {
    let q = this.skipSpace(p);
    for (let k = 0; k < (vol ? 1 : 2) && this.text.charCodeAt(q) === LBRACKET; k++) {
      const e = this.delimitedEnd(q, RBRACKET);
      if (e < 0) return -1;
      q = this.skipSpace(e);
    }
    if (vol) {
      if (this.text.charCodeAt(q) !== LBRACE) return -1;
      const e = this.delimitedEnd(q, RBRACE);
      if (e < 0) return -1;
      q = this.skipSpace(e);
      if (this.text.charCodeAt(q) === LBRACKET) {
        const e2 = this.delimitedEnd(q, RBRACKET);
        if (e2 < 0) return -1;
        q = this.skipSpace(e2);
      }
    }
    if (this.text.charCodeAt(q) !== LBRACE) return -1;
    return this.keyList(q);
  }

  /**
   * The comma-separated keys of the `{…}` at `p`; the offset after its `}`, or -1 when it is not
   * closed before a `{` or a blank line. A `%` comments out the rest of its line inside the list;
   * keys holding a macro or `#` (a macro parameter, as in `\newcommand\c[1]{\cite{#1}}`) are not
   * keys a bibliography defines, and `*` (`\nocite{*}`) is every key, not one.
   */
  private keyList(p: number): number {
    const text = this.text;
    let start = -1;
    let end = -1;
    let bad = false;
    const emit = () => {
      if (start >= 0 && !bad && !(end === start + 1 && text.charCodeAt(start) === STAR)) {
        pushTrimmed(this.out, text, start, end);
      }
      start = -1;
      bad = false;
    };
    let q = p + 1;
    while (q < this.n) {
      const c = text.charCodeAt(q);
      if (c === RBRACE) {
        emit();
        return q + 1;
      }
      if (c === 0x2c) {
        emit();
        q++;
        continue;
      }
      if (c === PERCENT) {
        q = lineEnd(text, q);
        continue;
      }
      if (c === LF) {
        if (blankLineAt(text, q + 1)) return -1;
        q++;
        continue;
      }
      if (c === SPACE || c === TAB || c === CR) {
        q++;
        continue;
      }
      if (c === LBRACE) return -1;
      if (c === BACKSLASH || c === HASH) bad = true;
      if (start < 0) start = q;
      q += c === BACKSLASH ? 2 : 1;
      end = Math.min(q, this.n);
    }
    return -1;
  }

  /**
   * The offset after the `close` matching the opener at `p` (`[`, `(` or `{`), with braces
   * nesting inside; -1 when a blank line, an unmatched `}` or the bound comes first.
   */
  private delimitedEnd(p: number, close: number): number {
    const text = this.text;
    const limit = Math.min(this.n, p + MAX_OPTIONAL);
    const first = this.closers[close === RBRACKET ? 0 : close === RPAREN ? 1 : 2].at(p + 1);
    if (first < 0 || first >= limit) return -1;
    let depth = 0;
    let q = p + 1;
    while (q < limit) {
      const c = text.charCodeAt(q);
      if (c === BACKSLASH) {
        q += 2;
        continue;
      }
      if (c === PERCENT) {
        q = lineEnd(text, q);
        continue;
      }
      if (c === LF && blankLineAt(text, q + 1)) return -1;
      if (depth === 0 && c === close) return q + 1;
      if (c === LBRACE) depth++;
      else if (c === RBRACE && depth-- === 0) return -1;
      q++;
    }
    return -1;
  }

  /** Spaces, tabs, one line break and comments between a command and its arguments. */
  private skipSpace(p: number): number {
    const text = this.text;
    let q = p;
    while (q < this.n) {
      const c = text.charCodeAt(q);
      if (c === SPACE || c === TAB || c === CR) q++;
      else if (c === LF && !blankLineAt(text, q + 1)) q++;
      else if (c === PERCENT) q = lineEnd(text, q);
      else break;
    }
    return q;
  }
}
