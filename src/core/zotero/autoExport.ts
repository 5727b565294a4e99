/**
 * Whether a .bib is a Better BibTeX auto-export, which Zotero rewrites whenever the library
 * changes, so an entry LitFeed appended would vanish (or, worse, hide a key BBT does not
 * know). Better BibTeX offers no way to ask: its JSON-RPC API has `autoexport.add` only, no
 * `autoexport.list` (content/json-rpc.ts; users report -32601 for it). So a file counts as
 * one when the user lists it (`litfeed.zotero.autoExportFiles`), or when the comment lines
 * before its first entry name Better BibTeX / Better BibLaTeX, as a header added by a BBT
 * postscript or by hand does. BBT's own export writes no such header by default, so listing
 * the file is the reliable way.
 */

/** The comment lines before the first `@`, where a header would be. */
function leadingText(text: string): string {
  const at = text.search(/^\s*@/m);
  return (at < 0 ? text : text.slice(0, at)).slice(0, 4000);
}

export function hasBbtHeader(text: string): boolean {
  return /better\s*bib(la)?tex/i.test(leadingText(text));
}

/**
 * Whether `relativePath` (workspace-relative, forward slashes) is one of `listed`: an entry
 * matches the whole path or its last segments (`refs.bib` matches `paper/refs.bib`).
 */
export function isListed(relativePath: string, listed: readonly string[]): boolean {
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  return listed.some((raw) => {
    const entry = raw.trim().replace(/\\/g, '/').replace(/^\.\//, '');
    return entry !== '' && (path === entry || path.endsWith(`/${entry}`));
  });
}

export function isAutoExport(relativePath: string, text: string, listed: readonly string[]): boolean {
  return isListed(relativePath, listed) || hasBbtHeader(text);
}
