/**
 * Text characters as LaTeX writes them in a BibTeX field: the characters TeX treats as special
 * become text commands, and in ASCII mode accented letters, letters without a decomposition and
 * typographic symbols become LaTeX accents and commands (see bibtexEntry.ts for the rules).
 */

/** Combining marks and the LaTeX accent that draws them. */
const ACCENTS: Record<string, string> = {
  '\u0300': '`',
  '\u0301': "'",
  '\u0302': '^',
  '\u0303': '~',
  '\u0304': '=',
  '\u0306': 'u',
  '\u0307': '.',
  '\u0308': '"',
  '\u030A': 'r',
  '\u030B': 'H',
  '\u030C': 'v',
  '\u0323': 'd',
  '\u0327': 'c',
  '\u0328': 'k',
};

/** Characters with no decomposition into base letter + accents. */
const LATEX_CHARS: Record<string, string> = {
  // letters
  ß: '{\\ss}',
  æ: '{\\ae}',
  Æ: '{\\AE}',
  œ: '{\\oe}',
  Œ: '{\\OE}',
  ø: '{\\o}',
  Ø: '{\\O}',
  ł: '{\\l}',
  Ł: '{\\L}',
  ı: '{\\i}',
  ȷ: '{\\j}',
  å: '{\\aa}',
  Å: '{\\AA}',
  đ: '{\\dj}',
  Đ: '{\\DJ}',
  ð: '{\\dh}',
  Ð: '{\\DH}',
  þ: '{\\th}',
  Þ: '{\\TH}',
  ŋ: '{\\ng}',
  Ŋ: '{\\NG}',
  ĳ: '{\\ij}',
  Ĳ: '{\\IJ}',
  // Latin-1 symbols
  '\u00A0': '~',
  '¡': '{\\textexclamdown}',
  '¢': '{\\textcent}',
  '£': '{\\pounds}',
  '¤': '{\\textcurrency}',
  '¥': '{\\textyen}',
  '¦': '{\\textbrokenbar}',
  '§': '{\\S}',
  '¨': '{\\textasciidieresis}',
  '©': '{\\copyright}',
  ª: '{\\textordfeminine}',
  '«': '{\\guillemotleft}',
  '¬': '{\\textlnot}',
  '\u00AD': '\\-',
  '®': '{\\textregistered}',
  '¯': '{\\textasciimacron}',
  '°': '{\\textdegree}',
  '±': '{\\textpm}',
  '²': '{\\texttwosuperior}',
  '³': '{\\textthreesuperior}',
  '´': '{\\textasciiacute}',
  µ: '{\\textmu}',
  '¶': '{\\P}',
  // The cedilla alone; its compatibility form is a space and a combining cedilla.
  '¸': '{\\c{}}',
  '·': '{$\\cdotp$}',
  '¹': '{\\textonesuperior}',
  º: '{\\textordmasculine}',
  '»': '{\\guillemotright}',
  '¼': '{\\textonequarter}',
  '½': '{\\textonehalf}',
  '¾': '{\\textthreequarters}',
  '¿': '{\\textquestiondown}',
  '×': '{\\texttimes}',
  '÷': '{\\textdiv}',
  // typographic punctuation, frequent in titles
  // Commands rather than the ligatures -- ``, which would merge with a neighbouring - or `.
  '–': '{\\textendash}',
  '—': '{\\textemdash}',
  '‘': '{\\textquoteleft}',
  '’': '{\\textquoteright}',
  '“': '{\\textquotedblleft}',
  '”': '{\\textquotedblright}',
  '…': '{\\ldots}',
  '†': '{\\textdagger}',
  '‡': '{\\textdaggerdbl}',
  '•': '{\\textbullet}',
  '€': '{\\texteuro}',
  '™': '{\\texttrademark}',
};

/** ASCII characters that mean something to LaTeX or BibTeX, as text. */
const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '%': '\\%',
  '&': '\\&',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};

/**
 * Greek letters as math (upper-case letters that look like Latin ones have no command in
 * LaTeX: they are the Latin letter), and a few symbols common in titles that exist only in
 * math. Written `{$…$}` like `·` above: a braced group is one token to BibTeX.
 */
const MATH_COMMANDS =
  'α alpha β beta γ gamma δ delta ε epsilon ζ zeta η eta θ theta ι iota κ kappa λ lambda μ mu ν nu ' +
  'ξ xi π pi ρ rho σ sigma ς varsigma τ tau υ upsilon φ phi χ chi ψ psi ω omega Γ Gamma Δ Delta ' +
  'Θ Theta Λ Lambda Ξ Xi Π Pi Σ Sigma Υ Upsilon Φ Phi Ψ Psi Ω Omega ϵ epsilon ϕ varphi ' +
  '→ rightarrow ← leftarrow ↔ leftrightarrow ⇒ Rightarrow ⇐ Leftarrow ⇔ Leftrightarrow ≤ leq ≥ geq ' +
  '≠ neq ≈ approx ≡ equiv ∼ sim ∞ infty ∈ in ∉ notin ⊂ subset ⊆ subseteq ∪ cup ∩ cap ' +
  '∀ forall ' +
  '∃ exists ∂ partial ∇ nabla ∑ sum ∏ prod √ surd ∫ int ⊕ oplus ⊗ otimes ∘ circ ⋅ cdot ℓ ell';

const MATH_CHARS: Record<string, string> = {
  // U+2212, the minus sign: a hyphen reads the same in a title.
  '\u2212': '-',
};
{
  const words = MATH_COMMANDS.split(' ');
  for (let i = 0; i + 1 < words.length; i += 2) MATH_CHARS[words[i]] = `{$\\${words[i + 1]}$}`;
  const latinLookalikes = ['ΑΒΕΖΗΙΚΜΝΟΡΤΧο', 'ABEZHIKMNOPTXo'];
  [...latinLookalikes[0]].forEach((c, i) => (MATH_CHARS[c] = latinLookalikes[1][i]));
}

/**
 * LaTeX for one non-ASCII character in ASCII mode, every byte ASCII:
 * 1. the tables above (letters, symbols, Greek);
 * 2. the compatibility form (NFKC: `ﬁ` → `fi`, full-width and mathematical letters, `⁴` → `4`),
 *    itself escaped, so a full-width `＄` is still `\$` and a comma `{,}`;
 * 3. a Latin letter with accents: LaTeX accents for the marks it has a command for; marks
 *    without one are dropped (`ḁ` → `a`), as are accents on any other base (`ά` → `{$\alpha$}`);
 * 4. anything else as its code point, `[U+4E2D]`: readable, plain text to BibTeX and LaTeX, and
 *    nothing is silently lost.
 */
function asciiFor(ch: string, depth: number): string {
  const direct = LATEX_CHARS[ch] ?? MATH_CHARS[ch];
  if (direct !== undefined) return direct;
  const compat = ch.normalize('NFKC');
  // NFKC is idempotent, so one level of recursion settles it; the depth guard is belt and braces.
  // A comma from a decomposition (`🄃` is `2,`) is braced: in a name, BibTeX would read a bare
  // one as the `Last, First` separator the name was not split by.
  if (compat !== ch && depth < 2) {
    return [...compat].map((c) => (c === ',' ? '{,}' : charLatex(c, true, depth + 1))).join('');
  }
  const [base, ...marks] = [...ch.normalize('NFD')];
  if (marks.length > 0 && /^[A-Za-z]$/.test(base)) {
    let out = base;
    for (const mark of marks) {
      const cmd = ACCENTS[mark];
      if (cmd === undefined) continue;
      // Symbol accents (\" \' …) take the letter directly, letter accents (\c \v …) need a group.
      out = /[a-z]/i.test(cmd) ? `\\${cmd}{${out}}` : `\\${cmd}${out.length === 1 ? out : `{${out}}`}`;
    }
    return out === base ? base : `{${out}}`;
  }
  if (marks.length > 0 && depth < 2) return charLatex(base, true, depth + 1);
  const code = ch.codePointAt(0) as number;
  return `[U+${code.toString(16).toUpperCase().padStart(4, '0')}]`;
}

function charLatex(ch: string, ascii: boolean, depth: number): string {
  const code = ch.codePointAt(0) as number;
  if (code < 0x20 || code === 0x7f) return ' ';
  if (SPECIAL[ch] !== undefined) return SPECIAL[ch];
  if (code < 0x80 || !ascii) return ch;
  return asciiFor(ch, depth);
}

/**
 * Math content with every character ASCII: Greek and math symbols as their commands (`{\\alpha}`),
 * anything else as text in a box (`\\mbox{{\\"u}}`), which plain LaTeX allows in math.
 */
export function asciiMath(content: string): string {
  let out = '';
  for (const ch of content.normalize('NFC')) {
    if ((ch.codePointAt(0) as number) < 0x80) {
      out += ch;
      continue;
    }
    const command = /^\{\$(\\[A-Za-z]+)\$\}$/.exec(MATH_CHARS[ch] ?? '');
    out += command !== null ? `{${command[1]}}` : `\\mbox{${escapeLatexText(ch, true)}}`;
  }
  return out;
}

/**
 * `text` as LaTeX text: every special character escaped, braces as text commands, control
 * characters dropped. With `ascii`, every character of the result is ASCII (see `asciiFor`).
 */
export function escapeLatexText(text: string, ascii = false): string {
  let out = '';
  for (const ch of text.normalize('NFC')) out += charLatex(ch, ascii, 0);
  return out;
}
