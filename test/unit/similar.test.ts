/**
 * Similar papers: TF-IDF cosine over the search index (src/core/search/similar.ts), in memory,
 * in a segment file, and over the whole library.
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
import { openSegmentFile, type Segment } from '../../src/core/search/persist/segment';
import { SEGMENT_VERSION } from '../../src/core/search/persist/segmentFormat';
import { workerBuilder } from '../../src/core/search/persist/workerBuild';
import { notItself, paperCounts, similarParts, TEXT_HEAD, type SimilarHit } from '../../src/core/search/similar';
import { makeTempDir, type TempDir } from './helpers/tmpdir';
import { prng } from './helpers/prng';
import { writeTwoSourceCache } from './helpers/twoSourceCache';
import { paper } from '../helpers/paper';

/** Each topic's own words; a paper draws its title, keywords and abstract from one topic. */
const TOPICS: Record<string, string[]> = {
  diffusion: 'diffusion denoising score sampler image generation latent noise schedule guidance'.split(' '),
  reward: 'reward policy reinforcement preference agent rollout critic return feedback'.split(' '),
  splatting: 'gaussian splatting rendering scene radiance camera view novel reconstruction'.split(' '),
  retrieval: 'retrieval passage dense query reranker corpus embedding recall document'.split(' '),
  speech: 'speech acoustic phoneme speaker waveform vocoder transcription audio prosody'.split(' '),
};
const TOPIC_NAMES = Object.keys(TOPICS);
const SHARED = 'we propose method results show model approach paper novel efficient large'.split(' ');

/** `count` papers, topics in turn, their words drawn by a seeded generator. */
function corpus(count: number, prefix = 'p', seed = 7): Paper[] {
  const random = prng(seed);
  const pick = (list: string[], n: number) => Array.from({ length: n }, () => list[Math.floor(random() * list.length)]);
  return Array.from({ length: count }, (_, i) => {
    const words = TOPICS[TOPIC_NAMES[i % TOPIC_NAMES.length]];
    return paper({
      id: `${prefix}${i}`,
      arxivId: `2611.${String(10000 + i)}`,
      title: `${pick(words, 4).join(' ')} ${i}`,
      authors: [`Author ${i % 13}`, `Writer ${i % 7}`],
      abstract: `${[...pick(words, 25), ...pick(SHARED, 15)].sort(() => random() - 0.5).join(' ')}.`,
      aiKeywords: pick(words, 2),
      feedDay: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`,
    });
  });
}

const topicOf = (p: Paper) => TOPIC_NAMES[Number(/(\d+)$/.exec(p.id)?.[1]) % TOPIC_NAMES.length];

function assertWellFormed(hits: SimilarHit[], limit: number, what: string): void {
  assert.ok(hits.length <= limit, `${what}: at most ${limit}`);
  for (const [i, h] of hits.entries()) {
    assert.ok(h.similarity > 0 && h.similarity <= 1, `${what}: similarity ${h.similarity} in (0, 1]`);
    if (i > 0) assert.ok(hits[i - 1].similarity >= h.similarity, `${what}: sorted`);
  }
  assert.equal(new Set(hits.map((h) => h.paper.id)).size, hits.length, `${what}: one per paper`);
}

const silent: Logger = { info() {}, warn() {}, error() {} };

describe('similar papers: in memory', () => {
  const papers = corpus(200);
  const index = new PaperIndex(papers);

  it('finds papers of the same topic first, never the paper itself, within the limit', () => {
    for (const query of [papers[0], papers[1], papers[42], papers[133]]) {
      const hits = index.similar(query, 8);
      assert.equal(hits.length, 8);
      assertWellFormed(hits, 8, query.id);
      assert.ok(!hits.some((h) => h.paper.id === query.id), 'itself excluded');
      assert.deepEqual(
        hits.map((h) => topicOf(h.paper)),
        hits.map(() => topicOf(query)),
        `${query.id}: all of its topic`,
      );
    }
    assert.equal(index.similar(papers[3], 2).length, 2, 'limit respected');
    assert.deepEqual(index.similar(papers[3], 0), []);
  });

  it('leaves out another record of the same arXiv paper, and a paper not indexed finds its neighbours', () => {
    const copy = { ...papers[5], id: 'hf:copy-of-p5' };
    const withCopy = new PaperIndex([...papers, copy]);
    const hits = withCopy.similar(papers[5], 20);
    assert.ok(!hits.some((h) => h.paper.arxivId === papers[5].arxivId), 'no copy under another id');
    // Without the exclusion the copy is the nearest of all (a cosine of 1 with itself).
    const unfiltered = withCopy.similarToText(
      `${papers[5].title} ${papers[5].aiKeywords.join(' ')} ${papers[5].abstract}`,
      3,
    );
    assert.ok(
      unfiltered.some((h) => h.paper.id === 'hf:copy-of-p5'),
      'the copy is near',
    );

    const outsider = corpus(206, 'q', 99)[205];
    const near = index.similar(outsider, 5);
    assert.equal(near.length, 5);
    for (const h of near) assert.equal(topicOf(h.paper), topicOf(outsider));
  });

  it('a text with a rare word finds the paper having it first, most similar', () => {
    const rare = paper({ id: 'rare', title: 'quokka census by drone', abstract: 'quokka island marsupial census' });
    const withRare = new PaperIndex([...papers, rare]);
    const hits = withRare.similarToText('a census of the quokka on its island', 3);
    assert.equal(hits[0].paper.id, 'rare');
    assert.ok(hits.length === 1 || hits[0].similarity > hits[1].similarity);
    assertWellFormed(hits, 3, 'rare');
  });

  it('skips removed papers', () => {
    const smaller = new PaperIndex(papers);
    const best = smaller.similar(papers[0], 1)[0].paper.id;
    smaller.remove([best]);
    const after = smaller.similar(papers[0], 10).map((h) => h.paper.id);
    assert.ok(!after.includes(best), 'a removed paper is not listed');
    assert.equal(after.length, 10);
  });

  it('answers [] or sensibly for odd input, never throwing', () => {
    assert.deepEqual(index.similarToText(''), []);
    assert.deepEqual(index.similarToText('   \n\t '), []);
    assert.deepEqual(index.similarToText('the of and 2024 1 2 3'), [], 'stop words and numbers only');
    assert.deepEqual(index.similarToText('扩散模型 图像生成 去噪 采样器'), [], 'no CJK words in this index');
    const noAbstract = index.similar({ ...papers[0], id: 'bare', arxivId: undefined, abstract: '', aiKeywords: [] }, 5);
    assertWellFormed(noAbstract, 5, 'title only');
    assert.ok(noAbstract.length > 0 && noAbstract.every((h) => topicOf(h.paper) === topicOf(papers[0])));
    assert.deepEqual(new PaperIndex().similar(papers[0]), [], 'an empty index');

    // CJK papers indexed: a CJK text finds them.
    const cjk = new PaperIndex([
      ...papers,
      paper({ id: 'zh1', title: '扩散模型 图像生成', abstract: '扩散模型 去噪 采样器 图像生成' }),
      paper({ id: 'zh2', title: '语音合成 声码器', abstract: '语音合成 声码器 音素' }),
    ]);
    const zh = cjk.similarToText('本文研究 扩散模型 与 图像生成', 5);
    assert.equal(zh[0]?.paper.id, 'zh1');
    assertWellFormed(zh, 5, 'cjk');
  });

  it('a 2 MB text is read by its head and tail, and answers in bounded time', () => {
    // The middle speaks of speech; the head and the tail (the bibliography) of diffusion.
    const diffusion = `${TOPICS.diffusion.join(' ')} `;
    const speech = `${TOPICS.speech.join(' ')} `;
    const head = diffusion.repeat(Math.ceil(TEXT_HEAD / 2 / diffusion.length));
    const middle = speech.repeat(Math.ceil((2 << 20) / speech.length));
    const text = head + middle + diffusion.repeat(50);
    assert.ok(text.length > 2 << 20);
    const started = performance.now();
    const hits = index.similarToText(text, 5);
    assert.ok(performance.now() - started < 2000, 'bounded');
    assertWellFormed(hits, 5, '2 MB');
    assert.equal(hits.length, 5);
    for (const h of hits) assert.equal(topicOf(h.paper), 'diffusion');
  });
});

describe('similar papers: a segment file', () => {
  const papers = corpus(300);
  const meta = { created: 1, files: [{ source: 'hf-daily' as const, day: '2026-11-10', size: 1, mtimeMs: 1, ino: 1 }] };
  const bytes = encodeSegment(
    meta,
    papers.map((p) => ({ paper: p, file: 0 })),
  );
  let tmp: TempDir;
  let segment: Segment;
  beforeEach(async () => {
    tmp = await makeTempDir();
    const file = path.join(tmp.path, 'x.seg');
    await fs.writeFile(file, bytes);
    segment = await openSegmentFile(file);
  });
  afterEach(async () => {
    await segment.close();
    await tmp.remove();
  });

  it('keeps each paper’s vector length as the in-memory index computes it', () => {
    const memory = new PaperIndex(papers);
    assert.equal(segment.norms.length, papers.length);
    for (let slot = 0; slot < papers.length; slot++) {
      assert.ok(segment.norms[slot] > 0);
      assert.equal(segment.norms[slot], memory.norms[slot], `slot ${slot}`);
    }
  });

  it('answers as the in-memory index of the same papers does', async () => {
    const memory = new PaperIndex(papers);
    for (const query of [papers[0], papers[7], papers[123], papers[299], corpus(3, 'x', 5)[2]]) {
      const got = await similarParts([segment], paperCounts(query), 10, {
        excludeId: query.id,
        exclude: notItself(query),
      });
      assert.equal(got.length, 10);
      assert.deepEqual(
        got.map((h) => [h.paper.id, h.similarity]),
        memory.similar(query, 10).map((h) => [h.paper.id, h.similarity]),
        query.id,
      );
      for (const h of got) assert.equal(h.paper.abstract, '', 'hits are summaries');
    }
  });

  it('skips dead slots', async () => {
    const query = papers[4];
    const before = await similarParts([segment], paperCounts(query), 5, { excludeId: query.id });
    const dropped = segment.slotsOf(before[0].paper.id)[0];
    segment.dead[dropped] = 1;
    const after = await similarParts([segment], paperCounts(query), 5, { excludeId: query.id });
    assert.ok(!after.some((h) => h.paper.id === before[0].paper.id));
    assert.deepEqual(
      after.slice(0, 4).map((h) => h.paper.id),
      before.slice(1).map((h) => h.paper.id),
    );
  });

  it('a paper held by two parts is listed once', async () => {
    const memory = new PaperIndex(papers.slice(0, 50));
    const query = papers[0];
    const got = await similarParts([memory, segment], paperCounts(query), 10, { excludeId: query.id });
    assertWellFormed(got, 10, 'two parts');
    assert.equal(got.length, 10);
  });

  it('answers [] once aborted', async () => {
    const stop = new AbortController();
    stop.abort();
    assert.deepEqual(await similarParts([segment], paperCounts(papers[0]), 5, { signal: stop.signal }), []);
  });
});

describe('similar papers: the library', () => {
  let tmp: TempDir;
  let store: FeedStore;
  const sources: SourceId[] = ['hf-daily', 'arxiv'];
  const papers = corpus(300);
  const libraries: PaperLibrary[] = [];
  const open = (options = {}) => {
    const library = new PaperLibrary(store, sources, silent, { build: workerBuilder(), syncDelayMs: 1, ...options });
    libraries.push(library);
    return library;
  };

  beforeEach(async () => {
    tmp = await makeTempDir();
    store = await FeedStore.open(tmp.path);
    await writeTwoSourceCache(store, papers);
  });
  afterEach(async () => {
    for (const l of libraries.splice(0)) l.dispose();
    await tmp.remove();
  });

  it('ranks the persisted papers and this window’s, one per paper, never the paper itself', async () => {
    const library = open();
    await library.whenCurrent();
    const extra = corpus(310, 'live', 3).slice(300);
    const quokkas = [
      paper({ id: 'live-a', title: 'quokka habitat survey', abstract: 'quokka habitat island marsupial census' }),
      paper({ id: 'live-b', title: 'quokka diet', abstract: 'marsupial quokka diet on the island' }),
    ];
    library.add([...extra, ...quokkas]);
    await library.whenCurrent();
    // p0 is held twice on disk (Hugging Face and arXiv); its copy must not come back.
    for (const query of [papers[0], papers[1], extra[0]]) {
      const hits = await library.similar(query, 10);
      assert.equal(hits.length, 10, query.id);
      assertWellFormed(hits, 10, query.id);
      assert.ok(!hits.some((h) => h.paper.id === query.id || h.paper.arxivId === query.arxivId), 'itself excluded');
      for (const h of hits) assert.equal(topicOf(h.paper), topicOf(query), `${query.id}: ${h.paper.id}`);
    }
    assert.equal((await library.similar(papers[2])).length, 5, 'five by default');
    const [nearest] = await library.similar(quokkas[0], 3);
    assert.equal(nearest.paper.id, 'live-b', 'this window’s papers are compared too');
    assert.equal(nearest.paper.abstract, quokkas[1].abstract, 'listed whole, as held');
  });

  it('ranks the library against a document’s text, leaving out what it is told to, in slices', async () => {
    const turns = { count: 0 };
    let clock = 0;
    const library = open({
      slicing: {
        sliceMs: 2,
        now: () => clock++,
        yieldToLoop: async () => void turns.count++,
      },
    });
    await library.whenCurrent();
    turns.count = 0;
    const text = `${TOPICS.reward.join(' ')} `.repeat(40_000);
    const cited = new Set(['p1', 'p6', 'p11']);
    const hits = await library.similarToText(text, 8, { exclude: (p) => cited.has(p.id) });
    assert.equal(hits.length, 8);
    assertWellFormed(hits, 8, 'document');
    for (const h of hits) assert.equal(topicOf(h.paper), 'reward');
    assert.ok(!hits.some((h) => cited.has(h.paper.id)), 'excluded papers are left out');
    // About a turn every other step: a step per 16 KB of the text read, per query word per segment.
    assert.ok(turns.count >= 12, `gave the loop turns (${turns.count})`);
    assert.deepEqual(await library.similarToText('中文文本，没有英文单词'), []);
    const stop = new AbortController();
    stop.abort();
    assert.deepEqual(await library.similar(papers[0], 5, { signal: stop.signal }), []);
  });

  it('removes the index folders of older formats, leaving newer ones', async () => {
    const searchDir = path.join(tmp.path, 'search');
    const older = path.join(searchDir, `v${SEGMENT_VERSION - 1}`);
    const newer = path.join(searchDir, `v${SEGMENT_VERSION + 1}`);
    for (const dir of [older, newer]) {
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(path.join(dir, '1-1-abcd.seg'), 'old bytes');
    }
    const library = open();
    await library.whenCurrent();
    const left = await fs.readdir(searchDir);
    assert.ok(!left.includes(`v${SEGMENT_VERSION - 1}`), 'the older folder is gone');
    assert.ok(left.includes(`v${SEGMENT_VERSION + 1}`), 'a newer LitFeed’s folder is left alone');
    assert.ok(left.includes(`v${SEGMENT_VERSION}`), 'this version’s folder is used');
    assert.equal((await library.similar(papers[0], 3)).length, 3);
  });
});
