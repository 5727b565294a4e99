/**
 * The one HTML document of the PDF tab. Pure (no `vscode` import) so its Content Security
 * Policy is unit-tested. It holds the toolbar, in the words the host passes, and the addresses
 * of pdf.js's files; the PDF arrives later as bytes in a message.
 */
import { escapeHtml, makeNonce } from '../panel/paperHtml';

/** Every word of the PDF tab that is not from the PDF; `{0}` is filled in by the page. */
export interface PdfStrings {
  toolbar: string;
  previousPage: string;
  nextPage: string;
  page: string;
  /** "of {0}" after the page number. */
  ofPages: string;
  zoomOut: string;
  zoomIn: string;
  zoom: string;
  fitWidth: string;
  fitPage: string;
  automatic: string;
  find: string;
  findPrevious: string;
  findNext: string;
  /** "{0} of {1}" matches. */
  matches: string;
  noMatches: string;
  openInBrowser: string;
  tryAgain: string;
  cancel: string;
  opening: string;
  /** "Downloading… {0}" */
  downloading: string;
  /** "Downloading… {0} of {1}" */
  downloadingOf: string;
}

export interface PdfHtmlResources {
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  viewerStyleUri: string;
  workerUri: string;
  /** Folders (ending in `/`) of pdf.js's data files. */
  cMapUri: string;
  standardFontUri: string;
  wasmUri: string;
  iccUri: string;
  paperId: string;
  strings: PdfStrings;
  lang?: string;
  /** Only for tests; each real render draws a fresh one. */
  nonce?: string;
}

export function pdfContentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    // pdf.js draws annotation icons from its style sheet's images and decodes some images to blobs.
    `img-src ${cspSource} data: blob:`,
    // 'wasm-unsafe-eval' compiles pdf.js's image decoders (WebAssembly); it allows no JavaScript eval.
    `script-src 'nonce-${nonce}' 'wasm-unsafe-eval'`,
    'worker-src blob:',
    // The worker script and pdf.js's data files (character maps, fonts), from the extension only.
    `connect-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function button(action: string, label: string, glyph: string): string {
  const text = escapeHtml(label);
  return `<button type="button" data-action="${action}" title="${text}" aria-label="${text}">${glyph}</button>`;
}

export function pdfHtml(r: PdfHtmlResources): string {
  const nonce = r.nonce ?? makeNonce();
  const s = r.strings;
  const lang = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/.test(r.lang ?? '') ? (r.lang as string) : 'en';
  const data = {
    'data-paper-id': r.paperId,
    'data-strings': JSON.stringify(s),
    'data-worker': r.workerUri,
    'data-cmaps': r.cMapUri,
    'data-fonts': r.standardFontUri,
    'data-wasm': r.wasmUri,
    'data-iccs': r.iccUri,
  };
  const attributes = Object.entries(data)
    .map(([name, value]) => `${name}="${escapeHtml(value)}"`)
    .join(' ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(pdfContentSecurityPolicy(r.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(r.viewerStyleUri)}">
<link rel="stylesheet" href="${escapeHtml(r.styleUri)}">
<title>LitFeed PDF</title>
</head>
<body ${attributes}>
<div id="toolbar" role="toolbar" aria-label="${escapeHtml(s.toolbar)}">
  <div class="group">
    ${button('previousPage', s.previousPage, '&#8593;')}
    ${button('nextPage', s.nextPage, '&#8595;')}
    <label class="page"><span class="visually-hidden">${escapeHtml(s.page)}</span>
      <input id="pageNumber" type="number" min="1" value="1" disabled aria-label="${escapeHtml(s.page)}">
    </label>
    <span id="pageCount"></span>
  </div>
  <div class="group">
    ${button('zoomOut', s.zoomOut, '&#8722;')}
    <select id="zoom" aria-label="${escapeHtml(s.zoom)}" title="${escapeHtml(s.zoom)}">
      <option value="page-width">${escapeHtml(s.fitWidth)}</option>
      <option value="page-fit">${escapeHtml(s.fitPage)}</option>
      <option value="auto">${escapeHtml(s.automatic)}</option>
    </select>
    ${button('zoomIn', s.zoomIn, '+')}
  </div>
  <div class="group find" role="search">
    <input id="findInput" type="search" placeholder="${escapeHtml(s.find)}" aria-label="${escapeHtml(s.find)}" spellcheck="false">
    ${button('findPrevious', s.findPrevious, '&#8249;')}
    ${button('findNext', s.findNext, '&#8250;')}
    <span id="findResult" role="status" aria-live="polite"></span>
  </div>
  <div class="group end">
    <button type="button" data-action="openInBrowser" class="text">${escapeHtml(s.openInBrowser)}</button>
  </div>
</div>
<div id="status" role="status" aria-live="polite"></div>
<div id="viewerContainer" tabindex="0"><div id="viewer" class="pdfViewer"></div></div>
<script nonce="${escapeHtml(nonce)}" type="module" src="${escapeHtml(r.scriptUri)}"></script>
</body>
</html>
`;
}
