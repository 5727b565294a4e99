/**
 * Which URLs the abstract view may open. The page asks the host to open a link; the host
 * opens it only when this says yes, and uses the normalised URL returned here so that what
 * was checked is exactly what opens. Anything else is refused with a reason the user sees.
 */
import type { Paper } from '../paper';

/** Hosts every paper may link to. Exact names: no subdomains beyond those listed. */
export const KNOWN_LINK_HOSTS: readonly string[] = [
  'huggingface.co',
  'arxiv.org',
  'export.arxiv.org',
  'www.arxiv.org',
  'github.com',
];

/** Longest URL considered at all; real paper links are far shorter. */
const MAX_URL_LENGTH = 2048;

export type LinkRefusalCode = 'malformed' | 'scheme' | 'characters' | 'credentials' | 'port' | 'host';

export interface LinkRefusal {
  code: LinkRefusalCode;
  /** English explanation, for logs and tests; the extension shows a localised one per code. */
  message: string;
}

export type LinkCheck = { ok: true; url: string } | { ok: false; refusal: LinkRefusal };

const MESSAGES: Record<LinkRefusalCode, string> = {
  malformed: 'it is not a valid web address',
  scheme: 'only https links are opened',
  characters: 'it contains characters that could disguise where it leads',
  credentials: 'it carries a user name or password, which can disguise where it leads',
  port: 'it names a non-standard port',
  host: 'its site is not one LitFeed opens (Hugging Face, arXiv, GitHub, or the paper’s project page)',
};

function refuse(code: LinkRefusalCode): LinkCheck {
  return { ok: false, refusal: { code, message: MESSAGES[code] } };
}

/**
 * Parses `url` as an https address with nothing that disguises its destination: printable
 * ASCII only (no spaces, bidi controls, zero-width or look-alike letters), no user info, the
 * default port, a dotted DNS name that is neither an IP literal nor punycode.
 */
function parseSafeHttps(url: unknown): { ok: true; parsed: URL } | { ok: false; code: LinkRefusalCode } {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) {
    return { ok: false, code: 'malformed' };
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1];
  if (scheme === undefined) return { ok: false, code: /^\s/.test(url) ? 'characters' : 'malformed' };
  if (scheme.toLowerCase() !== 'https') return { ok: false, code: 'scheme' };
  // The URL parser silently drops tabs/newlines and maps `\` to `/`; refuse rather than guess.
  if (!/^[\x21-\x7e]+$/.test(url) || url.includes('\\')) return { ok: false, code: 'characters' };
  if (!/^https:\/\/[^/]/i.test(url)) return { ok: false, code: 'malformed' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, code: 'malformed' };
  }
  if (parsed.protocol !== 'https:') return { ok: false, code: 'scheme' };
  if (parsed.username !== '' || parsed.password !== '' || /^https:\/\/[^/?#]*@/i.test(url)) {
    return { ok: false, code: 'credentials' };
  }
  if (parsed.port !== '') return { ok: false, code: 'port' };
  const host = parsed.hostname;
  if (host.split('.').some((label) => label.startsWith('xn--'))) return { ok: false, code: 'characters' };
  if (!isDnsName(host)) return { ok: false, code: 'host' };
  return { ok: true, parsed };
}

/** A dotted name of letter/digit/hyphen labels, not an IP address, no trailing dot. */
function isDnsName(host: string): boolean {
  if (!host.includes('.') || host.endsWith('.')) return false;
  if (/^[0-9.]+$/.test(host) || host.startsWith('[')) return false;
  return host.split('.').every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label));
}

/** The host of the paper's project page when that page is itself a safe https address. */
export function projectPageHost(paper: Pick<Paper, 'links'> | undefined): string | undefined {
  const project = paper?.links?.project;
  const check = parseSafeHttps(project);
  return check.ok ? check.parsed.hostname : undefined;
}

/**
 * Whether the abstract view may open `url` for `paper`, and the normalised URL to open.
 * Allowed: https to huggingface.co, arxiv.org (export., www.), github.com, and the host of
 * the paper's own project page.
 */
export function checkLink(url: unknown, paper?: Pick<Paper, 'links'>): LinkCheck {
  const safe = parseSafeHttps(url);
  if (!safe.ok) return refuse(safe.code);
  const host = safe.parsed.hostname;
  if (!KNOWN_LINK_HOSTS.includes(host) && host !== projectPageHost(paper)) return refuse('host');
  // Normalising percent-encodes; the result must pass again when the page sends it back.
  if (safe.parsed.href.length > MAX_URL_LENGTH) return refuse('malformed');
  return { ok: true, url: safe.parsed.href };
}

export function isAllowedLink(url: unknown, paper?: Pick<Paper, 'links'>): boolean {
  return checkLink(url, paper).ok;
}

/** Why `url` is refused (English), or undefined when it is allowed. */
export function linkRefusalReason(url: unknown, paper?: Pick<Paper, 'links'>): LinkRefusal | undefined {
  const check = checkLink(url, paper);
  return check.ok ? undefined : check.refusal;
}

/**
 * Where thumbnails may load from. Images load without a click, so they tell a server the
 * paper is being read: only Hugging Face's own hosts (its CDNs are subdomains) and arXiv.
 * The abstract view's Content Security Policy is built from this list too.
 */
export const IMAGE_HOSTS: readonly { host: string; subdomains: boolean }[] = [
  { host: 'huggingface.co', subdomains: true },
  { host: 'arxiv.org', subdomains: false },
];

/** Whether a thumbnail may be loaded: https to one of IMAGE_HOSTS, nothing disguised. */
export function isAllowedImage(url: unknown): url is string {
  const safe = parseSafeHttps(url);
  if (!safe.ok) return false;
  const name = safe.parsed.hostname;
  return IMAGE_HOSTS.some(({ host, subdomains }) => name === host || (subdomains && name.endsWith(`.${host}`)));
}

/** The normalised form of an allowed image URL. */
export function normaliseImageUrl(url: unknown): string | undefined {
  if (!isAllowedImage(url)) return undefined;
  return new URL(url).href;
}
