/**
 * Every request LitFeed makes goes through here: a GET with a deadline, a few polite retries,
 * respect for Retry-After, a size cap and cancellation. Failures come back as one error type
 * whose message can be shown to the user as is.
 */
import { createRequire } from 'node:module';
import { silentLogger, type Logger } from './log';

export type HttpErrorKind = 'network' | 'timeout' | 'status' | 'too-large' | 'aborted' | 'parse';

export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly kind: HttpErrorKind;
  /** The URL that was asked for (before any redirect). */
  readonly url: string;
  readonly status?: number;
  /** How many requests were sent before giving up (0 when none could be sent). */
  readonly attempts: number;
  /** For a 429/503 whose Retry-After was more than we are willing to wait. */
  readonly retryAfterMs?: number;

  constructor(init: {
    kind: HttpErrorKind;
    url: string;
    message: string;
    attempts: number;
    status?: number;
    retryAfterMs?: number;
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.url = init.url;
    this.attempts = init.attempts;
    if (init.status !== undefined) this.status = init.status;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }
}

export interface HttpOptions {
  /** Per attempt; covers connecting and receiving the whole body. */
  timeoutMs?: number;
  /** Extra attempts after network errors, timeouts, 408, 429 and 5xx. */
  retries?: number;
  /** First backoff delay; doubled per attempt, with jitter. */
  backoffMs?: number;
  /** Longest Retry-After we honour; beyond it we fail at once rather than stall a refresh. */
  maxRetryAfterMs?: number;
  maxBytes?: number;
  /** Cancels the request in flight and any backoff pause. */
  signal?: AbortSignal;
  /** Full User-Agent; when absent one is built from `clientVersion`. */
  userAgent?: string;
  /** The extension's version, for the default User-Agent. */
  clientVersion?: string;
  headers?: Record<string, string>;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  log?: Logger;
  /** Source of jitter in [0, 1); injectable so tests can pin backoff delays. */
  random?: () => number;
  /** Clock for HTTP-date Retry-After values. */
  now?: () => number;
}

export interface TextResponse {
  status: number;
  text: string;
  headers: Headers;
  /** The URL that finally answered (after redirects). */
  url: string;
  attempts: number;
}

export const httpDefaults = {
  timeoutMs: 15_000,
  retries: 2,
  backoffMs: 500,
  maxRetryAfterMs: 30_000,
  maxBytes: 20 * 1024 * 1024,
} as const;

export function defaultUserAgent(clientVersion = 'dev'): string {
  return `LitFeed/${clientVersion} (VS Code extension)`;
}

/** A pause that ends early, rejecting, when the signal aborts; leaves no timer behind. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('aborted'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function getText(url: string, options: HttpOptions = {}): Promise<TextResponse> {
  const target = parseTarget(url);
  const settings = resolve(options);
  const host = target.host;
  const maxAttempts = 1 + settings.retries;
  const cancelled = (attempts: number) =>
    new HttpError({ kind: 'aborted', url, attempts, message: `request to ${host} was cancelled` });

  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw cancelled(attempt - 1);

    const outcome = await attemptOnce(target, settings, options.signal);
    if (outcome.ok) return { ...outcome.response, attempts: attempt };

    const failure = outcome.failure;
    if (failure.kind === 'aborted') throw cancelled(attempt);
    if (!failure.retryable || attempt >= maxAttempts) throw failure.toError(url, attempt);

    let wait: number;
    if (failure.retryAfterMs !== undefined) {
      if (failure.retryAfterMs > settings.maxRetryAfterMs) {
        throw new HttpError({
          kind: 'status',
          url,
          attempts: attempt,
          status: failure.status,
          retryAfterMs: failure.retryAfterMs,
          message:
            `${host} answered ${failure.reason} and asked to wait ${formatDuration(failure.retryAfterMs)} ` +
            `before trying again (LitFeed waits at most ${formatDuration(settings.maxRetryAfterMs)}); try again later`,
        });
      }
      wait = failure.retryAfterMs;
    } else {
      wait = backoffDelay(settings.backoffMs, attempt, settings.random);
    }

    settings.log.warn(
      `GET ${url}: ${failure.reason}; retrying in ${formatDuration(wait)} (attempt ${attempt + 1} of ${maxAttempts})`,
    );
    try {
      await pause(wait, settings.sleep, options.signal);
    } catch (err) {
      if (options.signal?.aborted) throw cancelled(attempt);
      throw err;
    }
  }
}

export async function getJson(url: string, options: HttpOptions = {}): Promise<unknown> {
  const response = await getText(url, {
    ...options,
    headers: { accept: 'application/json', ...options.headers },
  });
  try {
    return JSON.parse(response.text);
  } catch (err) {
    throw new HttpError({
      kind: 'parse',
      url,
      status: response.status,
      attempts: response.attempts,
      cause: err,
      message: describeNotJson(hostOf(url), response.text, response.headers.get('content-type'), err),
    });
  }
}

// ---------------------------------------------------------------------------------------------

interface Settings {
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  maxRetryAfterMs: number;
  maxBytes: number;
  headers: Headers;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  log: Logger;
  random: () => number;
  now: () => number;
}

function resolve(options: HttpOptions): Settings {
  const headers = new Headers();
  headers.set('accept', '*/*');
  headers.set('user-agent', options.userAgent ?? defaultUserAgent(options.clientVersion));
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
  return {
    timeoutMs: nonNegative(options.timeoutMs, httpDefaults.timeoutMs),
    retries: Math.floor(nonNegative(options.retries, httpDefaults.retries)),
    backoffMs: nonNegative(options.backoffMs, httpDefaults.backoffMs),
    maxRetryAfterMs: nonNegative(options.maxRetryAfterMs, httpDefaults.maxRetryAfterMs),
    maxBytes: nonNegative(options.maxBytes, httpDefaults.maxBytes),
    headers,
    sleep: options.sleep ?? delay,
    log: options.log ?? silentLogger,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
  };
}

function nonNegative(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function parseTarget(url: string): URL {
  let target: URL | undefined;
  try {
    target = new URL(url);
  } catch {
    target = undefined;
  }
  if (!target || (target.protocol !== 'https:' && target.protocol !== 'http:')) {
    throw new HttpError({ kind: 'network', url, attempts: 0, message: `"${url}" is not an http(s) URL` });
  }
  return target;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** What went wrong in one attempt, kept open until we know how many attempts there were. */
interface Failure {
  kind: HttpErrorKind;
  retryable: boolean;
  /** Short phrase for logs and messages: "503 Service Unavailable", "connection refused". */
  reason: string;
  status?: number;
  retryAfterMs?: number;
  toError(url: string, attempts: number): HttpError;
}

type Outcome = { ok: true; response: Omit<TextResponse, 'attempts'> } | { ok: false; failure: Failure };

async function attemptOnce(target: URL, settings: Settings, signal: AbortSignal | undefined): Promise<Outcome> {
  const host = target.host;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, settings.timeoutMs);
  const onCancel = () => controller.abort();
  signal?.addEventListener('abort', onCancel, { once: true });
  let phase: 'connect' | 'body' = 'connect';

  try {
    const response = await fetch(target, { headers: settings.headers, signal: controller.signal, redirect: 'follow' });
    phase = 'body';

    if (!response.ok) {
      const detail = await errorDetail(response);
      return { ok: false, failure: statusFailure(target, response, detail, settings) };
    }

    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > settings.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      return { ok: false, failure: tooLarge(host, settings.maxBytes, declared) };
    }
    const text = await readBody(response, settings.maxBytes);
    if (text === undefined) return { ok: false, failure: tooLarge(host, settings.maxBytes) };

    return { ok: true, response: { status: response.status, text, headers: response.headers, url: response.url || target.href } };
  } catch (err) {
    if (signal?.aborted) {
      return { ok: false, failure: simpleFailure('aborted', false, 'cancelled', 'cancelled', err) };
    }
    if (timedOut) {
      const limit = formatDuration(settings.timeoutMs);
      const where = phase === 'body' ? ' while receiving the response' : '';
      return {
        ok: false,
        failure: simpleFailure('timeout', true, `timed out after ${limit}`, `${host} timed out after ${limit}${where}`, err),
      };
    }
    const network = describeNetworkError(err);
    const message =
      phase === 'body'
        ? `the connection to ${host} broke off before the response was complete (${network.reason})`
        : `could not reach ${host} (${network.reason})`;
    return { ok: false, failure: simpleFailure('network', network.retryable, network.reason, message, err) };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onCancel);
  }
}

function simpleFailure(kind: HttpErrorKind, retryable: boolean, reason: string, message: string, cause: unknown): Failure {
  return {
    kind,
    retryable,
    reason,
    toError: (url, attempts) =>
      new HttpError({ kind, url, attempts, cause, message: message + (attempts > 1 ? ` (tried ${attempts} times)` : '') }),
  };
}

function tooLarge(host: string, maxBytes: number, declared?: number): Failure {
  const size = declared === undefined ? `larger than ${formatBytes(maxBytes)}` : `${formatBytes(declared)}, over the ${formatBytes(maxBytes)} limit`;
  return {
    kind: 'too-large',
    retryable: false,
    reason: 'response too large',
    toError: (url, attempts) =>
      new HttpError({ kind: 'too-large', url, attempts, message: `the response from ${host} is ${size}` }),
  };
}

/**
 * Node's text for a status code. `node:http` is loaded here, when a request has failed, not
 * at start-up: fetch does not need it, and loading it cost more than the rest of activation.
 */
function statusText(status: number): string | undefined {
  const http = createRequire(__filename)('node:http') as typeof import('node:http');
  return http.STATUS_CODES[status];
}

function statusFailure(target: URL, response: Response, detail: string | undefined, settings: Settings): Failure {
  const status = response.status;
  const reason = `${status} ${statusText(status) ?? response.statusText}`.trim();
  const retryable = status === 408 || status === 429 || status >= 500;
  // For a plain client error the path says what was missing or refused.
  const what = retryable ? '' : ` for ${target.pathname}`;
  const retryAfterMs = retryable ? parseRetryAfter(response.headers.get('retry-after'), settings.now()) : undefined;
  return {
    kind: 'status',
    retryable,
    reason,
    status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    toError: (url, attempts) =>
      new HttpError({
        kind: 'status',
        url,
        attempts,
        status,
        message:
          `${target.host} answered ${reason}${what}` +
          (attempts > 1 ? ` after ${attempts} attempts` : '') +
          (detail ? `: ${detail}` : ''),
      }),
  };
}

/** Reads the body of an error response for a short server explanation worth showing; never throws. */
async function errorDetail(response: Response): Promise<string | undefined> {
  let text: string | undefined;
  try {
    text = await readBody(response, 64 * 1024);
  } catch {
    return undefined;
  }
  if (!text) return undefined;
  const type = mediaType(response.headers.get('content-type'));
  let detail: string | undefined;
  if (type.includes('json')) {
    try {
      const body: unknown = JSON.parse(text);
      if (body && typeof body === 'object') {
        const record = body as Record<string, unknown>;
        const candidate = record.error ?? record.message;
        if (typeof candidate === 'string') detail = candidate;
      }
    } catch {
      detail = undefined;
    }
  } else if (type === 'text/plain') {
    detail = text;
  }
  detail = detail?.replace(/\s+/g, ' ').trim();
  if (!detail) return undefined;
  return detail.length > 200 ? `${detail.slice(0, 199)}…` : detail;
}

/** The whole body as text, or undefined once it passes `maxBytes` (counted after decompression). */
async function readBody(response: Response, maxBytes: number): Promise<string | undefined> {
  if (!response.body) return '';
  const decoder = decoderFor(response.headers.get('content-type'));
  const reader = response.body.getReader();
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function decoderFor(contentType: string | null): TextDecoder {
  const charset = /;\s*charset="?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
  if (charset) {
    try {
      return new TextDecoder(charset);
    } catch {
      // An unknown label: UTF-8 is the best guess for anything on the web today.
    }
  }
  return new TextDecoder('utf-8');
}

function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** Retry-After is either delta-seconds or an HTTP-date; anything else is ignored. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Every HTTP-date form starts with a day name; Date.parse alone would read "-3" as a year.
  if (!/^[A-Za-z]{3}/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Half the doubled delay is fixed, half random, so clients that failed together spread out. */
function backoffDelay(baseMs: number, attempt: number, random: () => number): number {
  const full = baseMs * 2 ** (attempt - 1);
  return Math.round(full / 2 + (random() * full) / 2);
}

async function pause(
  ms: number,
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (!signal) return sleep(ms);
  if (signal.aborted) throw new Error('aborted');
  // An injected sleep may ignore the signal; cancellation must not wait for it.
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([sleep(ms, signal), aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed unexpectedly',
  UND_ERR_SOCKET: 'connection closed unexpectedly',
  ENOTFOUND: 'host not found; offline, or DNS cannot resolve it',
  EAI_AGAIN: 'DNS lookup failed; offline?',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENETDOWN: 'network is down',
};

/** fetch wraps the real cause ("fetch failed" → SocketError → ECONNRESET); find a code worth naming. */
function describeNetworkError(err: unknown): { reason: string; retryable: boolean } {
  let deepestMessage: string | undefined;
  for (let current: unknown = err, depth = 0; current && depth < 6; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (TLS_CODES.has(code)) {
        return { reason: `certificate not trusted (${code}); a proxy may be intercepting HTTPS`, retryable: false };
      }
      const known = NETWORK_REASONS[code];
      if (known) return { reason: known, retryable: true };
    }
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string' && message) deepestMessage = message;
    current = (current as { cause?: unknown }).cause;
  }
  return { reason: deepestMessage ?? 'network error', retryable: true };
}

function describeNotJson(host: string, text: string, contentType: string | null, err: unknown): string {
  const start = `the response from ${host} is not valid JSON`;
  const type = mediaType(contentType);
  const looksHtml = type.includes('html') || /^\s*</.test(text);
  if (looksHtml) {
    return `${start} (got ${type || 'HTML'}; a network login page or a proxy may be answering instead)`;
  }
  if (text.trim() === '') return `${start} (the body is empty)`;
  if (type && !type.includes('json')) return `${start} (got ${type})`;
  const detail = err instanceof Error ? err.message : String(err);
  // V8 names the end of a cut-off text in several ways; an error at (or past) its last
  // character means the text stopped early, whatever the wording.
  const at = /at position (\d+)/.exec(detail);
  if (/end of (json )?input|unterminated/i.test(detail) || (at && Number(at[1]) >= text.trimEnd().length)) {
    return `${start} (it stops early, after ${formatBytes(Buffer.byteLength(text))})`;
  }
  return `${start} (${detail})`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 120) return `${Math.round(seconds * 10) / 10} s`;
  const minutes = seconds / 60;
  if (minutes < 120) return `${Math.round(minutes)} min`;
  return `${Math.round(minutes / 60)} h`;
}

export function formatBytes(bytes: number): string {
  const KiB = 1024;
  const MiB = 1024 * KiB;
  if (bytes >= MiB) return `${Math.round((bytes / MiB) * 10) / 10} MiB`;
  if (bytes >= KiB) return `${Math.round((bytes / KiB) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}
