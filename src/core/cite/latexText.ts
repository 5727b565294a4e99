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

/** LaTeX for one non-ASCII character, or the character itself when the table has none. */
function latexFor(ch: string): string {
  const direct = LATEX_CHARS[ch];
  if (direct !== undefined) return direct;
  const [base, ...marks] = [...ch.normalize('NFD')];
  if (marks.length === 0 || !/^[A-Za-z]$/.test(base) || marks.some((m) => ACCENTS[m] === undefined)) return ch;
  let out = base;
  for (const mark of marks) {
    const cmd = ACCENTS[mark];
    // Symbol accents (\" \' …) take the letter directly, letter accents (\c \v …) need a group.
    out = /[a-z]/i.test(cmd) ? `\\${cmd}{${out}}` : `\\${cmd}${out.length === 1 ? out : `{${out}}`}`;
  }
  return `{${out}}`;
}

/**
 * `text` as LaTeX text: every special character escaped, braces as text commands, control
 * characters dropped. With `ascii`, non-ASCII characters are written as LaTeX where known.
 */
export function escapeLatexText(text: string, ascii = false): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x20 || code === 0x7f) out += ' ';
    else if (SPECIAL[ch] !== undefined) out += SPECIAL[ch];
    else if (code < 0x80 || !ascii) out += ch;
    else out += latexFor(ch);
  }
  return out;
}
