/**
 * The cache on disk under stress that one process cannot produce alone: two "windows"
 * (child processes) refreshing and reading one global storage folder at once, a storage
 * folder the extension may not write (a real EACCES, as an unprivileged user when the tests
 * run as root), a day file from a newer LitFeed next to good days, and a refresh pressed
 * while the auto-refresh is fetching.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import * as path from 'node:path';
import { FeedService, FeedStore, PaperLibrary, type FetchedRange, type Paper } from '../../../src/core';
import { openSegmentFile } from '../../../src/core/search/persist/segment';
import { SEGMENT_VERSION } from '../../../src/core/search/persist/segmentFormat';
import { MAX_SEGMENTS } from '../../../src/core/search/persist/syncPlan';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopbackServer';
import { bundleForNobody, NOBODY, runJsonScript } from '../helpers/nobody';
import { makeTempDir, type TempDir } from '../helpers/tmpdir';
import { WORKER_DAYS, WORKER_TODAY, WORKER_WEEK } from './windowWorker';
import { paper } from '../../helpers/paper';
import { errorMessage } from '../../../src/core/guards';

const WORKER = path.join(__dirname, 'windowWorker.js');
// 45 items: one short page per refresh, so each refresh is one version of the week.
const PER_DAY = 15;

/** One answer of the week: every paper stamped with the answer's version. */
function weekItems(version: number): unknown[] {
  const items: unknown[] = [];
  for (const day of WORKER_DAYS) {
    for (let i = 0; i < PER_DAY; i++) {
      items.push({
        paper: {
          id: `v${version}-${day}-${i}`,
          title: `Version ${version} paper ${i}`,
          summary: `${'Long abstract text. '.repeat(200)}${version}`,
          authors: [{ name: 'Ada Author' }],
          submittedOnDailyAt: `${day}T13:00:00.000Z`,
          upvotes: i,
        },
      });
    }
  }
  return items;
}

function send(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function runWorker(args: string[]): Promise<Record<string, unknown>> {
  return runJsonScript(WORKER, args) as Promise<Record<string, unknown>>;
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
  }
  return out;
}

describe('reliability: shared and hostile storage', function () {
  this.timeout(60_000);
  let tmp: TempDir;
  let server: LoopbackServer;
  let version: number;

  beforeEach(async () => {
    tmp = await makeTempDir('litfeed-rel-store-');
    version = 0;
    server = await startLoopbackServer((_req, res) => send(res, weekItems(++version)));
  });
  afterEach(async () => {
    await server.close();
    await tmp.remove();
  });

  it('two windows refreshing and reading one storage folder for 4 s: no torn day, no problem, every file parses', async () => {
    const storage = tmp.path;
    const parentReads = { files: 0, torn: [] as string[] };
    let running = true;
    // A third reader that parses raw files as fast as it can, the way a second window's startup would.
    const watcher = (async () => {
      while (running) {
        for (const day of WORKER_DAYS) {
          const file = path.join(storage, 'feed', 'v1', 'hf-daily', `${day}.json`);
          const text = await fs.readFile(file, 'utf8').catch(() => undefined);
          if (text === undefined) continue;
          parentReads.files++;
          try {
            const parsed = JSON.parse(text) as { papers: Paper[] };
            if (parsed.papers.length !== PER_DAY) parentReads.torn.push(`${day}: ${parsed.papers.length} papers`);
          } catch (e) {
            parentReads.torn.push(`${day}: ${errorMessage(e)}`);
          }
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    const [a, b] = await Promise.all([
      runWorker(['window', storage, server.url, '4000']),
      runWorker(['window', storage, server.url, '4000']),
    ]);
    running = false;
    await watcher;

    for (const [name, stats] of [
      ['window A', a],
      ['window B', b],
    ] as const) {
      assert.deepEqual(stats.errors, [], `${name}: refresh errors`);
      assert.deepEqual(stats.problems, [], `${name}: cache problems seen`);
      assert.deepEqual(stats.torn, [], `${name}: torn or mixed days seen`);
      assert.ok((stats.refreshes as number) >= 5, `${name}: only ${String(stats.refreshes)} refreshes`);
    }
    assert.deepEqual(parentReads.torn, []);
    assert.ok(parentReads.files > 50, `the parent read ${parentReads.files} files`);
    const files = await filesUnder(storage);
    assert.equal(files.length, 3, `left behind: ${files.join(', ')}`);
    for (const f of files) {
      assert.equal((JSON.parse(await fs.readFile(f, 'utf8')) as { papers: unknown[] }).papers.length, PER_DAY);
    }
    assert.ok(version >= 10, `${version} answers served`);
    // Reported in docs/reliability.md.
    console.log(
      `      two windows: ${String(a.refreshes)} + ${String(b.refreshes)} refreshes, ${String(a.reads)} + ${String(b.reads)} week reads, parent parsed ${parentReads.files} files`,
    );
  });

  it('two windows refreshing and indexing one storage folder six times each: every segment whole, the index current for a third', async () => {
    const storage = tmp.path;
    const [a, b] = await Promise.all([
      runWorker(['index', storage, server.url, '6']),
      runWorker(['index', storage, server.url, '6']),
    ]);
    for (const [name, stats] of [
      ['window A', a],
      ['window B', b],
    ] as const) {
      assert.deepEqual(stats.errors, [], `${name}: refresh errors`);
      assert.deepEqual(stats.problems, [], `${name}: index problems`);
      assert.equal(stats.syncs, 6, `${name}: index updates`);
    }
    const dir = path.join(storage, 'search', `v${SEGMENT_VERSION}`);
    const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.seg'));
    assert.ok(names.length >= 1 && names.length <= MAX_SEGMENTS + 2, `${names.length} segments`);
    for (const name of names) await (await openSegmentFile(path.join(dir, name))).close();

    const problems: string[] = [];
    const log = { info() {}, warn: (m: string) => problems.push(m), error: (m: string) => problems.push(m) };
    const store = new FeedStore(storage);
    const third = new PaperLibrary(store, ['hf-daily'], log);
    await third.whenCurrent();
    assert.deepEqual(problems, []);
    const { days } = await store.readDays('hf-daily', WORKER_DAYS);
    const onDisk = days.flatMap((d) => d.papers);
    assert.equal(third.paperCount(), onDisk.length, 'every paper of the day files once, no stale version');
    // Every paper of the day files is found, as it is there, and nothing else.
    for (const p of onDisk) assert.equal((await third.listed(p.id))?.title, p.title, p.id);
    const found = (await third.search('version paper', 200)).map((h) => h.paper.id);
    assert.deepEqual(new Set(found), new Set(onDisk.map((p) => p.id)), 'no paper of an older version is found');
    third.dispose();
  });

  it('is able to fail: a day written in two halves by two versions is seen as mixed', async () => {
    const storage = tmp.path;
    const store = await FeedStore.open(storage);
    const half = (v: number, day: string, from: number, to: number): Paper[] =>
      Array.from({ length: to - from }, (_, k) => paper({ id: `v${v}-${day}-${from + k}`, title: 't', feedDay: day }));
    for (const day of WORKER_DAYS) {
      await store.writeDay({
        source: 'hf-daily',
        day,
        fetchedAt: '2026-11-25T00:00:00Z',
        papers: [...half(1, day, 0, 8), ...half(2, day, 8, 15)],
      });
    }
    await server.close();
    // A dead server: the refresh fails, the reads show the planted mixed days.
    const stats = await runWorker(['window', storage, server.url, '300']);
    assert.ok(
      (stats.torn as string[]).some((t) => /mixed/.test(t)),
      JSON.stringify(stats.torn),
    );
  });

  it('a storage folder LitFeed may not write: the refresh fails with EACCES, the cached days stay and show', async () => {
    const storage = path.join(tmp.path, 'globalStorage');
    const store = await FeedStore.open(storage);
    const seed: Paper[] = [paper({ id: 'kept', title: 'Kept paper' })];
    for (const day of WORKER_DAYS) {
      await store.writeDay({
        source: 'hf-daily',
        day,
        fetchedAt: `${day}T08:00:00.000Z`,
        papers: day === WORKER_DAYS[1] ? seed : [],
      });
    }
    const before = await Promise.all(
      (await filesUnder(storage)).map(async (f) => [f, await fs.readFile(f, 'utf8')] as const),
    );

    // Readable by everyone, writable by no one but the owner; the worker is not the owner.
    const dirs = [
      tmp.path,
      storage,
      path.join(storage, 'feed'),
      path.join(storage, 'feed', 'v1'),
      path.join(storage, 'feed', 'v1', 'hf-daily'),
    ];
    const asRoot = process.getuid?.() === 0;
    for (const d of dirs) await fs.chmod(d, asRoot ? 0o755 : 0o555);
    for (const [f] of before) await fs.chmod(f, 0o644);
    let result: Record<string, unknown>;
    if (asRoot) {
      const worker = await bundleForNobody('test/unit/reliability/windowWorker.ts');
      try {
        result = (await runJsonScript(worker.path, ['refresh', storage, server.url], NOBODY)) as Record<
          string,
          unknown
        >;
      } finally {
        await worker.remove();
      }
    } else {
      result = await runWorker(['refresh', storage, server.url]);
    }

    const outcome = result.outcome as { ok: boolean; error?: string };
    assert.equal(outcome.ok, false);
    // The denied write is a temp file beside the day files, so the worker got as far as writing the cache.
    const hfDir = path.join(storage, 'feed', 'v1', 'hf-daily');
    const denied = /^could not write the cache: EACCES: permission denied, open '(.*\.tmp)'$/.exec(outcome.error ?? '');
    assert.ok(denied, `the refresh failed otherwise: ${outcome.error}`);
    assert.equal(path.dirname(denied[1]), hfDir);
    assert.equal(result.origin, 'cache');
    assert.deepEqual(result.ids, ['kept']);
    assert.deepEqual(result.problems, []);
    assert.equal(version, 1, 'the server was asked once');
    for (const [f, text] of before) assert.equal(await fs.readFile(f, 'utf8'), text, `${f} unchanged`);
    assert.equal((await filesUnder(storage)).length, before.length, 'no temp file left behind');
  });

  it('a day file from a newer LitFeed next to good days: the good days show, the newer file is set aside intact, a newer schema folder is never touched', async () => {
    const storage = tmp.path;
    const store = await FeedStore.open(storage);
    const warnings: string[] = [];
    const service = new FeedService({
      store,
      source: 'hf-daily',
      fetchRange: async () => ({ papers: [], skipped: 0, truncated: false }),
      loadSample: async () => [],
      today: () => WORKER_TODAY,
      log: { info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
      retentionDays: () => 3650,
    });
    const p = (id: string): Paper => paper({ id, title: id });
    await store.writeDay({
      source: 'hf-daily',
      day: WORKER_DAYS[0],
      fetchedAt: '2026-11-23T08:00:00Z',
      papers: [p('mon')],
    });
    await store.writeDay({
      source: 'hf-daily',
      day: WORKER_DAYS[2],
      fetchedAt: '2026-11-25T08:00:00Z',
      papers: [p('wed')],
    });
    const future = JSON.stringify({
      schema: 2,
      source: 'hf-daily',
      day: WORKER_DAYS[1],
      fetchedAt: '2026-11-24T08:00:00Z',
      entries: { compressed: 'xyz' },
    });
    await fs.writeFile(store.dayFile('hf-daily', WORKER_DAYS[1]), future);
    const v2 = path.join(storage, 'feed', 'v2', 'hf-daily');
    await fs.mkdir(v2, { recursive: true });
    await fs.writeFile(path.join(v2, '2026-11-24.json'), future);

    const snap = await service.snapshot(WORKER_WEEK);
    assert.equal(snap.origin, 'cache');
    assert.deepEqual(
      snap.papers.map((x) => x.id),
      ['wed', 'mon'],
    );
    assert.deepEqual(snap.missingDays, [WORKER_DAYS[1]]);
    assert.equal(snap.problems.length, 1);
    assert.match(snap.problems[0].reason, /schema version 2 is newer than this LitFeed understands \(1\)/);
    assert.ok(snap.problems[0].movedTo);
    assert.equal(await fs.readFile(snap.problems[0].movedTo, 'utf8'), future, 'set aside byte for byte');
    assert.ok(
      warnings.some((w) => w.includes('schema version 2')),
      'logged',
    );

    // A refresh and its prune leave the newer version's own folder alone.
    assert.equal((await service.refresh(WORKER_WEEK)).ok, true);
    assert.equal(await fs.readFile(path.join(v2, '2026-11-24.json'), 'utf8'), future);
  });

  describe('a refresh pressed while the auto-refresh runs', () => {
    function serviceWith(fetchRange: (signal?: AbortSignal) => Promise<FetchedRange>): {
      service: FeedService;
      calls: () => number;
    } {
      let calls = 0;
      const service = new FeedService({
        store: new FeedStore(tmp.path),
        source: 'hf-daily',
        fetchRange: (_range, signal) => {
          calls++;
          return fetchRange(signal);
        },
        loadSample: async () => [],
        today: () => WORKER_TODAY,
        log: { info() {}, warn() {}, error() {} },
        retentionDays: () => 3650,
      });
      return { service, calls: () => calls };
    }

    it('joins the running fetch: one request, one outcome for both', async () => {
      let release!: () => void;
      const { service, calls } = serviceWith(
        () => new Promise((resolve) => (release = () => resolve({ papers: [], skipped: 0, truncated: false }))),
      );
      const auto = service.refresh(WORKER_WEEK); // the auto-refresh has no cancel button: no signal
      const manual = service.refresh(WORKER_WEEK, new AbortController().signal);
      release();
      const [a, m] = await Promise.all([auto, manual]);
      assert.equal(calls(), 1);
      assert.equal(a, m);
      assert.equal(a.ok, true);
    });

    it('cancelling the manual refresh that joined the auto-refresh ends its wait at once', async () => {
      let release!: () => void;
      const { service } = serviceWith(
        () => new Promise((resolve) => (release = () => resolve({ papers: [], skipped: 0, truncated: false }))),
      );
      const auto = service.refresh(WORKER_WEEK);
      const abort = new AbortController();
      const manual = service.refresh(WORKER_WEEK, abort.signal);
      abort.abort();
      const settled = await Promise.race([
        manual.then((o) => o),
        new Promise<'still waiting'>((r) => setTimeout(() => r('still waiting'), 500)),
      ]);
      release();
      await auto;
      if (settled === 'still waiting') assert.fail('the Cancel button of the progress notification did nothing');
      assert.equal(settled.ok, false);
      assert.equal(!settled.ok && settled.cancelled, true);
      assert.equal((await auto).ok, true, 'the auto-refresh it joined still completes');
    });
  });
});
