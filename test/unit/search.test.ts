import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseDailyPapers } from '../../src/core/sources/huggingfaceParse';
import type { Paper } from '../../src/core/paper';
import { PaperIndex } from '../../src/core/search/paperIndex';
import { fixturePath } from './helpers/paths';
import { paper } from '../helpers/paper';

const SAMPLE_FILE = path.resolve(__dirname, '../../../resources/sample-feed.json');

/** The bundled sample feed (20 real papers) plus 21 more with AI keywords and accented authors. */
function corpus(): Paper[] {
  const sample = parseDailyPapers(JSON.parse(readFileSync(SAMPLE_FILE, 'utf8')), { source: 'sample' }).papers;
  const extra = JSON.parse(readFileSync(fixturePath('search', 'papers.json'), 'utf8')) as Paper[];
  return [...sample, ...extra];
}

const ids = (hits: { paper: Paper }[]) => hits.map((h) => h.paper.id);

describe('search: PaperIndex', () => {
  const papers = corpus();
  const index = new PaperIndex(papers);

  it('indexes the whole fixture corpus', () => {
    assert.ok(papers.length >= 40, `corpus has ${papers.length} papers`);
    assert.equal(index.size, new Set(papers.map((p) => p.id)).size);
  });

  describe('a misspelled title finds its paper first', () => {
    const cases: [query: string, id: string][] = [
      ['atention is all you ned', '1706.03762'],
      ['attention is not all you need', '2103.03404'],
      ['denoising difusion probabilistc models', '2006.11239'],
      ['flashatention 2', '2307.08691'],
      ['mamba linear time sequnce modeling', '2312.00752'],
      ['lora low rank adaption of large language models', '2106.09685'],
      ['BERT pre-trainng of deep bidirectional transformers', '1810.04805'],
      ['langauge models are few shot learners', '2005.14165'],
      ['segment anythng', '2304.02643'],
      ['3d gausian splatting', '2308.04079'],
      ['proximal policy optimisation algorithms', '1707.06347'],
      ['distiling the knowledge in a neural network', '1503.02531'],
      ['an imag is worth 16x16 words', '2010.11929'],
      ['highway netwroks', '1505.00387'],
      ['retrievalaugmented generation for knowledge intensive', '2005.11401'],
      ['trainng compute optimal large langauge models', '2203.15556'],
      ['Auto-Encoding Variational Bayes', '1312.6114'],
      // Swapped letters in short words.
      ['lroa', '2106.09685'],
      ['mmaba selective', '2312.00752'],
    ];
    for (const [query, id] of cases) {
      it(`"${query}"`, () => {
        const hits = index.search(query, 10);
        assert.equal(
          hits[0]?.paper.id,
          id,
          `got ${hits
            .slice(0, 3)
            .map((h) => h.paper.title)
            .join(' | ')}`,
        );
      });
    }
  });

  it('finds papers by author, ignoring case and accents, and tolerates a typo in a name', () => {
    assert.equal(index.search('Vaswani')[0].paper.id, '1706.03762');
    assert.equal(index.search('scholkopf')[0].paper.id, '1811.12359');
    assert.equal(index.search('leimkuhler')[0].paper.id, '2308.04079');
    assert.equal(index.search('Goodfelow')[0].paper.id, '1406.2661');
    const hinton = ids(index.search('hinton', 5)).slice(0, 2).sort();
    assert.deepEqual(hinton, ['1503.02531', '2002.05709']);
  });

  it('finds every paper of an author before anything else', () => {
    const bengio = ['1409.0473', '1406.2661'];
    assert.deepEqual(ids(index.search('bengio', 10)).slice(0, bengio.length).sort(), [...bengio].sort());
  });

  it('answers a query spanning fields with the paper having every word', () => {
    assert.equal(index.search('hinton distilling')[0].paper.id, '1503.02531');
    assert.equal(index.search('ermon preference')[0].paper.id, '2305.18290');
  });

  it('finds AI keywords and words of the abstract', () => {
    assert.equal(index.search('reparameterization trick')[0].paper.id, '1312.6114');
    assert.equal(index.search('rank collapse')[0].paper.id, '2103.03404');
    // Both only in an abstract.
    assert.equal(index.search('wikipedia')[0].paper.id, '2005.11401');
    assert.equal(index.search('rasteriser')[0].paper.id, '2308.04079');
  });

  it('completes the word being typed', () => {
    assert.equal(index.search('mamb')[0].paper.id, '2312.00752');
    assert.equal(index.search('segment anyth')[0].paper.id, '2304.02643');
    // A finished word (a space typed after it) is not a prefix any more.
    assert.equal(index.search('mam')[0].paper.id, '2312.00752');
    assert.equal(index.search('mam ').length, 0);
  });

  it('ranks title over authors over AI keywords over abstract', () => {
    const word = 'Zeppelin';
    const small = new PaperIndex([
      paper({ id: 'abstract', title: 'Airships at scale', abstract: `We study the ${word} and other airships.` }),
      paper({ id: 'keywords', title: 'Airships at scale', aiKeywords: ['airships', word] }),
      paper({ id: 'authors', title: 'Airships at scale', authors: ['Ada Lovelace', `Ferdinand ${word}`] }),
      paper({ id: 'title', title: `The ${word} at scale` }),
      paper({ id: 'none', title: 'Airships at scale', abstract: 'Nothing to see.' }),
    ]);
    assert.deepEqual(ids(small.search(word.toLowerCase())), ['title', 'authors', 'keywords', 'abstract']);
  });

  it('scores from 0 (best) upwards, best first, and respects the limit', () => {
    const hits = index.search('attention', 5);
    assert.equal(hits.length, 5);
    for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1].score <= hits[i].score);
    assert.ok(hits.every((h) => h.score >= 0 && h.score <= 1));
    assert.ok(index.search('attention', 50).length > 5);
  });

  it('returns nothing for an empty query, a zero limit or words found nowhere', () => {
    assert.deepEqual(index.search(''), []);
    assert.deepEqual(index.search('   '), []);
    assert.deepEqual(index.search('attention', 0), []);
    assert.deepEqual(index.search('xqzvw qqqj'), []);
    assert.deepEqual(new PaperIndex().search('attention'), []);
  });

  it('takes any typed text without failing, regex characters and unicode included', () => {
    const typed = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.constantFrom('(', '[a-', '.*', '\\', '$^|?+', 'ſ', 'İ', 'ﬁ', 'a'.repeat(300), 'attention '.repeat(40)),
    );
    fc.assert(
      fc.property(typed, fc.integer({ min: 1, max: 60 }), (query, limit) => {
        const hits = index.search(query, limit, { matches: true });
        assert.ok(hits.length <= limit);
        for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1].score <= hits[i].score);
      }),
    );
  });

  it('reports where the query matched, in the paper’s own text', () => {
    const [hit] = index.search('schölkopf disentangled', 1, { matches: true });
    assert.equal(hit.paper.id, '1811.12359');
    const author = hit.matches?.find((m) => m.field === 'authors');
    assert.equal(author?.value, 'Bernhard Schölkopf');
    assert.ok(author?.indices.some(([s, e]) => author.value.slice(s, e + 1) === 'Schölkopf'));
    const title = hit.matches?.find((m) => m.field === 'title');
    assert.ok(title?.indices.some(([s, e]) => hit.paper.title.slice(s, e + 1) === 'Disentangled'));
    assert.equal(index.search('schölkopf')[0].matches, undefined);
  });

  describe('incremental updates', () => {
    it('adds papers that are found at once', () => {
      const live = new PaperIndex(papers);
      assert.deepEqual(live.search('zeppelin airships'), []);
      live.add([paper({ id: 'z1', title: 'Zeppelin Airships Revisited', feedDay: '2026-01-01' })]);
      assert.equal(live.size, papers.length + 1);
      assert.equal(live.search('zepelin airships')[0].paper.id, 'z1');
    });

    it('replaces a paper added again with the same id', () => {
      const live = new PaperIndex(papers);
      live.add([paper({ id: 'z1', title: 'Zeppelin Airships Revisited' })]);
      live.add([paper({ id: 'z1', title: 'Blimps for Everyone' })]);
      assert.equal(live.size, papers.length + 1);
      assert.deepEqual(ids(live.search('zeppelin')), []);
      assert.deepEqual(ids(live.search('blimps')), ['z1']);
    });

    it('takes the new record when only counts changed', () => {
      const live = new PaperIndex(papers);
      const mamba = papers.find((p) => p.id === '2312.00752') as Paper;
      live.add([{ ...mamba, upvotes: 999 }]);
      const [hit] = live.search('mamba');
      assert.equal(hit.paper.upvotes, 999);
      assert.equal(live.size, papers.length);
    });

    it('removes papers by id', () => {
      const live = new PaperIndex(papers);
      assert.equal(live.remove(['1706.03762', 'not-there']), 1);
      assert.equal(live.size, papers.length - 1);
      assert.equal(live.has('1706.03762'), false);
      assert.ok(!ids(live.search('attention is all you need', 50)).includes('1706.03762'));
      assert.equal(live.search('vaswani').length, 0);
    });

    it('stays correct through heavy churn (removed papers outnumbering live ones)', () => {
      const live = new PaperIndex(papers);
      const filler = Array.from({ length: 3000 }, (_, i) =>
        paper({ id: `f${i}`, title: `Filler study number ${i} on attention`, authors: [`Author ${i}`] }),
      );
      live.add(filler);
      assert.equal(live.size, papers.length + 3000);
      assert.equal(live.remove(filler.map((p) => p.id)), 3000);
      assert.equal(live.size, papers.length);
      assert.deepEqual(live.search('filler'), []);
      assert.equal(live.search('atention is all you ned')[0].paper.id, '1706.03762');
      live.add([paper({ id: 'after', title: 'Filler after compaction' })]);
      assert.deepEqual(ids(live.search('filler')), ['after']);
    });

    it('indexes in batches without blocking, with the same result', async () => {
      const live = new PaperIndex();
      await live.addInBatches(papers, 7);
      assert.equal(live.size, index.size);
      assert.deepEqual(ids(live.search('gausian splatting', 5)), ids(index.search('gausian splatting', 5)));
    });
  });

  it('prefers the newer of two equally good matches', () => {
    const small = new PaperIndex([
      paper({ id: 'old', title: 'Sparse Autoencoders', feedDay: '2024-01-01' }),
      paper({ id: 'new', title: 'Sparse Autoencoders', feedDay: '2025-06-01' }),
    ]);
    assert.deepEqual(ids(small.search('sparse autoencoders')), ['new', 'old']);
  });
});
