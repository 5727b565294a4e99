import * as assert from 'node:assert/strict';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import * as net from 'node:net';
import { delay, getJson, getText, postText } from '../../src/core/net/http';
import {
  HttpError,
  type HttpErrorKind,
  formatBytes,
  formatDuration,
  parseRetryAfter,
} from '../../src/core/net/httpError';
import type { Logger } from '../../src/core/log';
import { startLoopbackServer, type LoopbackServer } from './helpers/loopbackServer';

/** Collects every pause the client asks for and returns at once. */
function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info: ${m}`),
    warn: (m) => lines.push(`warn: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
  };
}

async function failure(promise: Promise<unknown>, kind: HttpErrorKind): Promise<HttpError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof HttpError, `expected an HttpError, got ${String(err)}`);
    assert.equal(err.kind, kind, `expected kind ${kind}, got ${err.kind}: ${err.message}`);
    return err;
  }
  assert.fail(`expected the request to fail with kind ${kind}`);
}

/** A port nothing listens on: bind one, then let it go. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('core/http', () => {
  let servers: LoopbackServer[] = [];
  const timers = new Set<NodeJS.Timeout>();

  /** Starts a server that counts requests; closed after each test. */
  async function serve(handler: RequestListener): Promise<{ url: string; host: string; requests: IncomingMessage[] }> {
    const requests: IncomingMessage[] = [];
    const server = await startLoopbackServer((req, res) => {
      requests.push(req);
      handler(req, res);
    });
    servers.push(server);
    return { url: `${server.url}/data`, host: new URL(server.url).host, requests };
  }

  /** A server-side timer that afterEach clears, so a test that fails early leaves nothing running. */
  function every(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setInterval(fn, ms);
    timers.add(t);
    return t;
  }

  function reply(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body), ...headers });
    res.end(body);
  }

  /** Timers and sockets alive now; compared after the suite so a leak here cannot hide. */
  function openHandles(): number {
    return process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r.startsWith('TCP')).length;
  }
  let handlesBefore = 0;
  before(() => {
    handlesBefore = openHandles();
  });
  after(async () => {
    // Client sockets learn of the server's close a turn or two later.
    for (let i = 0; i < 20 && openHandles() > handlesBefore; i++) await new Promise((r) => setTimeout(r, 5));
    assert.ok(openHandles() <= handlesBefore, `left open: ${process.getActiveResourcesInfo().join(', ')}`);
  });

  afterEach(async () => {
    for (const t of timers) clearInterval(t);
    timers.clear();
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });

  describe('success', () => {
    it('returns status, text, headers and the final URL', async () => {
      const { url } = await serve((_req, res) => reply(res, 200, 'hello', { 'x-test': 'yes' }));
      const result = await getText(url);
      assert.equal(result.status, 200);
      assert.equal(result.text, 'hello');
      assert.equal(result.headers.get('x-test'), 'yes');
      assert.equal(result.url, url);
      assert.equal(result.attempts, 1);
    });

    it('parses JSON and asks for it', async () => {
      const { url, requests } = await serve((_req, res) =>
        reply(res, 200, '{"papers":[1,2]}', { 'content-type': 'application/json' }),
      );
      assert.deepEqual(await getJson(url), { papers: [1, 2] });
      assert.equal(requests[0].headers.accept, 'application/json');
    });

    it('follows redirects and reports where the answer came from', async () => {
      const { url } = await serve((req, res) => {
        if (req.url === '/data') {
          res.writeHead(302, { location: '/moved' });
          res.end();
        } else reply(res, 200, `at ${req.url}`);
      });
      const result = await getText(url);
      assert.equal(result.text, 'at /moved');
      assert.equal(new URL(result.url).pathname, '/moved');
    });

    it('a POST follows no redirect: its body never reaches another address', async () => {
      const elsewhere = await serve((_req, res) => reply(res, 200, 'got it'));
      const { url } = await serve((_req, res) => {
        res.writeHead(307, { location: `${elsewhere.url}/steal` });
        res.end();
      });
      await failure(postText(url, '{"secret":1}', 'application/json'), 'network');
      assert.equal(elsewhere.requests.length, 0);
    });

    it('decodes the body in the charset the server names', async () => {
      const { url } = await serve((_req, res) => {
        const body = Buffer.from([0x53, 0x63, 0x68, 0xf6, 0x6e]); // "Schön" in Latin-1
        res.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1', 'content-length': body.length });
        res.end(body);
      });
      assert.equal((await getText(url)).text, 'Schön');
    });

    it('sends the LitFeed User-Agent with the version passed in, and extra headers', async () => {
      const { url, requests } = await serve((_req, res) => reply(res, 200, 'ok'));
      await getText(url, { clientVersion: '1.2.3', headers: { 'x-extra': 'on' } });
      assert.equal(requests[0].headers['user-agent'], 'LitFeed/1.2.3 (VS Code extension)');
      assert.equal(requests[0].headers['x-extra'], 'on');
      await getText(url, { userAgent: 'Custom/9' });
      assert.equal(requests[1].headers['user-agent'], 'Custom/9');
    });
  });

  describe('timeouts', () => {
    it('gives up on a server that never answers', async () => {
      const { url, host, requests } = await serve(() => undefined);
      const started = Date.now();
      const err = await failure(getText(url, { timeoutMs: 100, retries: 0 }), 'timeout');
      assert.ok(Date.now() - started < 2000, 'the timeout should fire promptly');
      assert.equal(requests.length, 1);
      assert.equal(err.attempts, 1);
      assert.match(err.message, new RegExp(`${host} timed out after 100 ms`));
    });

    it('counts the whole body against the deadline (a slow drip does not keep it alive)', async () => {
      const { url, requests } = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const drip = every(10, () => res.write('.'));
        res.on('close', () => clearInterval(drip));
      });
      const err = await failure(getText(url, { timeoutMs: 150, retries: 0 }), 'timeout');
      assert.match(err.message, /while receiving the response/);
      assert.equal(requests.length, 1);
    });

    it('retries a timeout and says how many times it tried', async () => {
      const { url, requests } = await serve(() => undefined);
      const { sleep } = recordingSleep();
      const err = await failure(getText(url, { timeoutMs: 50, retries: 1, sleep }), 'timeout');
      assert.equal(requests.length, 2);
      assert.equal(err.attempts, 2);
      assert.match(err.message, /tried 2 times/);
    });
  });

  describe('retries on server errors', () => {
    it('retries 5xx and returns the eventual success', async () => {
      const statuses = [500, 502, 200];
      const { url, requests } = await serve((_req, res) => {
        const status = statuses[requests.length - 1];
        reply(res, status, status === 200 ? 'finally' : 'oops');
      });
      const { sleep, delays } = recordingSleep();
      const log = recordingLog();
      const result = await getText(url, { retries: 2, backoffMs: 10, sleep, log, random: () => 0.999999 });
      assert.equal(result.text, 'finally');
      assert.equal(result.attempts, 3);
      assert.equal(requests.length, 3);
      assert.deepEqual(delays, [10, 20], 'backoff doubles per attempt');
      assert.equal(log.lines.length, 2);
      assert.match(log.lines[0], /^warn: .*500 Internal Server Error; retrying in 10 ms \(attempt 2 of 3\)/);
      assert.match(log.lines[1], /502 Bad Gateway/);
    });

    it('jitters the backoff within the lower half', async () => {
      const { url } = await serve((_req, res) => reply(res, 503, ''));
      const { sleep, delays } = recordingSleep();
      await failure(getText(url, { retries: 2, backoffMs: 100, sleep, random: () => 0 }), 'status');
      assert.deepEqual(delays, [50, 100]);
    });

    it('gives up on 503 after all attempts with a message naming host, status and attempts', async () => {
      const { url, host, requests } = await serve((_req, res) => reply(res, 503, 'busy'));
      const { sleep, delays } = recordingSleep();
      const err = await failure(getText(url, { retries: 2, sleep }), 'status');
      assert.equal(requests.length, 3);
      assert.equal(delays.length, 2, 'no pause after the last attempt');
      assert.equal(err.status, 503);
      assert.equal(err.attempts, 3);
      assert.equal(err.url, url);
      assert.equal(err.message, `${host} answered 503 Service Unavailable after 3 attempts: busy`);
    });

    it('does not retry a 404 and names what was not found', async () => {
      const { url, host, requests } = await serve((_req, res) =>
        reply(res, 404, '{"error":"Paper not found"}', { 'content-type': 'application/json' }),
      );
      const { sleep, delays } = recordingSleep();
      const err = await failure(getJson(url, { sleep }), 'status');
      assert.equal(requests.length, 1);
      assert.deepEqual(delays, []);
      assert.equal(err.status, 404);
      assert.equal(err.attempts, 1);
      assert.equal(err.message, `${host} answered 404 Not Found for /data: Paper not found`);
    });
  });

  describe('Retry-After', () => {
    it('waits the delta-seconds a 429 asks for, then succeeds', async () => {
      const { url, requests } = await serve((_req, res) => {
        if (requests.length === 1) reply(res, 429, 'slow down', { 'retry-after': '7' });
        else reply(res, 200, 'ok');
      });
      const { sleep, delays } = recordingSleep();
      const result = await getText(url, { sleep });
      assert.equal(result.text, 'ok');
      assert.equal(requests.length, 2);
      assert.deepEqual(delays, [7000]);
    });

    it('waits until an HTTP-date a 429 names', async () => {
      const now = Date.UTC(2025, 0, 15, 12, 0, 0);
      const { url, requests } = await serve((_req, res) => {
        if (requests.length === 1) reply(res, 429, '', { 'retry-after': new Date(now + 20_000).toUTCString() });
        else reply(res, 200, 'ok');
      });
      const { sleep, delays } = recordingSleep();
      await getText(url, { sleep, now: () => now });
      assert.deepEqual(delays, [20_000]);
    });

    it('fails at once, without waiting, when the server asks for more than the cap', async () => {
      const { url, host, requests } = await serve((_req, res) => reply(res, 429, '', { 'retry-after': '3600' }));
      const { sleep, delays } = recordingSleep();
      const err = await failure(getText(url, { sleep, retries: 2 }), 'status');
      assert.deepEqual(delays, []);
      assert.equal(requests.length, 1);
      assert.equal(err.status, 429);
      assert.equal(err.retryAfterMs, 3_600_000);
      assert.match(err.message, new RegExp(`^${host} answered 429 Too Many Requests and asked to wait 60 min`));
      assert.match(err.message, /waits at most 30 s/);
    });

    it('parses both forms and ignores junk', () => {
      const now = Date.UTC(2025, 0, 1);
      assert.equal(parseRetryAfter('0', now), 0);
      assert.equal(parseRetryAfter(' 12 ', now), 12_000);
      assert.equal(parseRetryAfter(new Date(now + 5000).toUTCString(), now), 5000);
      assert.equal(parseRetryAfter(new Date(now - 5000).toUTCString(), now), 0, 'a date in the past means now');
      assert.equal(parseRetryAfter('soon', now), undefined);
      assert.equal(parseRetryAfter('-3', now), undefined);
      assert.equal(parseRetryAfter(null, now), undefined);
    });
  });

  describe('broken bodies', () => {
    it('reports malformed JSON as a parse error', async () => {
      const { url, host } = await serve((_req, res) =>
        reply(res, 200, '{"papers": [1, 2,, ]}', { 'content-type': 'application/json' }),
      );
      const err = await failure(getJson(url), 'parse');
      assert.equal(err.status, 200);
      assert.ok(err.message.startsWith(`the response from ${host} is not valid JSON (`), err.message);
    });

    it('says plainly when an HTML page came back instead of JSON (captive portal)', async () => {
      const { url, host } = await serve((_req, res) =>
        reply(res, 200, '<!doctype html><html><body>Please log in to the Wi-Fi</body></html>', {
          'content-type': 'text/html; charset=utf-8',
        }),
      );
      const err = await failure(getJson(url), 'parse');
      assert.equal(
        err.message,
        `the response from ${host} is not valid JSON (got text/html; a network login page or a proxy may be answering instead)`,
      );
    });

    it('says when JSON stops early although the connection closed cleanly', async () => {
      const { url } = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"papers": [{"id": "2401.0');
      });
      const err = await failure(getJson(url), 'parse');
      assert.match(err.message, /stops early, after 26 bytes/);
    });

    it('treats a body cut short of its Content-Length as a network error', async () => {
      const { url, host, requests } = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"papers": [');
        setTimeout(() => res.socket?.destroy(), 20);
      });
      const err = await failure(getJson(url, { retries: 0 }), 'network');
      assert.equal(requests.length, 1);
      assert.match(err.message, new RegExp(`connection to ${host} broke off before the response was complete`));
    });

    it('retries a truncated body and returns the complete one', async () => {
      const { url, requests } = await serve((_req, res) => {
        if (requests.length === 1) {
          res.writeHead(200, { 'content-length': '1000' });
          res.write('partial');
          setTimeout(() => res.socket?.destroy(), 20);
        } else reply(res, 200, '{"ok":true}', { 'content-type': 'application/json' });
      });
      const { sleep } = recordingSleep();
      assert.deepEqual(await getJson(url, { sleep }), { ok: true });
      assert.equal(requests.length, 2);
    });
  });

  describe('connection failures', () => {
    it('retries a reset connection and names the reason', async () => {
      const { url, host, requests } = await serve((req) => req.socket.resetAndDestroy());
      const { sleep, delays } = recordingSleep();
      const err = await failure(getText(url, { retries: 1, sleep }), 'network');
      assert.equal(requests.length, 2);
      assert.equal(delays.length, 1);
      assert.equal(err.attempts, 2);
      assert.match(err.message, new RegExp(`^could not reach ${host} \\(connection reset\\) \\(tried 2 times\\)$`));
    });

    it('reports a refused connection', async () => {
      const port = await closedPort();
      const { sleep } = recordingSleep();
      const err = await failure(getText(`http://127.0.0.1:${port}/x`, { retries: 1, sleep }), 'network');
      assert.equal(err.attempts, 2);
      assert.match(err.message, new RegExp(`could not reach 127\\.0\\.0\\.1:${port} \\(connection refused\\)`));
    });

    it('rejects a URL that is not http(s) without sending anything', async () => {
      const err = await failure(getText('file:///etc/passwd'), 'network');
      assert.equal(err.attempts, 0);
      assert.match(err.message, /not an http\(s\) URL/);
      await failure(getText('not a url'), 'network');
    });
  });

  describe('size cap', () => {
    it('refuses a declared Content-Length over the cap without reading it', async () => {
      const { url, host, requests } = await serve((_req, res) => reply(res, 200, 'x'.repeat(5000)));
      const err = await failure(getText(url, { maxBytes: 1024 }), 'too-large');
      assert.equal(requests.length, 1, 'size errors are not retried');
      assert.equal(err.message, `the response from ${host} is 4.9 KiB, over the 1 KiB limit`);
    });

    it('stops reading a chunked body once it passes the cap', async () => {
      let written = 0;
      const { url, host, requests } = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const pump = every(5, () => {
          written += 600;
          res.write('y'.repeat(600));
        });
        res.on('close', () => clearInterval(pump));
      });
      const err = await failure(getText(url, { maxBytes: 2000, timeoutMs: 5000 }), 'too-large');
      assert.equal(requests.length, 1);
      assert.equal(err.message, `the response from ${host} is larger than 2 KiB`);
      assert.ok(written < 100_000, 'the client must not keep reading');
    });

    it('accepts a body of exactly the cap', async () => {
      const { url } = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('z'.repeat(1024));
      });
      assert.equal((await getText(url, { maxBytes: 1024 })).text.length, 1024);
    });
  });

  describe('cancellation', () => {
    it('aborts a request in flight', async () => {
      const controller = new AbortController();
      const { url, host, requests } = await serve(() => controller.abort());
      const started = Date.now();
      const err = await failure(getText(url, { signal: controller.signal, timeoutMs: 10_000 }), 'aborted');
      assert.ok(Date.now() - started < 2000);
      assert.equal(requests.length, 1);
      assert.equal(err.message, `request to ${host} was cancelled`);
    });

    it('sends nothing when already cancelled', async () => {
      const { url, requests } = await serve((_req, res) => reply(res, 200, 'ok'));
      const err = await failure(getText(url, { signal: AbortSignal.abort() }), 'aborted');
      assert.equal(requests.length, 0);
      assert.equal(err.attempts, 0);
    });

    it('cuts a backoff pause short (the real sleep)', async () => {
      const controller = new AbortController();
      const { url, requests } = await serve((_req, res) => {
        reply(res, 503, '');
        setTimeout(() => controller.abort(), 30);
      });
      const started = Date.now();
      const err = await failure(getText(url, { signal: controller.signal, backoffMs: 20_000, retries: 3 }), 'aborted');
      assert.ok(Date.now() - started < 2000, 'the 10-20 s backoff must not be waited out');
      assert.equal(requests.length, 1);
      assert.equal(err.attempts, 1);
    });

    it('cuts a backoff pause short even when the injected sleep ignores the signal', async () => {
      const controller = new AbortController();
      const { url, requests } = await serve((_req, res) => reply(res, 500, ''));
      const never = () => {
        setTimeout(() => controller.abort(), 10);
        return new Promise<void>(() => undefined);
      };
      await failure(getText(url, { signal: controller.signal, sleep: never }), 'aborted');
      assert.equal(requests.length, 1);
    });
  });

  describe('helpers', () => {
    it('delay resolves after the time and rejects at once on abort', async () => {
      const started = Date.now();
      await delay(20);
      assert.ok(Date.now() - started >= 15);
      const controller = new AbortController();
      const pending = delay(60_000, controller.signal);
      controller.abort();
      await assert.rejects(pending, /aborted/);
    });

    it('formats durations and sizes for people', () => {
      assert.equal(formatDuration(250), '250 ms');
      assert.equal(formatDuration(15_000), '15 s');
      assert.equal(formatDuration(1500), '1.5 s');
      assert.equal(formatDuration(3_600_000), '60 min');
      assert.equal(formatDuration(3 * 3_600_000), '3 h');
      assert.equal(formatBytes(20 * 1024 * 1024), '20 MiB');
      assert.equal(formatBytes(1536), '1.5 KiB');
      assert.equal(formatBytes(12), '12 bytes');
    });
  });
});
