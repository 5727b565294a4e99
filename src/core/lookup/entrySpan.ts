/**
 * Where one entry of a .bib file starts and ends, in UTF-16 offsets of the text, so an upgrade
 * replaces exactly that entry and leaves every other byte of the file as it was.
 */

/**
 * The entry whose `@` is on 1-based `line` (as `parseBib` reports it): from the `@` to just
 * after the `}` or `)` that closes it. Braces nest; a `"…"` value (which may hold a `)` or an
 * unmatched-looking `}` inside braces) is skipped as BibTeX reads it. Lines are counted at
 * `\n`, so CRLF files count the same. Undefined when the line has no entry or it never closes.
 */
export function entrySpan(bibText: string, line: number): { start: number; end: number } | undefined {
  if (!Number.isInteger(line) || line < 1) return undefined;
  let lineStart = 0;
  for (let n = 1; n < line; n++) {
    const nl = bibText.indexOf('\n', lineStart);
    if (nl < 0) return undefined;
    lineStart = nl + 1;
  }
  const lineEnd = bibText.indexOf('\n', lineStart);
  const text = bibText.slice(lineStart, lineEnd < 0 ? bibText.length : lineEnd);
  const head = /@[ \t]*[A-Za-z][\w:-]*[ \t\r\n]*[{(]/y;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    head.lastIndex = lineStart + at;
    const m = head.exec(bibText);
    if (m === null) continue;
    const open = head.lastIndex - 1;
    const end = closingOf(bibText, open);
    return end === undefined ? undefined : { start: lineStart + at, end };
  }
  return undefined;
}

/** Offset just after the delimiter closing the one at `open`, or undefined. */
function closingOf(text: string, open: number): number | undefined {
  const closer = text[open] === '(' ? ')' : '}';
  let depth = 0;
  let quoted = false;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0) {
        // Only a `{…}` entry closes at a `}` of its own level; in a `(…)` entry it is a stray.
        if (closer === '}' && !quoted) return i + 1;
        if (closer === '}') return undefined;
        continue;
      }
      depth--;
    } else if (ch === '"' && depth === 0) quoted = !quoted;
    else if (ch === ')' && closer === ')' && depth === 0 && !quoted) return i + 1;
  }
  return undefined;
}
