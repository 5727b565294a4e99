/**
 * Feed base URLs are settings, so tests and mirrors can point elsewhere. A setting must not
 * be able to send requests in clear text to an arbitrary host: only https, or plain http to
 * the loopback interface (where the tests' fixture servers live), is accepted.
 */
export type BaseUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function checkBaseUrl(raw: string): BaseUrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: `"${raw}" is not a URL` };
  }
  if (url.username || url.password) {
    return { ok: false, reason: `"${raw}" must not contain a user name or password` };
  }
  if (url.search || url.hash) {
    return { ok: false, reason: `"${raw}" must not contain a query or fragment` };
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return { ok: false, reason: `"${raw}" must use https (plain http is allowed only for 127.0.0.1)` };
  }
  return { ok: true, url: url.toString().replace(/\/+$/, '') };
}

/**
 * `path` under `baseUrl`, keeping any path prefix the base has (a mirror at
 * `https://mirror.example.org/hf` gets `/hf/api/…`), which `new URL(path, base)` would drop.
 */
export function apiUrl(baseUrl: string, path: string): URL {
  const base = new URL(baseUrl);
  base.pathname = `${base.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  base.search = '';
  base.hash = '';
  return base;
}

/**
 * An address on this machine only (127.0.0.1, localhost, ::1), over http or https: for local
 * servers such as Zotero's, where nothing sent may leave the machine.
 */
export function checkLoopbackUrl(raw: string): BaseUrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: `"${raw}" is not a URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `"${raw}" must be an http address` };
  }
  if (!LOOPBACK_HOSTS.has(url.hostname)) {
    return { ok: false, reason: `"${raw}" is not on this computer (only 127.0.0.1, localhost or [::1] are allowed)` };
  }
  if (url.username || url.password || url.search || url.hash || url.pathname.replace(/\/+$/, '') !== '') {
    return { ok: false, reason: `"${raw}" must be a bare address such as http://127.0.0.1:23119` };
  }
  return { ok: true, url: url.origin };
}
