import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mergeLists, mergePapers } from '../../src/core/feed/merge';
import type { Paper } from '../../src/core/paper';
import { parseArxivFeed } from '../../src/core/sources/arxivParse';
import { parseDailyPapers } from '../../src/core/sources/huggingfaceParse';
import { paper } from '../helpers/paper';
import { fixturePath } from './helpers/paths';

/** Mixtral as the Hugging Face daily feed and the arXiv listing each describe it. */
function mixtral(): { hf: Paper; arxiv: Paper } {
  const hf = parseDailyPapers(JSON.parse(readFileSync(fixturePath('hf', 'daily-good.json'), 'utf8'))).papers;
  const arxiv = parseArxivFeed(readFileSync(fixturePath('arxiv', 'normal.xml'), 'utf8')).papers;
  const find = (list: Paper[]) => list.find((p) => p.id === '2401.04088') as Paper;
  return { hf: find(hf), arxiv: find(arxiv) };
}

/** The papers merged here are copies of one paper from different sources. */
const SAME_ID = '2401.00001';

describe('merge: one paper from two sources', () => {
  const { hf, arxiv } = mixtral();
  const merged = mergePapers(hf, arxiv);

  it('starts from two records of the same paper', () => {
    assert.equal(hf.source, 'hf-daily');
    assert.equal(arxiv.source, 'arxiv');
    assert.equal(hf.id, arxiv.id);
  });

  it('takes the community data from Hugging Face', () => {
    assert.equal(merged.upvotes, hf.upvotes);
    assert.equal(merged.numComments, hf.numComments);
    assert.equal(merged.aiSummary, hf.aiSummary);
    assert.deepEqual(merged.aiKeywords, hf.aiKeywords);
    assert.equal(merged.organization, hf.organization);
    assert.equal(merged.githubStars, hf.githubStars);
    assert.equal(merged.thumbnail, hf.thumbnail);
    assert.equal(merged.links.code, hf.links.code);
    assert.equal(merged.links.project, hf.links.project);
    assert.equal(merged.links.huggingFace, 'https://huggingface.co/papers/2401.04088');
    assert.equal(merged.feedDay, '2024-01-09');
    assert.equal(merged.source, 'hf-daily');
  });

  it('takes the paper’s own record from arXiv', () => {
    assert.deepEqual(merged.categories, ['cs.LG', 'cs.CL']);
    assert.equal(merged.published, '2024-01-08T18:47:34Z');
    assert.equal(merged.links.arxivAbs, 'https://arxiv.org/abs/2401.04088');
    assert.equal(merged.links.pdf, 'https://arxiv.org/pdf/2401.04088');
  });

  it('takes the longer author list (Hugging Face drops hidden authors)', () => {
    assert.ok(hf.authors.length < arxiv.authors.length);
    assert.deepEqual(merged.authors, arxiv.authors);
  });

  it('takes the longer abstract', () => {
    assert.equal(merged.abstract, hf.abstract.length > arxiv.abstract.length ? hf.abstract : arxiv.abstract);
  });

  it('gives the same paper whichever record comes first', () => {
    assert.deepEqual(mergePapers(arxiv, hf), merged);
  });

  it('does not touch its inputs', () => {
    const { hf: freshHf, arxiv: freshArxiv } = mixtral();
    mergePapers(hf, arxiv).authors.push('Someone Else');
    assert.deepEqual(hf, freshHf);
    assert.deepEqual(arxiv, freshArxiv);
  });

  it('fills gaps from either side and leaves absent fields absent', () => {
    const a = paper({ id: SAME_ID, source: 'hf-daily', upvotes: 3, feedDay: '2024-01-02' });
    const b = paper({
      id: SAME_ID,
      source: 'arxiv',
      doi: '10.1000/xyz',
      journalRef: 'J. Test 1 (2024)',
      categories: ['stat.ML'],
    });
    const m = mergePapers(a, b);
    assert.equal(m.doi, '10.1000/xyz');
    assert.equal(m.journalRef, 'J. Test 1 (2024)');
    assert.equal(m.upvotes, 3);
    assert.equal(m.feedDay, '2024-01-02');
    for (const key of ['aiSummary', 'thumbnail', 'organization', 'numComments', 'published'] as const) {
      assert.equal(key in m, false, key);
    }
  });

  it('prefers a longer list or abstract even from the other side, and arXiv on a tie', () => {
    const short = paper({ id: SAME_ID, source: 'arxiv', authors: ['A. One'], abstract: 'Cut.' });
    const long = paper({
      id: SAME_ID,
      source: 'hf-search',
      authors: ['Ann One', 'Bob Two'],
      abstract: 'The whole abstract.',
    });
    assert.deepEqual(mergePapers(short, long).authors, ['Ann One', 'Bob Two']);
    assert.equal(mergePapers(short, long).abstract, 'The whole abstract.');
    const tieA = paper({ id: SAME_ID, source: 'arxiv', authors: ['Théo Gervet'] });
    const tieB = paper({ id: SAME_ID, source: 'hf-daily', authors: ['Theo Gervet'] });
    assert.deepEqual(mergePapers(tieB, tieA).authors, ['Théo Gervet']);
  });

  it('keeps the larger count when two Hugging Face records disagree', () => {
    const daily = paper({ id: SAME_ID, source: 'hf-daily', upvotes: 10, numComments: 4, feedDay: '2024-01-03' });
    const search = paper({ id: SAME_ID, source: 'hf-search', upvotes: 12, numComments: 1 });
    const m = mergePapers(search, daily);
    assert.equal(m.upvotes, 12);
    assert.equal(m.numComments, 4);
    assert.equal(m.feedDay, '2024-01-03');
    assert.equal(m.source, 'hf-daily');
  });

  it('refuses to merge different papers', () => {
    assert.throws(
      () => mergePapers(paper({ id: SAME_ID, source: 'arxiv' }), paper({ id: '2401.99999', source: 'hf-daily' })),
      RangeError,
    );
  });
});

describe('merge: lists', () => {
  it('keeps each paper once, in order of first appearance, merging repeats', () => {
    const { hf, arxiv } = mixtral();
    const other = paper({ id: '2401.00002', source: 'arxiv', title: 'Other' });
    const hfOnly = paper({ id: '2401.00003', source: 'hf-daily', title: 'HF only' });
    const merged = mergeLists([[hf, hfOnly], [other, arxiv], [other]]);
    assert.deepEqual(
      merged.map((p) => p.id),
      ['2401.04088', '2401.00003', '2401.00002'],
    );
    assert.deepEqual(merged[0], mergePapers(hf, arxiv));
    assert.equal(merged[1], hfOnly);
    assert.deepEqual(merged[2], other);
  });

  it('merges nothing into an empty list', () => {
    assert.deepEqual(mergeLists([]), []);
    assert.deepEqual(mergeLists([[], []]), []);
  });
});
