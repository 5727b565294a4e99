import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { FeedStore, STORE_SCHEMA, type CachedDay, type StoreProblem } from '../../src/core/feed/store';
import type { Logger } from '../../src/core/log';
import type { Paper, SourceId } from '../../src/core/paper';
import { fixturePath } from './helpers/paths';
import { bundleForNobody, NOBODY, runJsonScript } from './helpers/nobody';
import { makeTempDir, type TempDir } from './helpers/tmpdir';
import { largeDay, seqOf } from './helpers/storeWriter';
import { paper } from '../helpers/paper';

const WRITER_SCRIPT = path.join(__dirname, 'helpers', 'storeWriter.js');
const HF: SourceId = 'hf-daily';

function cachedDay(day: string, papers: Paper[], fetchedAt = `${day}T08:00:00.000Z`, source: SourceId = HF): CachedDay {
  return { source, day, fetchedAt, papers };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
}

async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(
    () => true,
    () => false,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('FeedStore', () => {
  let tmp: TempDir;
  let log: ReturnType<typeof recordingLogger>;
  let store: FeedStore;

  beforeEach(async () => {
    tmp = await makeTempDir('litfeed-store-');
    log = recordingLogger();
    store = new FeedStore(tmp.path, { log });
  });

  afterEach(async () => {
    await tmp.remove();
  });

  /** Puts raw bytes where the store keeps a day, as a damaged disk or an old version might. */
  async function placeRaw(day: string, content: string | Buffer, source: SourceId = HF): Promise<string> {
    const file = store.dayFile(source, day);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
    return file;
  }

  async function placeFixture(name: string, day: string): Promise<{ file: string; bytes: Buffer }> {
    const bytes = await fs.readFile(fixturePath('store', name));
    return { file: await placeRaw(day, bytes), bytes };
  }

  /** A problem that moved its file to quarantine with the bytes unchanged. */
  async function assertQuarantined(
    problem: StoreProblem | undefined,
    file: string,
    bytes: Buffer | string,
    day: string,
  ): Promise<void> {
    assert.ok(problem, 'a problem is reported');
    assert.equal(problem.file, file);
    assert.equal(problem.day, day);
    assert.equal(problem.source, HF);
    assert.ok(problem.movedTo, `moved aside (${problem.reason})`);
    assert.equal(path.dirname(problem.movedTo), path.join(tmp.path, 'feed', 'quarantine'));
    assert.match(
      path.basename(problem.movedTo),
      new RegExp(`^${HF}-${day}-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z(-[0-9a-f]{6})?\\.json$`),
    );
    assert.deepEqual(
      await fs.readFile(problem.movedTo),
      Buffer.from(bytes),
      'quarantined bytes are the original bytes',
    );
    assert.equal(await exists(file), false, 'the damaged file is no longer in the cache');
  }

  describe('round trip and layout', () => {
    it('reads back exactly what was written, from <root>/feed/v<schema>/<source>/<day>.json', async () => {
      const good = JSON.parse(await fs.readFile(fixturePath('store', 'day-good.json'), 'utf8')) as CachedDay & {
        schema: number;
      };
      const day = cachedDay('2024-05-01', good.papers, good.fetchedAt);
      await store.writeDay(day);

      const file = path.join(tmp.path, 'feed', `v${STORE_SCHEMA}`, HF, '2024-05-01.json');
      assert.equal(store.dayFile(HF, '2024-05-01'), file);
      const onDisk = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
      assert.deepEqual(onDisk, {
        schema: STORE_SCHEMA,
        source: HF,
        day: '2024-05-01',
        fetchedAt: good.fetchedAt,
        papers: good.papers,
      });

      const read = await store.readDay(HF, '2024-05-01');
      assert.equal(read.problem, undefined);
      assert.deepEqual(read.day, day);
    });

    it('rewrites only the day it writes', async () => {
      await store.writeDay(cachedDay('2024-05-01', [paper({ id: 'a' })]));
      await store.writeDay(cachedDay('2024-05-02', [paper({ id: 'b' })]));
      const before = await fs.readFile(store.dayFile(HF, '2024-05-01'));
      await store.writeDay(
        cachedDay('2024-05-02', [paper({ id: 'c' }), paper({ id: 'd' })], '2024-05-03T00:00:00.000Z'),
      );
      assert.deepEqual(await fs.readFile(store.dayFile(HF, '2024-05-01')), before);
      const { day } = await store.readDay(HF, '2024-05-02');
      assert.deepEqual(
        day?.papers.map((p) => p.id),
        ['c', 'd'],
      );
      assert.equal(day?.fetchedAt, '2024-05-03T00:00:00.000Z');
    });

    it('keeps sources apart', async () => {
      await store.writeDay(cachedDay('2024-05-01', [paper({ id: 'hf' })]));
      await store.writeDay(cachedDay('2024-05-01', [paper({ id: 'ax', source: 'arxiv' })], undefined, 'arxiv'));
      assert.deepEqual(
        (await store.readDay(HF, '2024-05-01')).day?.papers.map((p) => p.id),
        ['hf'],
      );
      assert.deepEqual(
        (await store.readDay('arxiv', '2024-05-01')).day?.papers.map((p) => p.id),
        ['ax'],
      );
    });

    it('refuses days and sources that are not safe file names, writing nothing', async () => {
      await assert.rejects(store.writeDay(cachedDay('2024-02-30', [])), TypeError);
      await assert.rejects(store.writeDay(cachedDay('2024-5-1', [])), TypeError);
      await assert.rejects(store.writeDay(cachedDay('2024-05-01', [], undefined, '../escape' as SourceId)), TypeError);
      await assert.rejects(store.writeDay(cachedDay('2024-05-01', [], 'yesterday')), TypeError);
      await assert.rejects(store.readDay(HF, '../../etc/passwd'), TypeError);
      assert.deepEqual(await fs.readdir(tmp.path), []);
    });
  });

  describe('missing days', () => {
    it('a day never written is simply absent, with no problem', async () => {
      assert.deepEqual(await store.readDay(HF, '2024-05-01'), {});
      assert.deepEqual(await store.listDays(HF), []);
      assert.equal(await store.lastFetched(HF), undefined);
    });

    it('readDays returns the days that exist, in the order asked', async () => {
      await store.writeDay(cachedDay('2024-05-01', [paper({ id: 'a' })]));
      await store.writeDay(cachedDay('2024-05-03', [paper({ id: 'c' })]));
      const { days, problems } = await store.readDays(HF, ['2024-05-03', '2024-05-02', '2024-05-01', '2024-04-30']);
      assert.deepEqual(
        days.map((d) => d.day),
        ['2024-05-03', '2024-05-01'],
      );
      assert.deepEqual(problems, []);
    });
  });

  describe('damaged files', () => {
    it('corrupt JSON is moved to quarantine and reported; the other days still read', async () => {
      await store.writeDay(cachedDay('2024-05-01', [paper({ id: 'a' })]));
      await store.writeDay(cachedDay('2024-05-03', [paper({ id: 'c' })]));
      const garbage = '{"schema":1,"source":"hf-daily",\u0000\u0000 not json at all';
      const file = await placeRaw('2024-05-02', garbage);

      const { days, problems } = await store.readDays(HF, ['2024-05-01', '2024-05-02', '2024-05-03']);
      assert.deepEqual(
        days.map((d) => d.papers[0].id),
        ['a', 'c'],
      );
      assert.equal(problems.length, 1);
      assert.match(problems[0].reason, /JSON/);
      await assertQuarantined(problems[0], file, garbage, '2024-05-02');
      assert.ok(
        log.lines.some((l) => l.startsWith('warn') && l.includes('2024-05-02')),
        'the problem is logged',
      );

      // Once moved, the day is just missing: the problem is reported once, not on every read.
      assert.deepEqual(await store.readDay(HF, '2024-05-02'), {});
      assert.deepEqual(await store.listDays(HF), ['2024-05-03', '2024-05-01']);
    });

    it('a file with the wrong shape is quarantined', async () => {
      const { file, bytes } = await placeFixture('day-wrong-shape.json', '2024-05-04');
      const { day, problem } = await store.readDay(HF, '2024-05-04');
      assert.equal(day, undefined);
      assert.match(problem?.reason ?? '', /wrong shape/);
      await assertQuarantined(problem, file, bytes, '2024-05-04');
    });

    const wrongShapes: Array<[string, unknown]> = [
      ['a JSON array', [1, 2]],
      ['JSON null', null],
      ['no schema field', { source: HF, day: '2024-05-05', fetchedAt: '2024-05-05T00:00:00Z', papers: [] }],
      [
        'schema as a string',
        { schema: '1', source: HF, day: '2024-05-05', fetchedAt: '2024-05-05T00:00:00Z', papers: [] },
      ],
      [
        'an older schema number',
        { schema: 0, source: HF, day: '2024-05-05', fetchedAt: '2024-05-05T00:00:00Z', papers: [] },
      ],
      [
        'another source',
        { schema: 1, source: 'arxiv', day: '2024-05-05', fetchedAt: '2024-05-05T00:00:00Z', papers: [] },
      ],
      ['another day', { schema: 1, source: HF, day: '2024-05-06', fetchedAt: '2024-05-05T00:00:00Z', papers: [] }],
      ['fetchedAt not a date', { schema: 1, source: HF, day: '2024-05-05', fetchedAt: 'soon', papers: [] }],
      ['papers missing', { schema: 1, source: HF, day: '2024-05-05', fetchedAt: '2024-05-05T00:00:00Z' }],
    ];
    for (const [what, content] of wrongShapes) {
      it(`wrong shape (${what}) is quarantined`, async () => {
        const text = JSON.stringify(content);
        const file = await placeRaw('2024-05-05', text);
        const { day, problem } = await store.readDay(HF, '2024-05-05');
        assert.equal(day, undefined);
        assert.match(problem?.reason ?? '', /wrong shape/);
        await assertQuarantined(problem, file, text, '2024-05-05');
      });
    }

    it('a schema version newer than this store knows is quarantined, not deleted', async () => {
      const { file, bytes } = await placeFixture('day-future-schema.json', '2024-05-03');
      const { day, problem } = await store.readDay(HF, '2024-05-03');
      assert.equal(day, undefined);
      assert.match(problem?.reason ?? '', /schema version 2 is newer/);
      await assertQuarantined(problem, file, bytes, '2024-05-03');
    });

    it('a truncated file, cut anywhere, is quarantined with the bytes it had', async () => {
      await store.writeDay(
        cachedDay('2024-05-06', [paper({ id: 'x' }), paper({ id: 'y', upvotes: 3, aiKeywords: ['k'] })]),
      );
      const full = await fs.readFile(store.dayFile(HF, '2024-05-06'));
      const cuts = new Set<number>([0, 1, full.length - 1]);
      for (let i = 1; i <= 25; i++) cuts.add(Math.floor((full.length * i) / 26));
      for (const cut of cuts) {
        const bytes = full.subarray(0, cut);
        const file = await placeRaw('2024-05-06', bytes);
        const { day, problem } = await store.readDay(HF, '2024-05-06');
        assert.equal(day, undefined, `cut at ${cut} must not read as a day`);
        assert.match(problem?.reason ?? '', /JSON/);
        await assertQuarantined(problem, file, bytes, '2024-05-06');
      }
      assert.equal(
        (await fs.readdir(path.join(tmp.path, 'feed', 'quarantine'))).length,
        cuts.size,
        'each one kept separately',
      );
    });

    it('malformed paper records are dropped and counted; the day and the file stay', async () => {
      const { file, bytes } = await placeFixture('day-mixed-papers.json', '2024-05-02');
      const { day, problem } = await store.readDay(HF, '2024-05-02');
      assert.deepEqual(
        day?.papers.map((p) => p.id),
        ['2405.00001', '2405.00005'],
      );
      assert.equal(problem?.droppedPapers, 5);
      assert.match(problem?.reason ?? '', /dropped 5 malformed paper records/);
      assert.equal(problem?.movedTo, undefined);
      assert.deepEqual(await fs.readFile(file), bytes, 'the file is left as it was');

      const repaired = day?.papers[1] as Paper & Record<string, unknown>;
      assert.equal('upvotes' in repaired, false, 'a string upvote count is not passed on');
      assert.equal('numComments' in repaired, false);
      assert.equal('aiSummary' in repaired, false);
      assert.equal('categories' in repaired, false);
      assert.deepEqual(repaired.aiKeywords, []);
      assert.deepEqual(repaired.links, {});
      assert.deepEqual(repaired.futureField, { kept: true }, 'fields this version does not know survive');
      assert.deepEqual(day?.papers[0].links, { arxivAbs: 'https://arxiv.org/abs/2405.00001' });
    });
  });

  describe('unreadable files', () => {
    it('a directory where a day file should be is reported and left in place', async () => {
      await store.writeDay(cachedDay('2024-05-01', [paper({ id: 'a' })]));
      const file = store.dayFile(HF, '2024-05-02');
      await fs.mkdir(file);
      const { days, problems } = await store.readDays(HF, ['2024-05-01', '2024-05-02']);
      assert.deepEqual(
        days.map((d) => d.day),
        ['2024-05-01'],
      );
      assert.equal(problems.length, 1);
      assert.equal(problems[0].file, file);
      assert.match(problems[0].reason, /cannot read/);
      assert.equal(problems[0].movedTo, undefined);
      assert.ok((await fs.stat(file)).isDirectory(), 'left where it was');
      assert.equal(await exists(path.join(tmp.path, 'feed', 'quarantine')), false);
    });

    it('a file without read permission (EACCES) is reported and left in place', async function () {
      this.timeout(15000);
      await store.writeDay(cachedDay('2024-05-01', [paper({ id: 'a' })]));
      await store.writeDay(cachedDay('2024-05-02', [paper({ id: 'b' })]));
      const file = store.dayFile(HF, '2024-05-02');
      const before = await fs.readFile(file);
      await fs.chmod(file, 0o000);

      const deniedHere = await fs.readFile(file).then(
        () => false,
        (err: NodeJS.ErrnoException) => err.code === 'EACCES',
      );
      let problem: StoreProblem | undefined;
      let otherDay: CachedDay | undefined;
      if (deniedHere) {
        ({ problem } = await store.readDay(HF, '2024-05-02'));
        ({ day: otherDay } = await store.readDay(HF, '2024-05-01'));
      } else {
        // Root reads through mode 000, so read as an unprivileged user in a child process:
        // the same code meets a real EACCES from the kernel.
        assert.equal(process.getuid?.(), 0, 'chmod 000 only fails to deny reads for root');
        for (const dir of [tmp.path, path.join(tmp.path, 'feed'), store.schemaDir, path.dirname(file)]) {
          await fs.chmod(dir, 0o755);
        }
        await fs.chmod(store.dayFile(HF, '2024-05-01'), 0o644);
        const reader = await bundleForNobody('test/unit/helpers/storeWriter.ts');
        try {
          const read = (day: string) => runJsonScript(reader.path, ['read', tmp.path, HF, day], NOBODY);
          ({ problem } = (await read('2024-05-02')) as { problem?: StoreProblem });
          ({ day: otherDay } = (await read('2024-05-01')) as { day?: CachedDay });
        } finally {
          await reader.remove();
        }
      }
      assert.ok(problem, 'a problem is reported');
      // Denied at the day file itself, not on the way to it.
      assert.equal(problem.file, file);
      assert.match(problem.reason, /EACCES/);
      assert.ok(problem.reason.includes(`'${file}'`), problem.reason);
      assert.equal(problem.movedTo, undefined);
      assert.deepEqual(
        otherDay?.papers.map((p) => p.id),
        ['a'],
        'other days stay readable',
      );
      await fs.chmod(file, 0o644);
      assert.deepEqual(await fs.readFile(file), before, 'the file is left in place, unchanged');
    });
  });

  describe('atomic writes', () => {
    it('20 concurrent writes of one day leave exactly one complete version, and no temp files', async () => {
      for (let round = 0; round < 5; round++) {
        const versions = Array.from({ length: 20 }, (_, v) =>
          cachedDay(
            '2024-05-07',
            Array.from({ length: 100 + v * 7 }, (_, i) =>
              paper({ id: `r${round}-v${v}-p${i}`, abstract: 'x'.repeat(500 + v) }),
            ),
            `2024-05-07T00:00:${String(v).padStart(2, '0')}.000Z`,
          ),
        );
        await Promise.all(versions.map((v) => store.writeDay(v)));
        const text = await fs.readFile(store.dayFile(HF, '2024-05-07'), 'utf8');
        JSON.parse(text); // a torn file throws here
        const { day, problem } = await store.readDay(HF, '2024-05-07');
        assert.equal(problem, undefined);
        const matches = versions.filter((v) => JSON.stringify(v) === JSON.stringify(day));
        assert.equal(matches.length, 1, `round ${round}: the file is one of the written versions`);
        assert.deepEqual(await fs.readdir(path.dirname(store.dayFile(HF, '2024-05-07'))), ['2024-05-07.json']);
      }
    });

    it('a reader quarantining a bad file never moves away a good write that just replaced it', async () => {
      const DAY = '2024-05-12';
      const good = cachedDay(
        DAY,
        Array.from({ length: 50 }, (_, i) => paper({ id: `good-${i}`, abstract: 'y'.repeat(2000) })),
      );
      const bad = `{"schema":1,"papers":[${'"x",'.repeat(20000)}`;
      let raced = 0;
      for (let i = 0; i < 200; i++) {
        await placeRaw(DAY, bad);
        const [read] = await Promise.all([store.readDay(HF, DAY), store.writeDay(good)]);
        if (read.day) raced++; // the reader met the bad file, a write replaced it, the reader read again
        const after = await store.readDay(HF, DAY);
        assert.equal(after.problem, undefined, `iteration ${i}: ${after.problem?.reason}`);
        assert.deepEqual(after.day, good, `iteration ${i}: the good write is in place`);
        assert.ok(read.day === undefined || JSON.stringify(read.day) === JSON.stringify(good));
      }
      const quarantine = path.join(tmp.path, 'feed', 'quarantine');
      for (const name of await fs.readdir(quarantine).catch(() => [] as string[])) {
        assert.equal(await fs.readFile(path.join(quarantine, name), 'utf8'), bad, `${name} holds only the bad bytes`);
      }
      // Without this the race would not have been run: the writer must win it at least sometimes.
      assert.ok(raced > 0, `${raced} of 200 reads overlapped a write`);
    });

    it('writers killed at random moments always leave a complete old or new version', async function () {
      // 100 Node processes started and killed: seconds on an idle machine, minutes when every
      // core is busy. Nothing here is timed; the limit only stops a writer that never gets ready.
      this.timeout(600_000);
      // Four writers at a time, each refreshing three days of its own at once, so that 100
      // kills take seconds and most of them land while some write is open.
      const writers = [0, 1, 2, 3].map((w) => [1, 2, 3].map((d) => `2024-0${w + 5}-0${d}`));
      const PAPERS = 3;
      const rounds = 100;
      const lastSeq = new Map<string, number>();
      for (const d of writers.flat()) {
        await store.writeDay(largeDay(HF, d, 0, PAPERS));
        lastSeq.set(d, 0);
      }
      const dir = path.dirname(store.dayFile(HF, writers[0][0]));
      let killedMidWrite = 0;
      for (let kills = 0; kills < rounds; kills += writers.length) {
        // allSettled: every writer is dead before anything is checked or the folder removed.
        const outcomes = await Promise.allSettled(
          writers.map((days) =>
            runAndKill(['write', tmp.path, HF, String(PAPERS), ...days.map((d) => `${d}=${lastSeq.get(d)! + 1}`)]),
          ),
        );
        for (const o of outcomes) if (o.status === 'rejected') throw o.reason;
        const names = await fs.readdir(dir);
        for (const days of writers) {
          const temps = names.filter((n) => n.endsWith('.tmp') && days.some((d) => n.startsWith(`.${d}.json.`)));
          if (temps.length > 0) killedMidWrite++;
          for (const d of days) {
            const round = `kill ${kills}, ${d}`;
            const { day, problem } = await store.readDay(HF, d);
            assert.equal(problem, undefined, `${round}: ${problem?.reason}`);
            assert.ok(day, round);
            const seq = seqOf(day);
            const before = lastSeq.get(d)!;
            assert.ok(Number.isInteger(seq) && seq > before, `${round}: version ${seq} after ${before}`);
            assert.deepEqual(day, largeDay(HF, d, seq, PAPERS), `${round}: version ${seq} is complete`);
            lastSeq.set(d, seq);
          }
          for (const t of temps) await fs.unlink(path.join(dir, t));
        }
      }
      // Without this the test would prove nothing: kills must land while writes are open.
      assert.ok(killedMidWrite >= 15, `only ${killedMidWrite} of ${rounds} kills interrupted a write`);
    });
  });

  describe('listing, retention and housekeeping', () => {
    it('listDays lists valid day files newest first and ignores everything else', async () => {
      for (const d of ['2024-01-02', '2023-12-31', '2024-12-01', '2024-01-10', '2024-02-29']) {
        await store.writeDay(cachedDay(d, [paper({ id: d })]));
      }
      const dir = path.dirname(store.dayFile(HF, '2024-01-02'));
      for (const junk of [
        'notes.txt',
        '2024-13-01.json',
        '2024-1-05.json',
        '2023-02-29.json',
        '.2024-01-03.json.1.ab.tmp',
        '2024-01-04.json.bak',
      ]) {
        await fs.writeFile(path.join(dir, junk), '{}');
      }
      assert.deepEqual(await store.listDays(HF), [
        '2024-12-01',
        '2024-02-29',
        '2024-01-10',
        '2024-01-02',
        '2023-12-31',
      ]);
      assert.deepEqual(await store.listDays('arxiv'), []);
    });

    it('lastFetched is the newest fetchedAt across days, not the fetch of the newest day', async () => {
      await store.writeDay(cachedDay('2024-05-01', [paper({ id: 'a' })], '2024-05-09T10:00:00.000Z'));
      await store.writeDay(cachedDay('2024-05-02', [paper({ id: 'b' })], '2024-05-02T10:00:00.000Z'));
      await store.writeDay(cachedDay('2024-05-03', [paper({ id: 'c' })], '2024-05-09T09:59:59+00:00'));
      await store.writeDay(cachedDay('2024-05-04', [paper({ id: 'x' })], '2024-06-01T00:00:00.000Z', 'arxiv'));
      assert.equal(await store.lastFetched(HF), '2024-05-09T10:00:00.000Z');
    });

    it('prune removes day files older than today - retentionDays, for every source', async () => {
      const hfDays = ['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-09', '2024-05-10', '2024-05-11'];
      for (const d of hfDays) await store.writeDay(cachedDay(d, [paper({ id: d })]));
      for (const d of ['2024-04-01', '2024-05-05']) {
        await store.writeDay(cachedDay(d, [paper({ id: d })], undefined, 'arxiv'));
      }
      const stray = path.join(path.dirname(store.dayFile(HF, '2024-05-01')), 'notes.txt');
      await fs.writeFile(stray, 'not a day');

      const { removed } = await store.prune(7, '2024-05-10');
      assert.equal(removed, 3);
      assert.deepEqual(await store.listDays(HF), ['2024-05-11', '2024-05-10', '2024-05-09', '2024-05-03']);
      assert.deepEqual(await store.listDays('arxiv'), ['2024-05-05']);
      assert.equal(await exists(stray), true, 'files that are not day files are not touched');

      assert.equal((await store.prune(0, '2024-05-10')).removed, 3);
      assert.deepEqual(await store.listDays(HF), ['2024-05-11', '2024-05-10']);
      assert.equal((await store.prune(0, '2024-05-10')).removed, 0);
      await assert.rejects(store.prune(-1, '2024-05-10'), RangeError);
      await assert.rejects(store.prune(1.5, '2024-05-10'), RangeError);
    });

    it('prune carries on past a day file it cannot remove, and says so', async () => {
      await store.writeDay(cachedDay('2024-05-02', [paper({ id: 'b' })]));
      const stuck = store.dayFile(HF, '2024-05-01');
      await fs.mkdir(path.join(stuck, 'inside'), { recursive: true }); // unlink refuses a directory
      assert.deepEqual(await store.prune(1, '2024-05-10'), { removed: 1 });
      assert.ok((await fs.stat(stuck)).isDirectory());
      assert.ok(
        log.lines.some((l) => l.startsWith('warn') && l.includes('2024-05-01.json')),
        'the failure is logged',
      );
    });

    it('prune on an empty store removes nothing and does not fail', async () => {
      assert.deepEqual(await store.prune(30, '2024-05-10'), { removed: 0 });
    });

    it('temp files older than a minute are removed on open and prune; younger ones are kept', async () => {
      await store.writeDay(cachedDay('2024-05-01', [paper({ id: 'a' })]));
      const dir = path.dirname(store.dayFile(HF, '2024-05-01'));
      const oldTemp = path.join(dir, '.2024-05-01.json.4242.0a1b2c.tmp');
      const youngTemp = path.join(dir, '.2024-05-01.json.4243.3d4e5f.tmp');
      const notTemp = path.join(dir, 'keep.tmp');
      for (const f of [oldTemp, youngTemp, notTemp]) await fs.writeFile(f, '{"half":');
      const twoMinutesAgo = new Date(Date.now() - 120_000);
      await fs.utimes(oldTemp, twoMinutesAgo, twoMinutesAgo);
      await fs.utimes(notTemp, twoMinutesAgo, twoMinutesAgo);

      const opened = await FeedStore.open(tmp.path);
      assert.equal(await exists(oldTemp), false, 'stale temp file removed on open');
      assert.equal(await exists(youngTemp), true, 'a temp file a live writer may own is kept');
      assert.equal(await exists(notTemp), true, "only the store's own temp names are touched");
      assert.deepEqual(await opened.listDays(HF), ['2024-05-01']);

      await fs.utimes(youngTemp, twoMinutesAgo, twoMinutesAgo);
      await opened.prune(365, '2024-05-10');
      assert.equal(await exists(youngTemp), false, 'removed by prune once stale');
      assert.deepEqual((await fs.readdir(dir)).sort(), ['2024-05-01.json', 'keep.tmp']);
    });

    it('keeps each schema version in its own folder; prune drops older versions and keeps newer ones', async () => {
      assert.equal(STORE_SCHEMA, 1, 'update this test when the schema changes');
      await store.writeDay(cachedDay('2024-05-01', [paper({ id: 'current' })]));
      const older = path.join(tmp.path, 'feed', 'v0', HF, '2024-05-02.json');
      const newer = path.join(tmp.path, 'feed', 'v2', HF, '2024-05-03.json');
      for (const f of [older, newer]) {
        await fs.mkdir(path.dirname(f), { recursive: true });
        await fs.writeFile(
          f,
          JSON.stringify({
            schema: f === older ? 0 : 2,
            source: HF,
            day: path.basename(f, '.json'),
            fetchedAt: '2024-05-03T00:00:00Z',
            papers: [],
          }),
        );
      }
      assert.deepEqual(await store.listDays(HF), ['2024-05-01']);
      assert.deepEqual(await store.readDay(HF, '2024-05-02'), {}, "another version's files are not read");
      assert.deepEqual(await store.readDay(HF, '2024-05-03'), {});

      await store.prune(365, '2024-05-10');
      assert.equal(await exists(path.join(tmp.path, 'feed', 'v0')), false, 'an older schema cache is removed');
      assert.equal(await exists(newer), true, "a newer LitFeed's cache is left alone");
      assert.deepEqual(
        (await store.readDay(HF, '2024-05-01')).day?.papers.map((p) => p.id),
        ['current'],
      );
    });
  });
});

/** Starts a writer, waits until it writes at a steady pace, then SIGKILLs it at a random point. */
async function runAndKill(args: string[]): Promise<void> {
  const child = spawn(process.execPath, [WRITER_SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const writeMs = await waitForReady(child);
    await sleep(Math.random() * 2 * writeMs);
  } finally {
    await killAndWait(child);
  }
}

/** The steady-state write duration the child reports; rejects if it exits first. */
function waitForReady(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const onExit = (code: number | null) => reject(new Error(`writer exited (${code}) before it was ready: ${err}`));
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /^ready (\d+)$/m.exec(out);
      if (m) {
        child.off('exit', onExit);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', onExit);
  });
}

async function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}
