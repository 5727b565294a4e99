/**
 * Every request LitFeed makes goes through here: a GET (or, for Zotero's local server, a POST)
 * with a deadline, a few polite retries, respect for Retry-After, a size cap and cancellation. Failures come back as one error type
 * (httpError.ts) whose message can be shown to the user as is.
 */
import { silentLogger, type Logger } from '../log';
import {
  HttpError,
  describeNetworkError,
  describeNotJson,
  formatDuration,
  mediaType,
  simpleFailure,
  statusFailure,
  tooLarge,
  type Failure,
} from './httpError';

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
  const { value, attempts } = await withRetries(url, options, attemptText());
  return { ...value, attempts };
}

/**
 * A POST of `body` (sent as `contentType`), read like `getText`. Not retried unless the caller
 * asks: a POST may not be idempotent, and a save sent twice is two saves.
 */
export async function postText(
  url: string,
  body: string,
  contentType: string,
  options: HttpOptions = {},
): Promise<TextResponse> {
  const withType = { retries: 0, ...options, headers: { ...options.headers, 'content-type': contentType } };
  const { value, attempts } = await withRetries(url, withType, attemptText({ method: 'POST', body }));
  return { ...value, attempts };
}

/** POSTs `value` as JSON and reads the answer as JSON (an empty body is `undefined`). */
export async function postJson(url: string, value: unknown, options: HttpOptions = {}): Promise<unknown> {
  const response = await postText(url, JSON.stringify(value), 'application/json', {
    ...options,
    headers: { accept: 'application/json', ...options.headers },
  });
  if (response.text.trim() === '') return undefined;
  return parseJson(url, response);
}

/** One try at a request: what it got, or why it failed (retryable or not). */
export type Attempt<T> = (
  target: URL,
  settings: ResolvedHttpOptions,
  signal: AbortSignal | undefined,
) => Promise<{ ok: true; value: T } | { ok: false; failure: Failure }>;

/**
 * Runs `attempt` until it succeeds, fails for good, or the retries are used up: the backoff,
 * Retry-After and cancellation rules every request shares, whatever it does with the body.
 */
export async function withRetries<T>(
  url: string,
  options: HttpOptions,
  attempt: Attempt<T>,
): Promise<{ value: T; attempts: number }> {
  const target = parseTarget(url);
  const settings = resolve(options);
  const host = target.host;
  const maxAttempts = 1 + settings.retries;
  const cancelled = (attempts: number) =>
    new HttpError({ kind: 'aborted', url, attempts, message: `request to ${host} was cancelled` });

  for (let tries = 1; ; tries++) {
    if (options.signal?.aborted) throw cancelled(tries - 1);

    const outcome = await attempt(target, settings, options.signal);
    if (outcome.ok) return { value: outcome.value, attempts: tries };

    const failure = outcome.failure;
    if (failure.kind === 'aborted') throw cancelled(tries);
    if (!failure.retryable || tries >= maxAttempts) throw failure.toError(url, tries);

    let wait: number;
    if (failure.retryAfterMs !== undefined) {
      if (failure.retryAfterMs > settings.maxRetryAfterMs) {
        throw new HttpError({
          kind: 'status',
          url,
          attempts: tries,
          status: failure.status,
          retryAfterMs: failure.retryAfterMs,
          message:
            `${host} answered ${failure.reason} and asked to wait ${formatDuration(failure.retryAfterMs)} ` +
            `before trying again (LitFeed waits at most ${formatDuration(settings.maxRetryAfterMs)}); try again later`,
        });
      }
      wait = failure.retryAfterMs;
    } else {
      wait = backoffDelay(settings.backoffMs, tries, settings.random);
    }

    settings.log.warn(
      `request ${url}: ${failure.reason}; retrying in ${formatDuration(wait)} (attempt ${tries + 1} of ${maxAttempts})`,
    );
    try {
      await pause(wait, settings.sleep, options.signal);
    } catch (err) {
      if (options.signal?.aborted) throw cancelled(tries);
      throw err;
    }
  }
}

export async function getJson(url: string, options: HttpOptions = {}): Promise<unknown> {
  const response = await getText(url, {
    ...options,
    headers: { accept: 'application/json', ...options.headers },
  });
  return parseJson(url, response);
}

function parseJson(url: string, response: TextResponse): unknown {
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

/** HttpOptions with every default filled in. */
export interface ResolvedHttpOptions {
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

function resolve(options: HttpOptions): ResolvedHttpOptions {
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

/** One GET, or the request `init` describes, whose whole body is read as text. */
const attemptText =
  (init: { method: 'POST'; body: string } | undefined = undefined): Attempt<Omit<TextResponse, 'attempts'>> =>
  async (target, settings, signal) => {
    const host = target.host;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), settings.timeoutMs);
    const onCancel = () => controller.abort();
    signal?.addEventListener('abort', onCancel, { once: true });
    let phase: 'connect' | 'body' = 'connect';

    try {
      const response = await fetch(target, {
        headers: settings.headers,
        signal: controller.signal,
        // A POST goes only where it was sent (Zotero's loopback server never redirects; a
        // redirect would carry the body, or what it became, to another host).
        redirect: init ? 'error' : 'follow',
        ...(init ? { method: init.method, body: init.body } : {}),
      });
      phase = 'body';

      if (!response.ok) return { ok: false, failure: await failedStatus(target, response, settings) };

      const declared = Number(response.headers.get('content-length') ?? Number.NaN);
      if (declared > settings.maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        return { ok: false, failure: tooLarge(host, settings.maxBytes, declared) };
      }
      const text = await readBody(response, settings.maxBytes);
      if (text === undefined) return { ok: false, failure: tooLarge(host, settings.maxBytes) };

      return {
        ok: true,
        value: { status: response.status, text, headers: response.headers, url: response.url || target.href },
      };
    } catch (err) {
      return {
        ok: false,
        failure: thrownFailure(err, {
          host,
          signal,
          timedOut: controller.signal.aborted && !signal?.aborted,
          phase,
          timeoutMs: settings.timeoutMs,
        }),
      };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCancel);
    }
  };

/** A non-2xx response as a failure, with the server's short explanation when it gave one. */
export async function failedStatus(target: URL, response: Response, settings: ResolvedHttpOptions): Promise<Failure> {
  const detail = await errorDetail(response);
  return statusFailure(target, response, detail, settings.now());
}

/** What a thrown fetch or body read means: the caller's cancel, our deadline, or the network. */
export function thrownFailure(
  err: unknown,
  at: {
    host: string;
    signal: AbortSignal | undefined;
    timedOut: boolean;
    phase: 'connect' | 'body';
    timeoutMs: number;
  },
): Failure {
  if (at.signal?.aborted) return simpleFailure('aborted', false, 'cancelled', 'cancelled', err);
  if (at.timedOut) {
    const limit = formatDuration(at.timeoutMs);
    const where = at.phase === 'body' ? ' while receiving the response' : '';
    return simpleFailure(
      'timeout',
      true,
      `timed out after ${limit}`,
      `${at.host} timed out after ${limit}${where}`,
      err,
    );
  }
  const network = describeNetworkError(err);
  const message =
    at.phase === 'body'
      ? `the connection to ${at.host} broke off before the response was complete (${network.reason})`
      : `could not reach ${at.host} (${network.reason})`;
  return simpleFailure('network', network.retryable, network.reason, message, err);
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
