import * as assert from 'node:assert/strict';
import { bibliographyText, parseBib, parseFilter, passesFilter } from '../../src/core';
import { paper } from '../helpers/paper';

describe('feed filter', () => {
  it('reads words and a minimum of upvotes', () => {
    assert.deepEqual(parseFilter('diffusion >=10'), { text: 'diffusion', minUpvotes: 10 });
    assert.deepEqual(parseFilter('  ≥ 5  '), { text: '', minUpvotes: 5 });
    assert.deepEqual(parseFilter('mixture of   experts'), { text: 'mixture of experts', minUpvotes: 0 });
    assert.equal(parseFilter('   '), undefined);
  });

  it('keeps papers with every word in title, authors or keywords and enough upvotes', () => {
    const p = paper({
      id: '2401.00001',
      title: 'Latent Diffusion Models',
      authors: ['Robin Rombach'],
      aiKeywords: ['image synthesis'],
      upvotes: 12,
    });
    assert.equal(passesFilter(p, { text: 'diffusion rombach', minUpvotes: 0 }), true);
    assert.equal(passesFilter(p, { text: 'SYNTHESIS', minUpvotes: 12 }), true);
    assert.equal(passesFilter(p, { text: 'diffusion', minUpvotes: 13 }), false);
    assert.equal(passesFilter(p, { text: 'transformer', minUpvotes: 0 }), false);
    assert.equal(passesFilter(paper({ id: 'x' }), { text: '', minUpvotes: 1 }), false, 'no upvotes counts as zero');
  });
});

describe('reading list export', () => {
  it('writes one entry per paper with unique keys, and the .bib parses back', async () => {
    const papers = [
      paper({
        id: '1706.03762',
        arxivId: '1706.03762',
        title: 'Attention Is All You Need',
        authors: ['Ashish Vaswani'],
        published: '2017-06-12',
      }),
      paper({
        id: '1706.99999',
        arxivId: '1706.99999',
        title: 'Attention Is All You Need',
        authors: ['Ashish Vaswani'],
        published: '2017-06-30',
      }),
      paper({
        id: '2401.00002',
        arxivId: '2401.00002',
        title: 'Über Alles: 100% of $x^2$ & more',
        authors: ['Jürgen Müller'],
        published: '2024-01-02',
      }),
    ];
    const { text, keys } = bibliographyText(papers, { keyStyle: 'google' });
    assert.equal(new Set(keys).size, 3);
    assert.equal(keys[0], 'vaswani2017attention');
    assert.match(keys[1], /^vaswani2017attention[a-z]$/);
    const parsed = await parseBib(text);
    assert.ok(parsed.ok);
    if (parsed.ok) {
      assert.deepEqual(
        parsed.entries.map((e) => e.key),
        keys,
      );
      assert.deepEqual(
        parsed.entries.map((e) => e.fields.eprint),
        ['1706.03762', '1706.99999', '2401.00002'],
      );
    }
  });

  it('is empty for an empty list', () => {
    assert.deepEqual(bibliographyText([]), { text: '', keys: [] });
  });
});
