/**
 * The one HTML document of the abstract view. Pure (no `vscode` import) so its Content
 * Security Policy is unit-tested. The document holds no paper data: the page script draws
 * the paper from a message, so this template never interpolates untrusted text.
 */
import { createRequire } from 'node:module';
import { IMAGE_HOSTS } from '../../core/view/linkPolicy';

/**
 * `litfeed.abstractView.font`: prose in the workbench's proportional font (`ui`, as the
 * Markdown preview sets it) or in the editor's (`editor`). Code and math keep their own.
 */
export const ABSTRACT_FONTS = ['ui', 'editor'] as const;
export type AbstractFont = (typeof ABSTRACT_FONTS)[number];

export function isAbstractFont(value: unknown): value is AbstractFont {
  return (ABSTRACT_FONTS as readonly unknown[]).includes(value);
}

export interface PaperHtmlResources {
  /** `webview.cspSource`. */
  cspSource: string;
  /** Webview URIs (as strings) of the bundled page script and the style sheets. */
  scriptUri: string;
  styleUri: string;
  katexStyleUri: string;
  /** Document language, e.g. `vscode.env.language`. */
  lang?: string;
  /** Default `ui`. */
  font?: AbstractFont;
  /** Only for tests; each real render draws a fresh one. */
  nonce?: string;
}

/** 128 bits from the OS's CSPRNG, base64 (a valid CSP nonce). */
export function makeNonce(): string {
  // Loaded when the first abstract is shown rather than with the extension: node:crypto costs
  // about as much to load as reading the first screen's cache files.
  const crypto = createRequire(__filename)('node:crypto') as typeof import('node:crypto');
  return crypto.randomBytes(16).toString('base64');
}

/**
 * The CSP sources of the thumbnail hosts, from the same list `isAllowedImage` checks, so the
 * page can load no image the view model would not show. `*.host` matches subdomains only.
 */
export function imageSources(): string[] {
  return IMAGE_HOSTS.flatMap(({ host, subdomains }) =>
    subdomains ? [`https://${host}`, `https://*.${host}`] : [`https://${host}`],
  );
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${[cspSource, ...imageSources()].join(' ')}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** `& < > " '` escaped: for the few attribute values below, which come from VS Code, not papers. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function paperHtml(resources: PaperHtmlResources): string {
  const nonce = resources.nonce ?? makeNonce();
  const csp = contentSecurityPolicy(resources.cspSource, nonce);
  const lang = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/.test(resources.lang ?? '') ? resources.lang : 'en';
  const font = isAbstractFont(resources.font) ? resources.font : 'ui';
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(resources.katexStyleUri)}">
<link rel="stylesheet" href="${escapeHtml(resources.styleUri)}">
<title>LitFeed</title>
</head>
<body data-font="${font}">
<main id="paper"></main>
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(resources.scriptUri)}"></script>
</body>
</html>
`;
}
