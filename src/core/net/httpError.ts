/**
 * How a failed request is described: one error type whose message can be shown to the user
 * as is, and the phrases for statuses, network codes, bodies that are not JSON and sizes.
 */
import { createRequire } from 'node:module';
import { errorMessage } from '../guards';

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

/** What went wrong in one attempt, kept open until we know how many attempts there were. */
export interface Failure {
  kind: HttpErrorKind;
  retryable: boolean;
  /** Short phrase for logs and messages: "503 Service Unavailable", "connection refused". */
  reason: string;
  status?: number;
  retryAfterMs?: number;
  toError(url: string, attempts: number): HttpError;
}

export function simpleFailure(
  kind: HttpErrorKind,
  retryable: boolean,
  reason: string,
  message: string,
  cause: unknown,
): Failure {
  return {
    kind,
    retryable,
    reason,
    toError: (url, attempts) =>
      new HttpError({
        kind,
        url,
        attempts,
        cause,
        message: message + (attempts > 1 ? ` (tried ${attempts} times)` : ''),
      }),
  };
}

export function tooLarge(host: string, maxBytes: number, declared?: number): Failure {
  const size =
    declared === undefined
      ? `larger than ${formatBytes(maxBytes)}`
      : `${formatBytes(declared)}, over the ${formatBytes(maxBytes)} limit`;
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

export function statusFailure(target: URL, response: Response, detail: string | undefined, now: number): Failure {
  const status = response.status;
  const reason = `${status} ${statusText(status) ?? response.statusText}`.trim();
  const retryable = status === 408 || status === 429 || status >= 500;
  // For a plain client error the path says what was missing or refused.
  const what = retryable ? '' : ` for ${target.pathname}`;
  const retryAfterMs = retryable ? parseRetryAfter(response.headers.get('retry-after'), now) : undefined;
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

export function mediaType(contentType: string | null): string {
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
export function describeNetworkError(err: unknown): { reason: string; retryable: boolean } {
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

export function describeNotJson(host: string, text: string, contentType: string | null, err: unknown): string {
  const start = `the response from ${host} is not valid JSON`;
  const type = mediaType(contentType);
  const looksHtml = type.includes('html') || /^\s*</.test(text);
  if (looksHtml) {
    return `${start} (got ${type || 'HTML'}; a network login page or a proxy may be answering instead)`;
  }
  if (text.trim() === '') return `${start} (the body is empty)`;
  if (type && !type.includes('json')) return `${start} (got ${type})`;
  const detail = errorMessage(err);
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
