/**
 * A stand-in for one VS Code window, run as a child process by the reliability tests:
 *
 *   node windowWorker.js window <storage> <baseUrl> <ms>   refresh and read the week in a loop
 *   node windowWorker.js refresh <storage> <baseUrl>       one refresh, then what the view would show
 *   node windowWorker.js index <storage> <baseUrl> <n>     n times: refresh, bring the search index up to date
 *
 * Both print one JSON line. The loop checks every day it reads: the fixture server stamps all
 * papers of one answer with one version, so a day whose papers carry different versions or the
 * wrong count was torn or mixed by another window's write.
 */
import { FeedService, FeedStore, PaperLibrary, fetchDailyPapers, type FeedRange } from '../../../src/core';

export const WORKER_TODAY = '2026-11-25';
export const WORKER_WEEK: FeedRange = { kind: 'week', anchor: WORKER_TODAY };
export const WORKER_DAYS = ['2026-11-23', '2026-11-24', '2026-11-25'];

async function service(root: string, baseUrl: string): Promise<FeedService> {
  const store = await FeedStore.open(root);
  return new FeedService({
    store,
    source: 'hf-daily',
    fetchRange: (range, signal) =>
      fetchDailyPapers({ baseUrl, range, http: { timeoutMs: 5_000, retries: 0, ...(signal ? { signal } : {}) } }),
    loadSample: async () => [],
    today: () => WORKER_TODAY,
    log: { info() {}, warn() {}, error() {} },
    retentionDays: () => 3650,
  });
}

/** `v<version>-<day>-<i>` ids with `count` papers per day, as the parent's server sends them. */
function checkDay(day: string, ids: string[]): string | undefined {
  if (ids.length === 0) return `${day}: no papers`;
  const versions = new Set<string>();
  for (const id of ids) {
    const m = /^v(\d+)-(\d{4}-\d{2}-\d{2})-(\d+)$/.exec(id);
    if (!m) return `${day}: unexpected id ${id}`;
    if (m[2] !== day) return `${day}: paper of ${m[2]} filed here`;
    versions.add(m[1]);
  }
  if (versions.size !== 1) return `${day}: papers from versions ${[...versions].join(', ')} mixed`;
  return undefined;
}

async function windowLoop(root: string, baseUrl: string, ms: number): Promise<void> {
  const feed = await service(root, baseUrl);
  const deadline = Date.now() + ms;
  const stats = {
    refreshes: 0,
    failedRefreshes: 0,
    reads: 0,
    problems: [] as string[],
    torn: [] as string[],
    errors: [] as string[],
  };
  while (Date.now() < deadline) {
    const outcome = await feed.refresh(WORKER_WEEK);
    stats.refreshes++;
    if (!outcome.ok) {
      stats.failedRefreshes++;
      stats.errors.push(outcome.error);
    }
    for (let r = 0; r < 3; r++) {
      const snap = await feed.snapshot(WORKER_WEEK);
      stats.reads++;
      for (const p of snap.problems) stats.problems.push(`${p.file}: ${p.reason}`);
      const byDay = new Map<string, string[]>();
      for (const p of snap.papers) byDay.set(p.feedDay ?? '?', [...(byDay.get(p.feedDay ?? '?') ?? []), p.id]);
      for (const day of WORKER_DAYS) {
        const bad = checkDay(day, byDay.get(day) ?? []);
        if (bad) stats.torn.push(bad);
      }
    }
  }
  process.stdout.write(`${JSON.stringify(stats)}\n`);
}

/** Refreshes, hands the papers to the search library and waits for its index, `rounds` times. */
async function indexLoop(root: string, baseUrl: string, rounds: number): Promise<void> {
  const feed = await service(root, baseUrl);
  const problems: string[] = [];
  const log = { info() {}, warn: (m: string) => problems.push(m), error: (m: string) => problems.push(m) };
  const library = new PaperLibrary(new FeedStore(root), ['hf-daily'], log, { syncDelayMs: 1 });
  const stats = { refreshes: 0, syncs: 0, problems, errors: [] as string[] };
  await library.whenCurrent();
  for (let round = 0; round < rounds; round++) {
    const outcome = await feed.refresh(WORKER_WEEK);
    stats.refreshes++;
    if (!outcome.ok) stats.errors.push(outcome.error);
    library.add((await feed.snapshot(WORKER_WEEK)).papers);
    await library.whenCurrent();
    stats.syncs++;
  }
  library.dispose();
  process.stdout.write(`${JSON.stringify(stats)}\n`);
}

async function refreshOnce(root: string, baseUrl: string): Promise<void> {
  const feed = await service(root, baseUrl);
  const outcome = await feed.refresh(WORKER_WEEK);
  const snap = await feed.snapshot(WORKER_WEEK);
  process.stdout.write(
    `${JSON.stringify({ outcome, origin: snap.origin, ids: snap.papers.map((p) => p.id), problems: snap.problems })}\n`,
  );
}

if (require.main === module) {
  const [mode, root, baseUrl, ms] = process.argv.slice(2);
  const run =
    mode === 'window'
      ? windowLoop(root, baseUrl, Number(ms))
      : mode === 'refresh'
        ? refreshOnce(root, baseUrl)
        : mode === 'index'
          ? indexLoop(root, baseUrl, Number(ms))
          : Promise.reject(new Error(`unknown mode ${mode}`));
  run.catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
