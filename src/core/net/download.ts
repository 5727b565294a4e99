/**
 * A GET whose body is streamed to a sink instead of held as text: for files (PDFs) that may be
 * tens of megabytes. Same retries, Retry-After and cancellation as every request (http.ts);
 * the deadline is per silence rather than per request, since a large file on a slow line
 * takes as long as it takes while bytes keep coming.
 */
import { failedStatus, thrownFailure, withRetries, type HttpOptions } from './http';
import { simpleFailure, tooLarge } from './httpError';

/** Where the bytes of one attempt go; a retry opens a new one. */
export interface DownloadSink {
  write(chunk: Uint8Array): Promise<void>;
  /** The body ended as it should. */
  finish(): Promise<void>;
  /** The attempt failed; drop what was written. Never throws. */
  discard(): Promise<void>;
}

export interface DownloadStart {
  /** The URL that answered, after redirects. */
  url: string;
  contentType: string | null;
  /** Content-Length when the server gave one. */
  length?: number;
}

export interface DownloadOptions extends HttpOptions {
  /**
   * Called once a 2xx answer's headers are in; returns the sink, or throws to refuse the body
   * (a wrong content type). What `open` or the sink throws is not retried and reaches the
   * caller as thrown; the sink is discarded first.
   */
  open(start: DownloadStart): Promise<DownloadSink>;
  onProgress?(received: number, length: number | undefined): void;
}

export interface DownloadResult {
  url: string;
  bytes: number;
  attempts: number;
}

export async function download(url: string, options: DownloadOptions): Promise<DownloadResult> {
  let refusal: unknown;
  const { value, attempts } = await withRetries(url, options, async (target, settings, signal) => {
    const host = target.host;
    const controller = new AbortController();
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, settings.timeoutMs);
    };
    const onCancel = () => controller.abort();
    signal?.addEventListener('abort', onCancel, { once: true });
    let phase: 'connect' | 'body' = 'connect';
    let sink: DownloadSink | undefined;
    arm();
    try {
      const response = await fetch(target, {
        headers: settings.headers,
        signal: controller.signal,
        redirect: 'follow',
      });
      phase = 'body';
      if (!response.ok) return { ok: false, failure: await failedStatus(target, response, settings) };
      const declared = Number(response.headers.get('content-length') ?? Number.NaN);
      const length = Number.isFinite(declared) && declared >= 0 ? declared : undefined;
      if (length !== undefined && length > settings.maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        return { ok: false, failure: tooLarge(host, settings.maxBytes, length) };
      }
      try {
        sink = await options.open({
          url: response.url || target.href,
          contentType: response.headers.get('content-type'),
          ...(length !== undefined ? { length } : {}),
        });
      } catch (err) {
        await response.body?.cancel().catch(() => undefined);
        refusal = err;
        throw err;
      }
      let received = 0;
      const reader = response.body?.getReader();
      for (;;) {
        const next = reader ? await reader.read() : { done: true as const, value: undefined };
        if (next.done) break;
        arm();
        received += next.value.byteLength;
        if (received > settings.maxBytes) {
          await reader?.cancel().catch(() => undefined);
          await sink.discard();
          return { ok: false, failure: tooLarge(host, settings.maxBytes) };
        }
        try {
          await sink.write(next.value);
        } catch (err) {
          await reader?.cancel().catch(() => undefined);
          refusal = err;
          throw err;
        }
        options.onProgress?.(received, length);
      }
      // fetch reports a connection that closes early as a clean end on some servers.
      if (length !== undefined && received < length) {
        await sink.discard();
        return {
          ok: false,
          failure: simpleFailure(
            'network',
            true,
            'cut off',
            `the connection to ${host} broke off after ${received} of ${length} bytes`,
            undefined,
          ),
        };
      }
      try {
        await sink.finish();
      } catch (err) {
        refusal = err;
        throw err;
      }
      return { ok: true, value: { url: response.url || target.href, bytes: received } };
    } catch (err) {
      await sink?.discard();
      if (err === refusal) throw err;
      return {
        ok: false,
        failure: thrownFailure(err, { host, signal, timedOut, phase, timeoutMs: settings.timeoutMs }),
      };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCancel);
    }
  });
  return { ...value, attempts };
}
