/**
 * The persisted search index: segment files in global storage, checked against the day files
 * they were built from. Segments are built by the real worker thread (the compiled
 * buildWorker.js beside workerBuild.js), counted through a wrapper.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { FeedStore } from '../../src/core/feed/store';
import type { Logger } from '../../src/core/log';
import type { Paper, SourceId } from '../../src/core/paper';
import { PaperIndex } from '../../src/core/search/paperIndex';
import { PaperLibrary } from '../../src/core/search/library';
import { encodeSegment } from '../../src/core/search/persist/encodeSegment';
import { SegmentError, openSegmentFile, verifySegment, type Segment } from '../../src/core/search/persist/segment';
import { SEGMENT_VERSION, Section, sectionEntry, type FileStamp } from '../../src/core/search/persist/segmentFormat';
import { planSync } from '../../src/core/search/persist/syncPlan';
import { workerBuilder, type SegmentBuilder } from '../../src/core/search/persist/workerBuild';
import type { BuildRequest } from '../../src/core/search/persist/buildSegment';
import { searchParts } from '../../src/core/search/searchParts';
import { makeTempDir, type TempDir } from './helpers/tmpdir';
import { writeTwoSourceCache } from './helpers/twoSourceCache';
import { paper } from '../helpers/paper';

const TOPICS = ['sparse attention', 'diffusion transformers', 'gaussian splatting', 'reward models', 'world models'];
const QUERIES = ['sprase atention', 'diffusion', 'author 3', 'gausian splatting study 12', 'wor', 'rewardmodels'];

function corpus(count: number, prefix = 'p'): Paper[] {
  return Array.from({ length: count }, (_, i) =>
    paper({
      id: `${prefix}${i}`,
      title: `${TOPICS[i % TOPICS.length]} study ${i}`,
      authors: [`Author ${i % 17}`, `Writer ${i % 5}`, 'Zoë Ångström'],
      abstract: `We study ${TOPICS[(i * 3) % TOPICS.length]} at scale number ${i}.`,
      aiKeywords: [TOPICS[(i + 2) % TOPICS.length]],
      feedDay: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`,
      upvotes: i % 40,
    }),
  );
}

const ids = (hits: { paper: Paper }[]) => hits.map((h) => h.paper.id);

/** A builder that runs the real worker and records what it was asked to build. */
function countingBuilder(): SegmentBuilder & { requests: BuildRequest[] } {
  const real = workerBuilder();
  const requests: BuildRequest[] = [];
  return Object.assign(
    (request: BuildRequest, signal?: AbortSignal) => {
      requests.push(request);
      return real(request, signal);
    },
    { requests },
  );
}

function recordingLog(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { info() {}, warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m), warnings };
}

const segmentDir = (root: string) => path.join(root, 'search', `v${SEGMENT_VERSION}`);
const segmentFiles = async (root: string) =>
  (await fs.readdir(segmentDir(root)).catch(() => [] as string[])).filter((n) => n.endsWith('.seg'));

describe('persisted search index', () => {
  let tmp: TempDir;
  let store: FeedStore;
  const sources: SourceId[] = ['hf-daily', 'arxiv'];
  let hf: Paper[];

  beforeEach(async () => {
    tmp = await makeTempDir();
    store = await FeedStore.open(tmp.path);
    hf = corpus(300);
    await writeTwoSourceCache(store, hf);
  });
  afterEach(() => tmp.remove());

  const day = (d: number) => `2026-11-${String(10 + d).padStart(2, '0')}`;
  const libraries: PaperLibrary[] = [];
  afterEach(() => {
    for (const l of libraries.splice(0)) l.dispose();
  });
  const open = (builder = countingBuilder(), log: Logger = recordingLog()) => {
    const library = new PaperLibrary(store, sources, log, { build: builder, syncDelayMs: 1 });
    libraries.push(library);
    return Object.assign(library, { builder });
  };

  it('builds a segment of every day file once, and answers as an in-memory index of the same papers', async () => {
    const library = open();
    await library.whenCurrent();
    assert.equal(library.builder.requests.length, 1);
    assert.equal(library.builder.requests[0].files.length, 14);
    assert.equal((await segmentFiles(tmp.path)).length, 1);
    assert.equal(library.paperCount(), 300);

    // The same papers with the same scores; papers scoring alike may come in another order
    // (the segment holds them in day-file order).
    const memory = new PaperIndex(hf);
    for (const q of QUERIES) {
      const scored = new Map(memory.search(q, 300).map((h) => [h.paper.id, h.score]));
      const got = await library.search(q, 10);
      assert.deepEqual(
        got.map((h) => h.score),
        memory.search(q, 10).map((h) => h.score),
        q,
      );
      for (const h of got) assert.equal(scored.get(h.paper.id), h.score, `${q}: ${h.paper.id}`);
    }
    const hit = (await library.search('gausian splatting study 12', 1))[0];
    assert.equal(hit.paper.id, 'p12');
    assert.equal(hit.paper.abstract, '', 'a hit is the summary; the abstract stays on disk');
    assert.deepEqual(hit.paper.authors, hf[12].authors);
    assert.equal(hit.paper.upvotes, hf[12].upvotes);

    const whole = await library.paper('p3');
    assert.equal(whole?.abstract, hf[3].abstract);
    assert.deepEqual(whole?.categories, ['cs.LG'], 'merged from the arXiv day');
    assert.equal(whole?.upvotes, hf[3].upvotes);
    assert.equal(await library.paper('nope'), undefined);
  });

  it('a second window opens the segment without building anything', async () => {
    await open().whenCurrent();
    const second = open();
    await second.ensureLoaded();
    assert.deepEqual(ids(await second.search('diffusion transformers study 1', 1)), ['p1'], 'answers once open');
    await second.whenCurrent();
    assert.equal(second.builder.requests.length, 0);
  });

  it('indexes a day written later into a small segment of its own, which the next window sees', async () => {
    const library = open();
    await library.whenCurrent();
    const fresh = corpus(5, 'n').map((p) => ({ ...p, title: `${p.title} quokka` }));
    await store.writeDay({ source: 'hf-daily', day: '2026-11-29', fetchedAt: '2026-11-29T08:00:00Z', papers: fresh });
    library.add(fresh);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await library.whenCurrent();
    assert.deepEqual(
      library.builder.requests.map((r) => r.files),
      [library.builder.requests[0].files, [{ source: 'hf-daily', day: '2026-11-29' }]],
    );
    const next = open();
    await next.whenCurrent();
    assert.equal(next.builder.requests.length, 0);
    assert.deepEqual(ids(await next.search('quokka', 10)).sort(), fresh.map((p) => p.id).sort());
  });

  it('a rewritten day stands for its old copy; a removed day is no longer found', async () => {
    await open().whenCurrent();
    const changed = hf.slice(30, 60).map((p) => ({ ...p, title: p.title.replace('study', 'wombat') }));
    await store.writeDay({ source: 'hf-daily', day: day(1), fetchedAt: '2026-11-21T08:00:00Z', papers: changed });
    await fs.unlink(store.dayFile('hf-daily', day(2)));
    const library = open();
    await library.whenCurrent();
    assert.deepEqual(
      library.builder.requests.map((r) => r.files),
      [[{ source: 'hf-daily', day: day(1) }]],
    );
    assert.equal((await library.search('wombat 31', 1))[0]?.paper.id, 'p31');
    assert.equal((await library.search('wombat 31', 1))[0]?.paper.title, changed[1].title);
    // p61 of the removed day is on Hugging Face only; p60 has an arXiv copy.
    assert.ok(!ids(await library.search(hf[61].title, 20)).includes('p61'));
    assert.ok(ids(await library.search('sparse attention study 60', 5)).includes('p60'), 'its arXiv copy still is');
    assert.equal(library.paperCount(), 280);
  });

  for (const [what, damage] of [
    ['a flipped byte', (b: Buffer) => void (b[300] ^= 0x20)],
    ['a cut end', (b: Buffer) => b.subarray(0, b.length - 100)],
    ['another format version', (b: Buffer) => void b.writeUInt32LE(SEGMENT_VERSION + 1, 4)],
    ['zeros', (b: Buffer) => Buffer.alloc(b.length)],
  ] as const) {
    it(`a segment with ${what} is removed and rebuilt, never searched`, async () => {
      await open().whenCurrent();
      const [name] = await segmentFiles(tmp.path);
      const file = path.join(segmentDir(tmp.path), name);
      const bytes = await fs.readFile(file);
      await fs.writeFile(file, damage(bytes) ?? bytes);
      const log = recordingLog();
      const library = open(countingBuilder(), log);
      await library.whenCurrent();
      assert.match(log.warnings.join('\n'), /unusable/);
      assert.equal(library.builder.requests.length, 1, 'rebuilt');
      assert.ok(!(await segmentFiles(tmp.path)).includes(name));
      assert.equal(library.paperCount(), 300);
    });
  }

  it('a summary found damaged while searching: the segment is dropped, its file removed and its days indexed again', async () => {
    const log = recordingLog();
    const library = open(countingBuilder(), log);
    await library.whenCurrent();
    const [name] = await segmentFiles(tmp.path);
    const file = path.join(segmentDir(tmp.path), name);
    const bytes = await fs.readFile(file);
    const recordsAt = bytes.readUInt32LE(sectionEntry(Section.Records));
    for (let i = recordsAt; i < bytes.length; i += 7) bytes[i] ^= 0x01;
    await fs.writeFile(file, bytes);
    await library.search('diffusion', 5);
    assert.match(log.warnings.join('\n'), /damaged/);
    assert.ok(!(await segmentFiles(tmp.path)).includes(name));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await library.whenCurrent();
    assert.equal(library.builder.requests.length, 2, 'rebuilt');
    assert.deepEqual(ids(await library.search('diffusion transformers study 1', 1)), ['p1']);
  });

  it('papers this window adds stand for their persisted copies, once each', async () => {
    const library = open();
    await library.whenCurrent();
    library.add([{ ...hf[7], upvotes: 999 }]);
    const hits = await library.search(hf[7].title, 10);
    assert.equal(hits.filter((h) => h.paper.id === 'p7').length, 1);
    assert.equal(hits[0].paper.upvotes, 999);
    assert.equal(library.get('p7')?.upvotes, 999);
    assert.equal(library.get('p8'), undefined, 'others are not held whole');
    assert.equal((await library.listed('p8'))?.title, hf[8].title, 'but listed from the segment');
  });

  it('papers added are held at once and indexed in slices once something searches', async () => {
    const loop = { t: 0, turns: 0 };
    const library = new PaperLibrary(store, sources, recordingLog(), {
      build: countingBuilder(),
      slicing: { sliceMs: 10, now: () => (loop.t += 1), yieldToLoop: async () => void loop.turns++ },
    });
    libraries.push(library);
    const added = corpus(200, 'a').map((p) => ({ ...p, title: `${p.title} platypus` }));
    library.add(added);
    assert.equal(library.get('a5'), added[5], 'held before anything searched');
    assert.equal(loop.turns, 0, 'nothing indexed yet');
    await library.whenCurrent();
    assert.ok(loop.turns >= 200 / 10 - 1, `${loop.turns} turns for 200 papers at one fake ms each`);
    assert.deepEqual(ids(await library.search('platypus study 7', 1)), ['a7']);
  });

  it('folds many segments into one once there are too many', async () => {
    const library = open();
    await library.whenCurrent();
    for (let k = 0; k < 9; k++) {
      await store.writeDay({
        source: 'hf-daily',
        day: `2026-10-${String(10 + k).padStart(2, '0')}`,
        fetchedAt: '2026-11-20T08:00:00Z',
        papers: corpus(2, `k${k}-`),
      });
      library.add(corpus(1, `k${k}-`));
      await new Promise((resolve) => setTimeout(resolve, 5));
      await library.whenCurrent();
    }
    assert.ok((await segmentFiles(tmp.path)).length <= 8, `${(await segmentFiles(tmp.path)).length} segments`);
    assert.ok(
      library.builder.requests.some((r) => r.files.length === 22),
      'one build folded every day file there was into one segment',
    );
    const next = open();
    await next.whenCurrent();
    assert.equal(next.paperCount(), 318);
  });

  it('a build that fails is logged and leaves the searches answering from what is open', async () => {
    const log = recordingLog();
    const failing: SegmentBuilder = async () => {
      throw new Error('disk full');
    };
    const library = new PaperLibrary(store, sources, log, { build: failing });
    libraries.push(library);
    library.add(hf.slice(0, 3));
    await library.whenCurrent();
    assert.match(log.warnings.join('\n'), /disk full/);
    assert.deepEqual(ids(await library.search(hf[1].title, 1)), ['p1']);
  });
});

describe('persisted search index: segment files', () => {
  const papers = corpus(400);
  const meta = { created: 1, files: [{ source: 'hf-daily' as const, day: '2026-11-10', size: 1, mtimeMs: 1, ino: 1 }] };
  const bytes = encodeSegment(
    meta,
    papers.map((p) => ({ paper: p, file: 0 })),
  );
  const indexEnd = Buffer.from(bytes.buffer).readUInt32LE(sectionEntry(Section.Postings));
  const postingsAt = indexEnd;
  const recordsAt = Buffer.from(bytes.buffer).readUInt32LE(sectionEntry(Section.Records));
  let tmp: TempDir;
  let file: string;
  const opened: Segment[] = [];
  const openCopy = async (change?: (b: Buffer) => void) => {
    const copy = Buffer.from(bytes);
    change?.(copy);
    await fs.writeFile(file, copy);
    const segment = await openSegmentFile(file);
    opened.push(segment);
    return segment;
  };

  beforeEach(async () => {
    tmp = await makeTempDir();
    file = path.join(tmp.path, 'x.seg');
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    await tmp.remove();
  });

  it('answers every query as the in-memory index does, odd characters included', async () => {
    const segment = await openCopy();
    const memory = new PaperIndex(papers);
    for (const q of [...QUERIES, 'zoe angstrom', 'ångström', 'writer 4 reward']) {
      const got = await searchParts([segment], q, 20);
      assert.deepEqual(
        got.map((h) => [h.paper.id, h.score]),
        memory.search(q, 20).map((h) => [h.paper.id, h.score]),
        q,
      );
      for (const h of got) assert.equal(h.paper.abstract, '', 'hits are summaries');
    }
    assert.deepEqual(segment.slotsOf('p42'), [42]);
    assert.deepEqual(segment.slotsOf('p4200'), []);
    const [summary] = await segment.summaries([42]);
    assert.deepEqual(
      [summary.title, summary.authors, summary.upvotes],
      [papers[42].title, papers[42].authors, papers[42].upvotes],
    );
  });

  it('splits words typed together, as the in-memory dictionary does', async () => {
    const segment = await openCopy();
    const memory = new PaperIndex(papers);
    for (const dictionary of [segment.terms, memory.terms]) {
      assert.deepEqual(dictionary.splitRunTogether('sparseattention', false), ['sparse', 'attention']);
      // A stray letter in place of the space: the second half keeps it and matches within a typo.
      assert.deepEqual(dictionary.splitRunTogether('gaussianxsplatting', false), ['gaussian', 'xsplatting']);
      assert.equal(dictionary.splitRunTogether('qwertyuiopasdf', false), undefined);
    }
  });

  it('checks the index part in slices, giving the loop a turn between them; postings and records are not in it', async () => {
    let turns = 0;
    await verifySegment(bytes, bytes.length, async () => void turns++, 1024);
    assert.equal(turns, Math.ceil((indexEnd - 16) / 4 / 1024) - 1);
    await verifySegment(bytes.subarray(0, indexEnd), bytes.length);
  });

  it('refuses a file of another kind, too short, cut, or misaligned', async () => {
    await assert.rejects(verifySegment(new Uint8Array(8), 8), SegmentError);
    const text = new TextEncoder().encode('{"schema":1,"papers":[]}'.padEnd(400));
    await assert.rejects(verifySegment(text, text.length), SegmentError);
    await assert.rejects(verifySegment(bytes, bytes.length - 8), SegmentError, 'a file shorter than its header says');
    const copy = new Uint8Array(bytes.length + 4);
    copy.set(bytes, 4);
    await assert.rejects(verifySegment(copy.subarray(4), bytes.length), RangeError);
    await fs.writeFile(file, bytes.subarray(0, indexEnd - 64));
    await assert.rejects(openSegmentFile(file), SegmentError);
  });

  it('a damaged summary record is refused when read, not shown', async () => {
    const segment = await openCopy((b) => void (b[recordsAt + 10] ^= 0x01));
    await assert.rejects(segment.summaries([0]), SegmentError);
    assert.equal((await segment.summaries([1]))[0].title, papers[1].title, 'the other records still read');
    // Read into memory all at once (as after a first search), each is still checked when used.
    await segment.loadRecords();
    await assert.rejects(segment.summaries([0]), SegmentError);
    assert.equal((await segment.summaries([399]))[0].title, papers[399].title);
  });

  it('a damaged posting list is refused when read, not scanned', async () => {
    const segment = await openCopy((b) => void (b[postingsAt + 2] ^= 0x01));
    const first = segment.terms.find(segment.terms.text(0)) as number;
    await assert.rejects(segment.loadPostings([first]), SegmentError);
    assert.equal(segment.terms.postingCount(first), 0, 'nothing kept of it');
  });
});

describe('persisted search index: planSync', () => {
  const stamp = (day: string, size = 10, mtimeMs = 1, ino = 7): FileStamp => ({
    source: 'hf-daily',
    day,
    size,
    mtimeMs,
    ino,
  });
  const seg = (created: number, files: FileStamp[]) => ({
    meta: { created, files },
    papersPerFile: files.map(() => 10),
  });

  it('builds what no segment read, and nothing when all is current', () => {
    assert.deepEqual(planSync([], [stamp('a'), stamp('b')]), {
      stale: [],
      build: [
        { source: 'hf-daily', day: 'a' },
        { source: 'hf-daily', day: 'b' },
      ],
      rebuildAll: false,
    });
    assert.deepEqual(planSync([seg(1, [stamp('a'), stamp('b')])], [stamp('a'), stamp('b')]), {
      stale: [[]],
      build: [],
      rebuildAll: false,
    });
  });

  it('a newer segment stands for an older one’s copy; a changed or removed file is stale', () => {
    const plan = planSync(
      [seg(1, [stamp('a'), stamp('b'), stamp('c'), stamp('d')]), seg(2, [stamp('b', 11)])],
      [stamp('a', 10, 2), stamp('b', 11), stamp('c')],
    );
    assert.deepEqual(plan.stale, [[1, 0, 3], []]);
    assert.deepEqual(plan.build, [{ source: 'hf-daily', day: 'a' }]);
    assert.equal(plan.rebuildAll, true, 'three of five files stale');
  });

  it('a file replaced by one of the same size and mtime (a coarse clock) is still seen as changed', () => {
    const plan = planSync(
      [seg(1, [stamp('a'), stamp('b'), stamp('c'), stamp('d')])],
      [stamp('a'), stamp('b'), stamp('c'), stamp('d', 10, 1, 8)],
    );
    assert.deepEqual(plan.stale, [[3]]);
    assert.deepEqual(plan.build, [{ source: 'hf-daily', day: 'd' }]);
  });

  it('rebuilds everything past eight segments or a third stale', () => {
    const many = Array.from({ length: 8 }, (_, i) => seg(i, [stamp(`d${i}`)]));
    const current = [...many.map((_, i) => stamp(`d${i}`)), stamp('new')];
    assert.equal(planSync(many, current).rebuildAll, true);
    assert.equal(planSync(many.slice(0, 7), current.slice(0, 7).concat(stamp('new'))).rebuildAll, false);
    const stale = planSync(
      [seg(1, [stamp('a'), stamp('b'), stamp('c')])],
      [stamp('a'), stamp('b', 12), stamp('c', 12)],
    );
    assert.equal(stale.rebuildAll, true);
    assert.equal(planSync([seg(1, [stamp('a')])], []).rebuildAll, false, 'an empty cache needs no segment');
  });
});
