import * as assert from 'node:assert/strict';
import { ArxivFeed, FeedStore, PaperLibrary, Politeness, silentLogger } from '../../src/core';
import { makeTempDir, type TempDir } from './helpers/tmpdir';
import { paper } from '../helpers/paper';

/** A fresh store in a temp folder for each test; `cache.store` is the current one. */
function useTempStore(): { store: FeedStore } {
  const cache = {} as { store: FeedStore; tmp: TempDir };
  beforeEach(async () => {
    cache.tmp = await makeTempDir();
    cache.store = await FeedStore.open(cache.tmp.path);
  });
  afterEach(() => cache.tmp.remove());
  return cache;
}

describe('PaperLibrary', () => {
  const cache = useTempStore();
  const open: PaperLibrary[] = [];
  const keep = (library: PaperLibrary) => (open.push(library), library);
  afterEach(() => {
    for (const l of open.splice(0)) l.dispose();
  });

  it('indexes every cached day of every source once, and finds a misspelled title', async () => {
    await cache.store.writeDay({
      source: 'hf-daily',
      day: '2026-11-20',
      fetchedAt: '2026-11-20T08:00:00Z',
      papers: [paper({ id: '2611.00001', title: 'Sparse Mixture of Experts at Scale', upvotes: 9 })],
    });
    await cache.store.writeDay({
      source: 'hf-daily',
      day: '2026-11-21',
      fetchedAt: '2026-11-21T08:00:00Z',
      papers: [paper({ id: '2611.00002', title: 'Diffusion Transformers for Video' })],
    });
    await cache.store.writeDay({
      source: 'arxiv',
      day: '2026-11-19',
      fetchedAt: '2026-11-21T08:00:00Z',
      papers: [
        paper({
          id: '2611.00001',
          title: 'Sparse Mixture of Experts at Scale',
          source: 'arxiv',
          categories: ['cs.LG'],
          doi: '10.1/x',
        }),
      ],
    });
    const library = keep(new PaperLibrary(cache.store, ['hf-daily', 'arxiv'], silentLogger));
    await library.whenCurrent();
    assert.equal(library.paperCount(), 2);
    const merged = await library.paper('2611.00001');
    assert.equal(merged?.upvotes, 9, 'the Hugging Face votes stay');
    assert.deepEqual(merged?.categories, ['cs.LG'], 'the arXiv categories join them');
    assert.equal((await library.search('sprase mixtur of experts', 5))[0]?.paper.id, '2611.00001');
  });

  it('adds papers that arrive later, merging them with what it knows', async () => {
    const library = keep(new PaperLibrary(cache.store, ['hf-daily'], silentLogger));
    await library.ensureLoaded();
    library.add([paper({ id: '2611.00003', title: 'Retrieval Augmented Generation Revisited', upvotes: 1 })]);
    library.add([paper({ id: '2611.00003', title: 'Retrieval Augmented Generation Revisited', upvotes: 5 })]);
    assert.equal(library.paperCount(), 1);
    assert.equal(library.get('2611.00003')?.upvotes, 5);
    assert.equal((await library.search('retreival augmented', 3))[0]?.paper.id, '2611.00003');
  });

  it('keeps papers added while the cache was still loading', async () => {
    await cache.store.writeDay({
      source: 'hf-daily',
      day: '2026-11-20',
      fetchedAt: '2026-11-20T08:00:00Z',
      papers: [paper({ id: '2611.00001' })],
    });
    const library = keep(new PaperLibrary(cache.store, ['hf-daily'], silentLogger));
    const loading = library.ensureLoaded();
    library.add([paper({ id: '2611.00009', title: 'Arrived During Load' })]);
    await loading;
    await library.whenCurrent();
    assert.ok(await library.listed('2611.00001'));
    assert.ok(library.get('2611.00009'));
  });
});

describe('ArxivFeed', () => {
  const cache = useTempStore();

  const gate = new Politeness({ intervalMs: 0 });

  it('caches each category by day, merging with what a day already had, and reports failing categories', async () => {
    await cache.store.writeDay({
      source: 'arxiv',
      day: '2026-11-26',
      fetchedAt: '2026-11-26T08:00:00Z',
      papers: [paper({ id: '2611.00100', source: 'arxiv', feedDay: '2026-11-26' })],
    });
    const asked: string[] = [];
    const feed = new ArxivFeed({
      store: cache.store,
      gate,
      log: silentLogger,
      fetchCategory: async (o) => {
        asked.push(o.category);
        if (o.category === 'stat.ML') throw new Error('arXiv answered 503 Service Unavailable after 3 attempts');
        return {
          category: o.category,
          url: 'x',
          skipped: 1,
          papers: [
            paper({ id: '2611.00101', source: 'arxiv', feedDay: '2026-11-26', categories: [o.category] }),
            paper({ id: '2611.00102', source: 'arxiv', feedDay: '2026-11-27', categories: [o.category] }),
          ],
        };
      },
    });
    const outcome = await feed.refresh({
      baseUrl: 'https://export.arxiv.org',
      categories: ['cs.LG', 'stat.ML', 'cs.LG OR all:x'],
      maxResults: 10,
    });
    assert.deepEqual(asked, ['cs.LG', 'stat.ML'], 'an invalid category is never sent');
    assert.equal(outcome.papers, 2);
    assert.equal(outcome.skipped, 1);
    assert.equal(outcome.errors.length, 2);
    assert.match(outcome.errors.join('\n'), /stat\.ML: arXiv answered 503/);
    assert.match(outcome.errors.join('\n'), /not an arXiv category/);
    const day26 = (await cache.store.readDay('arxiv', '2026-11-26')).day;
    assert.deepEqual(
      day26?.papers.map((p) => p.id).sort(),
      ['2611.00100', '2611.00101'],
      'the older paper of that day is kept',
    );
    const snap = await feed.snapshot();
    assert.equal(snap.papers[0].id, '2611.00102', 'the newest day comes first');
    assert.deepEqual(
      snap.papers
        .slice(1)
        .map((p) => p.id)
        .sort(),
      ['2611.00100', '2611.00101'],
    );
    assert.equal(snap.papers.length, 3);
  });
});
