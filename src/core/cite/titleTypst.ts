/**
 * A title's TeX math as plain Unicode text, for entries Typst reads. Typst's bibliography
 * engine takes `$…$` in a .bib for Typst math, not TeX: `\sim` is an escaped `s` then `im`,
 * commands it does not know are printed as written, an escaped dollar ends the span and makes
 * the whole file unreadable, and a letter its math font shapes into several glyphs (`ά`) stops
 * the document. Plain text has none of these problems, and the symbols arXiv titles use have a
 * Unicode character, so for Typst a span is written as the text it shows (rules in bibtexEntry.ts).
 */
import { SUPERSCRIPT_DIGITS, SYMBOLS } from '../view/texSymbols';

/** Math-only symbols the abstract view's table does not need (it reads text-mode TeX). */
const MATH_SYMBOLS: Record<string, string> = {
  mid: '|',
  vert: '|',
  Vert: '‖',
  '|': '‖',
  prime: '′',
  top: '⊤',
  bot: '⊥',
  perp: '⊥',
  emptyset: '∅',
  varnothing: '∅',
  neg: '¬',
  lnot: '¬',
  land: '∧',
  wedge: '∧',
  lor: '∨',
  vee: '∨',
  forall: '∀',
  exists: '∃',
  partial: '∂',
  nabla: '∇',
  sum: '∑',
  prod: '∏',
  int: '∫',
  cup: '∪',
  cap: '∩',
  subset: '⊂',
  subseteq: '⊆',
  supset: '⊃',
  supseteq: '⊇',
  notin: '∉',
  equiv: '≡',
  oplus: '⊕',
  otimes: '⊗',
  odot: '⊙',
  mapsto: '↦',
  longrightarrow: '⟶',
  Leftarrow: '⇐',
  Leftrightarrow: '⇔',
  iff: '⇔',
  implies: '⇒',
  uparrow: '↑',
  downarrow: '↓',
  langle: '⟨',
  rangle: '⟩',
  lceil: '⌈',
  rceil: '⌉',
  lfloor: '⌊',
  rfloor: '⌋',
  bullet: '•',
  cdotp: '·',
  div: '÷',
  setminus: '∖',
  hbar: 'ℏ',
  aleph: 'ℵ',
  iota: 'ι',
  upsilon: 'υ',
  omicron: 'ο',
  varsigma: 'ς',
  vartheta: 'ϑ',
  varrho: 'ϱ',
  varpi: 'ϖ',
  varkappa: 'ϰ',
  Xi: 'Ξ',
  Upsilon: 'Υ',
  dag: '†',
  ddagger: '‡',
  checkmark: '✓',
  lbrace: '{',
  rbrace: '}',
  lbrack: '[',
  rbrack: ']',
  colon: ':',
};

/** Operators TeX prints upright as their name. */
const OPERATORS = new Set(
  'log ln lg exp sin cos tan sinh cosh tanh arcsin arccos arctan max min arg argmax argmin sup inf lim det dim ker deg gcd Pr'.split(
    ' ',
  ),
);

/** Commands whose argument is shown as plain letters (a font or a text box). */
const FONT_COMMANDS = new Set(
  'mathcal mathscr mathfrak mathrm mathit mathbf mathsf mathtt mathnormal boldsymbol bm pmb text textrm textit textbf textsf texttt textnormal mbox operatorname'.split(
    ' ',
  ),
);

const SPACES: Record<string, string> = { ',': ' ', ';': ' ', ':': ' ', ' ': ' ', '!': '', quad: ' ', qquad: ' ' };

/** Sizing commands: the delimiter that follows is read as itself. */
const DELIMITER_SIZES = new Set(
  'left right middle big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr'.split(' '),
);

/** Accents over one letter, as the combining mark. */
const ACCENTS: Record<string, string> = {
  hat: '\u0302',
  widehat: '\u0302',
  bar: '\u0304',
  overline: '\u0305',
  tilde: '\u0303',
  widetilde: '\u0303',
  vec: '\u20d7',
  dot: '\u0307',
  ddot: '\u0308',
};

const SUPERSCRIPTS: Record<string, string> = {
  ...SUPERSCRIPT_DIGITS,
  '*': '*',
  '=': '⁼',
  '(': '⁽',
  ')': '⁾',
  T: 'ᵀ',
};

const SUBSCRIPTS: Record<string, string> = {
  ...Object.fromEntries([...'0123456789'].map((d, i) => [d, String.fromCodePoint(0x2080 + i)])),
  '+': '₊',
  '-': '₋',
  '−': '₋',
  '=': '₌',
  '(': '₍',
  ')': '₎',
  i: 'ᵢ',
  j: 'ⱼ',
  k: 'ₖ',
  n: 'ₙ',
  m: 'ₘ',
  t: 'ₜ',
  x: 'ₓ',
};

/** Marks written after a symbol as superscripts anyway: `Q^\\star` is `Q⋆`, `f^\\prime` is `f′`. */
const RAISED_MARKS = new Set(['⋆', '*', '∗', '†', '‡', '′', '″']);

/** Double-struck capitals: the letterlike ones in the BMP, the rest from the math block. */
const DOUBLE_STRUCK: Record<string, string> = { C: 'ℂ', H: 'ℍ', N: 'ℕ', P: 'ℙ', Q: 'ℚ', R: 'ℝ', Z: 'ℤ' };

function doubleStruck(text: string): string {
  return [...text]
    .map((c) => DOUBLE_STRUCK[c] ?? (/^[A-Z]$/.test(c) ? String.fromCodePoint(0x1d538 + c.charCodeAt(0) - 65) : c))
    .join('');
}

/** Reads TeX math left to right; every method returns undefined for what has no plain form. */
class MathReader {
  private i = 0;

  constructor(private readonly s: string) {}

  /** Atoms up to the end, or up to and including the `}` closing a group when `group`. */
  sequence(group: boolean): string | undefined {
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '}') {
        if (!group) return undefined;
        this.i++;
        return out;
      }
      let piece: string | undefined;
      if (c === '^' || c === '_') {
        this.i++;
        const arg = this.argument();
        piece = arg === undefined ? undefined : script(arg, c === '^');
      } else {
        piece = this.atom();
      }
      if (piece === undefined) return undefined;
      out += piece;
    }
    return group ? undefined : out;
  }

  /** A group, a command with its arguments, a space or one character. */
  private atom(): string | undefined {
    const c = this.s[this.i];
    if (c === '{') {
      this.i++;
      return this.sequence(true);
    }
    if (c === '\\') return this.command();
    if (/\s/.test(c)) {
      while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
      return ' ';
    }
    const ch = String.fromCodePoint(this.s.codePointAt(this.i) ?? 0);
    this.i += ch.length;
    if (ch === '~') return ' ';
    if (ch === "'") return '′';
    return ch;
  }

  /** The argument of `^`, `_` or a command: a group, a command or one character. */
  private argument(): string | undefined {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
    if (this.i >= this.s.length || this.s[this.i] === '}') return undefined;
    return this.atom();
  }

  private command(): string | undefined {
    const m = /^\\([A-Za-z]+|.)/su.exec(this.s.slice(this.i));
    if (m === null) return undefined;
    this.i += m[0].length;
    const name = m[1];
    if ('%$&#_{}'.includes(name)) return name;
    if (Object.hasOwn(SPACES, name)) return SPACES[name];
    // A symbol table is searched by own keys only: `\\constructor` is no symbol.
    const own = (table: Record<string, string>) => (Object.hasOwn(table, name) ? table[name] : undefined);
    const symbol = own(SYMBOLS) ?? own(MATH_SYMBOLS);
    if (symbol !== undefined) return symbol;
    // Spaced from a letter or number on either side, as TeX spaces an operator.
    if (OPERATORS.has(name)) return /^\s*[\p{L}\p{N}\\]/u.test(this.s.slice(this.i)) ? ` ${name} ` : ` ${name}`;
    if (DELIMITER_SIZES.has(name)) {
      if (this.s[this.i] === '.') this.i++;
      return '';
    }
    if (FONT_COMMANDS.has(name) || name === 'mathbb' || name === 'mathbbm') {
      const arg = this.argument();
      return arg === undefined ? undefined : name.startsWith('mathbb') ? doubleStruck(arg) : arg;
    }
    if (Object.hasOwn(ACCENTS, name)) {
      const arg = this.argument();
      return arg !== undefined && [...arg].length === 1 ? arg + ACCENTS[name] : undefined;
    }
    if (name === 'frac' || name === 'tfrac' || name === 'dfrac') {
      const top = this.argument();
      const bottom = this.argument();
      if (top === undefined || bottom === undefined) return undefined;
      return `${operand(top)}/${operand(bottom)}`;
    }
    if (name === 'sqrt') {
      const arg = this.argument();
      return arg === undefined ? undefined : `√${operand(arg)}`;
    }
    return undefined;
  }
}

/** One character or a bracketed term as it is; anything longer in parentheses. */
function operand(text: string): string {
  const t = text.trim();
  return [...t].length <= 1 || /^\(.*\)$/.test(t) ? t : `(${t})`;
}

/** A sub- or superscript in Unicode script characters, all of them or none. */
function script(text: string, up: boolean): string | undefined {
  const t = text.trim();
  if (up && RAISED_MARKS.has(t)) return t;
  const table = up ? SUPERSCRIPTS : SUBSCRIPTS;
  const chars = [...t];
  if (chars.length === 0 || !chars.every((c) => Object.hasOwn(table, c))) return undefined;
  return chars.map((c) => table[c]).join('');
}

/**
 * The plain Unicode text a TeX math span shows (`\\sim` → `∼`, `n^2` → `n²`, `\\ell_1` →
 * `ℓ₁`, `\\mathcal{O}` → `O`), or undefined when some part of it has no plain form (an unknown
 * command, a superscript with no Unicode superscript).
 */
export function mathText(tex: string): string | undefined {
  const text = new MathReader(tex).sequence(false);
  if (text === undefined) return undefined;
  return text
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(/([([{⟨]) /g, '$1')
    .replace(/ ([)\]},.;:!?⟩])/g, '$1')
    .trim();
}
