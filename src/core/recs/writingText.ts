/**
 * The words of a document being written, for ranking the library against it ("Papers for
 * this document"): markup is not what a manuscript is about. LaTeX commands, environment
 * names, citation keys and labels, comments, URLs and code blocks would otherwise be its
 * commonest words, and words rare in papers count most.
 */

/** Characters read at most: a 2 MB document costs what its first half-megabyte does. */
export const MAX_WRITING_CHARS = 500_000;

const RULES: [RegExp, string][] = [
  // Fenced code (Markdown, Quarto, Typst raw blocks).
  [/```[\s\S]*?```/g, ' '],
  // TeX comments (not an escaped \%).
  [/(^|[^\\])%.*$/gm, '$1 '],
  // Arguments that name things rather than say them: keys, labels, files, environments.
  [
    /\\(?:begin|end|label|ref|eqref|autoref|cref|Cref|cite\w*|nocite|input|include|includegraphics|bibliography\w*|usepackage|documentclass|url|href)\*?(?:\[[^\]]*\])*\{[^}]*\}/g,
    ' ',
  ],
  // Pandoc and Typst citations and references: [@key], @key, <label>.
  [/@[\w:.#$%&\-+?<>~/]+/g, ' '],
  [/<[\w:.-]+>/g, ' '],
  // Any other command name (its argument stays: \emph{words} keeps the words).
  [/\\[a-zA-Z@]+\*?/g, ' '],
  [/https?:\/\/\S+/g, ' '],
];

/** `text` with markup removed, at most `MAX_WRITING_CHARS` of it read. */
export function writingText(text: string): string {
  let out = text.length > MAX_WRITING_CHARS ? text.slice(0, MAX_WRITING_CHARS) : text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
