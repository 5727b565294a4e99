/**
 * Network faults at the level the user meets them: FeedService refreshing a week through
 * fetchDailyPapers and the real HTTP client, against a misbehaving server on 127.0.0.1.
 * Every case checks the message the user would read (FeedController shows `outcome.error`
 * as "LitFeed: refresh failed: …"), that the cache on disk is byte for byte what it was
 * (or holds exactly the good data when the answer was usable), that no promise rejection
 * went unhandled, and that the next refresh against a healthy server works again.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import { FeedService, FeedStore, fetchDailyPapers, type FeedRange, type RefreshOutcome } from '../../../src/core';
import { getJson, type HttpOptions } from '../../../src/core/net/http';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopbackServer';
import { makeTempDir, type TempDir } from '../helpers/tmpdir';

const TODAY = '2026-11-25'; // a Wednesday: the week has three past days
const WEEK: FeedRange = { kind: 'week', anchor: TODAY };
const DAYS = ['2026-11-23', '2026-11-24', '2026-11-25'];
const TIMEOUT_MS = 400;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function item(id: string, day: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    paper: {
      id,
      title: `Paper ${id}`,
      summary: `Abstract of ${id}.`,
      authors: [{ _id: 'x', name: 'Ada Author', hidden: false }],
      publishedAt: `${day}T10:00:00.000Z`,
      submittedOnDailyAt: `${day}T13:00:00.000Z`,
      upvotes: 3,
      ai_keywords: ['k'],
    },
    numComments: 1,
    ...extra,
  };
}

const GOOD = [item('2611.00001', DAYS[0]), item('2611.00002', DAYS[1]), item('2611.00003', DAYS[2])];

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Every file under `dir` with its bytes, so "unchanged" means unchanged on disk. */
async function diskState(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(d: string): Promise<void> {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out[path.relative(dir, p)] = await fs.readFile(p, 'latin1');
    }
  }
  await walk(dir);
  return out;
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

describe('reliability: network faults through FeedService', function () {
  this.timeout(20_000);
  let tmp: TempDir;
  let server: LoopbackServer;
  let handler: Handler;
  let service: FeedService;
  let store: FeedStore;
  let requests: number;
  let seeded: Record<string, string>;
  let seededIds: string[];

  before(() => process.on('unhandledRejection', onUnhandled));
  after(() => process.off('unhandledRejection', onUnhandled));

  beforeEach(async () => {
    unhandled.length = 0;
    tmp = await makeTempDir('litfeed-rel-net-');
    requests = 0;
    handler = (_req, res) => json(res, 200, GOOD);
    server = await startLoopbackServer((req, res) => {
      requests++;
      handler(req, res);
    });
    store = await FeedStore.open(tmp.path);
    service = makeService(server.url, { timeoutMs: TIMEOUT_MS, retries: 1, backoffMs: 20, maxRetryAfterMs: 2_000 });
    const first = await service.refresh(WEEK);
    assert.equal(first.ok, true, JSON.stringify(first));
    seeded = await diskState(tmp.path);
    seededIds = (await service.snapshot(WEEK)).papers.map((p) => p.id).sort();
    assert.equal(Object.keys(seeded).length, 3, 'three cached days before each fault');
  });

  afterEach(async () => {
    await server.close();
    await tmp.remove();
    // Rejections surface a tick after the promise that dropped them.
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(unhandled.map(String), [], 'no promise rejection went unhandled');
  });

  /** FeedService as the extension builds it: the real fetchDailyPapers and HTTP client. */
  function makeService(baseUrl: string, http: HttpOptions): FeedService {
    return new FeedService({
      store,
      source: 'hf-daily',
      fetchRange: (range, signal) =>
        fetchDailyPapers({ baseUrl, range, http: { ...http, ...(signal ? { signal } : {}) } }),
      loadSample: async () => [],
      today: () => TODAY,
      log: { info() {}, warn() {}, error() {} },
      retentionDays: () => 3650,
    });
  }

  /** The refresh fails with a message a person can act on, and the cache is untouched. */
  async function failsKeepingCache(message: RegExp): Promise<string> {
    const started = Date.now();
    const outcome = await service.refresh(WEEK);
    const took = Date.now() - started;
    assert.equal(outcome.ok, false, JSON.stringify(outcome));
    const error = (outcome as Extract<RefreshOutcome, { ok: false }>).error;
    assert.equal((outcome as Extract<RefreshOutcome, { ok: false }>).cancelled, false);
    assert.match(error, message);
    assert.match(error, /127\.0\.0\.1:\d+|list of papers/, 'the message names the server or what came back');
    assert.doesNotMatch(error, /\[object |undefined|\n\s+at /, 'no stack traces or placeholders');
    assert.deepEqual(await diskState(tmp.path), seeded, 'the cache files are byte for byte as before');
    const snap = await service.snapshot(WEEK);
    assert.equal(snap.origin, 'cache');
    assert.deepEqual(snap.papers.map((p) => p.id).sort(), seededIds);
    assert.ok(took < 5_000, `gave up after ${took} ms`);
    await stillResponsive();
    return error;
  }

  /** A healthy server afterwards: the next refresh works (nothing stuck in flight). */
  async function stillResponsive(): Promise<void> {
    handler = (_req, res) => json(res, 200, [...GOOD, item('2611.00009', DAYS[2])]);
    const again = await service.refresh(WEEK);
    assert.equal(again.ok, true, JSON.stringify(again));
    assert.equal(service.isRefreshing(WEEK), false);
    const snap = await service.snapshot(WEEK);
    assert.ok(
      snap.papers.some((p) => p.id === '2611.00009'),
      'the new paper is shown after recovery',
    );
    seeded = await diskState(tmp.path);
    seededIds = (await service.snapshot(WEEK)).papers.map((p) => p.id).sort();
  }

  it('404 for the range: says the server had no such listing, keeps the cache', async () => {
    handler = (_req, res) => json(res, 404, { error: 'Daily papers not found' });
    requests = 0;
    await failsKeepingCache(/404 Not Found for \/api\/daily_papers: Daily papers not found/);
    assert.equal(requests, 1 + 1, 'a 404 is not retried (one request, then the recovery)');
  });

  it('500, 502 and 503: retried, then reported with the status and the attempts', async () => {
    for (const status of [500, 502, 503]) {
      handler = (_req, res) => json(res, status, { error: 'upstream down' });
      requests = 0;
      await failsKeepingCache(new RegExp(`answered ${status} .* after 2 attempts: upstream down`));
      assert.equal(requests, 2 + 1, `${status}: two attempts then the recovery`);
    }
  });

  it('an HTML captive portal page: says a login page may be answering', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><head><title>Hotel WiFi</title></head><body><form>Log in</form></body></html>');
    };
    await failsKeepingCache(
      /not valid JSON \(got text\/html; a network login page or a proxy may be answering instead\)/,
    );
  });

  it('malformed JSON: says the body is not JSON', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[{"paper": {"id": "2611.1", "title": }]');
    };
    await failsKeepingCache(/not valid JSON/);
  });

  it('an error object instead of a list (wrong top-level type): says what came instead', async () => {
    handler = (_req, res) => json(res, 200, { error: 'Invalid date parameter' });
    await failsKeepingCache(/expected a list of papers, got an object \(error: Invalid date parameter\)/);
  });

  it('429 with an HTTP-date an hour away: fails at once, saying how long the server asked to wait', async () => {
    handler = (_req, res) =>
      json(res, 429, { error: 'rate limited' }, { 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() });
    requests = 0;
    await failsKeepingCache(/answered 429 Too Many Requests and asked to wait (59|60) min .*try again later/);
    assert.equal(requests, 1 + 1, 'no second request while the server asks to wait');
  });

  it('429 with an HTTP-date a second away: waits it out and succeeds', async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      // HTTP-dates have whole seconds: two seconds ahead is one to two seconds of waiting.
      if (calls === 1) json(res, 429, {}, { 'retry-after': new Date(Date.now() + 2_000).toUTCString() });
      else json(res, 200, [...GOOD, item('2611.00004', DAYS[1])]);
    };
    const started = Date.now();
    const outcome = await service.refresh(WEEK);
    const waited = Date.now() - started;
    assert.deepEqual(outcome, { ok: true, papers: 4, skipped: 0, days: 3, truncated: false });
    assert.ok(waited >= 900 && waited < 4_000, `waited ${waited} ms`);
    assert.equal(calls, 2);
  });

  it('a slow drip past the timeout: gives up after the deadline, twice, and says so', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    };
    await failsKeepingCache(/timed out after 400 ms while receiving the response \(tried 2 times\)/);
  });

  it('a server that never answers: times out', async () => {
    handler = () => undefined;
    await failsKeepingCache(/timed out after 400 ms \(tried 2 times\)/);
  });

  it('the connection reset in the middle of the body: says it broke off', async () => {
    handler = (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write(JSON.stringify(GOOD).slice(0, 200));
      setTimeout(() => req.socket.resetAndDestroy(), 20);
    };
    await failsKeepingCache(
      /the connection to 127\.0\.0\.1:\d+ broke off before the response was complete \(connection reset\) \(tried 2 times\)/,
    );
  });

  it('truncated JSON on a cleanly closed connection: says it stops early', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(GOOD).slice(0, 150));
    };
    await failsKeepingCache(/not valid JSON \(it stops early, after 150 bytes\)/);
  });

  it('truncated JSON cut at any byte: the message says it stops early, whatever JSON.parse said', async () => {
    const body = JSON.stringify(GOOD);
    const vague: string[] = [];
    for (let cut = 1; cut < body.length; cut++) {
      handler = (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body.slice(0, cut));
      };
      const error = await getJson(`${server.url}/api/daily_papers`, { retries: 0, timeoutMs: 2_000 }).then(
        () => 'parsed',
        (e: Error) => e.message,
      );
      if (!/not valid JSON \(it stops early, after \d+ bytes\)/.test(error)) vague.push(`cut ${cut}: ${error}`);
    }
    assert.deepEqual(vague, [], `${vague.length} of ${body.length - 1} cut points`);
  });

  it('a body over the size cap: refused without filling memory', async () => {
    const big = `[${Array.from({ length: 30 }, (_, i) => JSON.stringify(item(`2611.${String(i).padStart(5, '0')}`, DAYS[0], { pad: 'x'.repeat(1_000_000) }))).join(',')}]`;
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(big);
    };
    service = makeService(server.url, { timeoutMs: 5_000, retries: 0, maxBytes: 1024 * 1024 });
    await failsKeepingCache(/the response from 127\.0\.0\.1:\d+ is larger than 1 MiB/);
  });

  it('connection refused: says the server could not be reached', async () => {
    const deadUrl = server.url;
    await server.close();
    service = makeService(deadUrl, { timeoutMs: TIMEOUT_MS, retries: 1, backoffMs: 10 });
    const outcome = await service.refresh(WEEK);
    assert.equal(outcome.ok, false);
    assert.match(
      (outcome as { error: string }).error,
      /could not reach 127\.0\.0\.1:\d+ \(connection refused\) \(tried 2 times\)/,
    );
    assert.deepEqual(await diskState(tmp.path), seeded);
  });

  it('an empty list for a week never fetched: cached as empty days, the sample no longer shown', async () => {
    handler = (_req, res) => json(res, 200, []);
    const earlier: FeedRange = { kind: 'week', anchor: '2026-11-11' };
    const outcome = await service.refresh(earlier);
    assert.deepEqual(outcome, { ok: true, papers: 0, skipped: 0, days: 7, truncated: false });
    const snap = await service.snapshot(earlier);
    assert.equal(snap.origin, 'cache');
    assert.deepEqual(snap.papers, []);
    assert.deepEqual(await diskState(tmp.path).then((s) => Object.keys(s).filter((k) => !(k in seeded)).length), 7);
  });

  it('an empty list for a week already cached with papers does not erase them', async () => {
    // A glitching server (or a CDN answering `[]`) must not wipe days the user already has.
    handler = (_req, res) => json(res, 200, []);
    await service.refresh(WEEK);
    const snap = await service.snapshot(WEEK);
    assert.deepEqual(
      snap.papers.map((p) => p.id).sort(),
      ['2611.00001', '2611.00002', '2611.00003'],
      'cached papers were erased by an empty answer',
    );
  });

  it('wrong field types: items without id or title are skipped and counted, others repaired', async () => {
    handler = (_req, res) =>
      json(res, 200, [
        item('2611.00001', DAYS[0]),
        null,
        'a string',
        42,
        [],
        { paper: { id: 12345, title: ['not', 'a', 'string'] } },
        { paper: { id: '2611.00005', title: { en: 'object' } } },
        item('2611.00006', DAYS[1], {
          paper: {
            id: '2611.00006',
            title: 'Typed wrong everywhere else',
            summary: 17,
            authors: 'Ada Author, Bob Builder',
            publishedAt: 'yesterday',
            submittedOnDailyAt: `${DAYS[1]}T13:00:00.000Z`,
            upvotes: '12',
            ai_keywords: 'attention',
            ai_summary: ['x'],
            githubRepo: 42,
            projectPage: 'javascript:alert(1)',
            organization: 7,
          },
          numComments: -3,
          thumbnail: { url: 'x' },
        }),
      ]);
    const outcome = await service.refresh(WEEK);
    assert.deepEqual(outcome, { ok: true, papers: 2, skipped: 6, days: 3, truncated: false });
    const snap = await service.snapshot(WEEK);
    const repaired = snap.papers.find((p) => p.id === '2611.00006');
    assert.ok(repaired);
    assert.equal(repaired.abstract, '');
    assert.deepEqual(repaired.authors, []);
    assert.deepEqual(repaired.aiKeywords, []);
    assert.equal(repaired.upvotes, undefined);
    assert.equal(repaired.links.project, undefined, 'a javascript: project page is dropped');
    assert.equal(repaired.links.code, undefined);
    assert.equal(snap.problems.length, 0, 'what was cached reads back cleanly');
  });

  it('duplicate items, within a page and across pages of a server that ignores `p`: each paper once', async () => {
    const page = Array.from({ length: 50 }, (_, i) =>
      item(`2611.${String(100 + (i % 25)).padStart(5, '0')}`, DAYS[i % 3]),
    );
    handler = (_req, res) => json(res, 200, page);
    const outcome = await service.refresh(WEEK);
    assert.deepEqual(outcome, { ok: true, papers: 25, skipped: 0, days: 3, truncated: false });
    assert.equal(requests, 1 + 2, 'stops at the page that brought nothing new');
    const snap = await service.snapshot(WEEK);
    assert.equal(new Set(snap.papers.map((p) => p.id)).size, snap.papers.length);
    assert.equal(snap.papers.length, 25);
  });

  it('unknown extra fields are ignored and never reach the cache', async () => {
    handler = (_req, res) =>
      json(res, 200, [
        item('2611.00001', DAYS[0], { futureField: { nested: [1, 2, 3] }, __proto__x: 'x', constructor: 'c' }),
        {
          ...item('2611.00002', DAYS[1]),
          paper: {
            ...(item('2611.00002', DAYS[1]).paper as object),
            newThing: 'n',
            mediaUrls: [1],
            authors: [{ name: 'A', extra: true }],
          },
        },
        item('2611.00003', DAYS[2], { anotherUnknown: null }),
      ]);
    const outcome = await service.refresh(WEEK);
    assert.equal(outcome.ok, true);
    const text = await fs.readFile(store.dayFile('hf-daily', DAYS[0]), 'utf8');
    assert.doesNotMatch(text, /futureField|__proto__x|newThing|mediaUrls/);
    const snap = await service.snapshot(WEEK);
    assert.deepEqual(snap.papers.map((p) => p.id).sort(), ['2611.00001', '2611.00002', '2611.00003']);
  });

  it('is able to fail: a listener for unhandled rejections sees one', async () => {
    void Promise.reject(new Error('dropped on purpose'));
    await new Promise((r) => setTimeout(r, 20));
    assert.ok(unhandled.length >= 1);
    unhandled.length = 0;
  });
});
