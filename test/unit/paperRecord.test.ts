import * as assert from 'node:assert/strict';
import { decodePaper } from '../../src/core/paperRecord';

/** A record as JSON.parse gives it back from the cache. */
function raw(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify({
      id: '2405.00001',
      title: 'A title',
      authors: ['A. Author', 'B. Author'],
      abstract: 'Text.',
      aiKeywords: ['k'],
      upvotes: 3,
      links: { arxivAbs: 'https://arxiv.org/abs/2405.00001', pdf: 'https://arxiv.org/pdf/2405.00001' },
      source: 'hf-daily',
      ...extra,
    }),
  ) as Record<string, unknown>;
}

describe('decoding a stored paper record', () => {
  it('keeps a record that is already right as it is, in place', () => {
    const record = raw();
    const links = record.links;
    const paper = decodePaper(record, { fallbackSource: 'hf-daily', inPlace: true });
    assert.equal(paper, record);
    assert.equal(paper?.links, links, 'clean links are not copied');
    assert.deepEqual(paper, raw());
  });

  it('copies when not asked to repair in place, links included', () => {
    const record = raw({ links: { pdf: 'https://arxiv.org/pdf/1', junk: 1 } });
    const paper = decodePaper(record, { fallbackSource: 'hf-daily' });
    assert.notEqual(paper, record);
    assert.deepEqual(paper?.links, { pdf: 'https://arxiv.org/pdf/1' });
    assert.deepEqual(record.links, { pdf: 'https://arxiv.org/pdf/1', junk: 1 }, 'the input is left alone');
    const clean = raw();
    const copy = decodePaper(clean, { fallbackSource: 'hf-daily' });
    assert.notEqual(copy?.links, clean.links);
    assert.deepEqual(copy?.links, clean.links);
  });

  it('drops unknown or non-string links, and links that are not an object', () => {
    const mixed = decodePaper(
      raw({ links: { code: 'https://github.com/x/y', pdf: 7, tracker: 'https://evil.example' } }),
      { fallbackSource: 'hf-daily', inPlace: true },
    );
    assert.deepEqual(mixed?.links, { code: 'https://github.com/x/y' });
    for (const links of [null, 'https://x', ['https://x'], 3]) {
      assert.deepEqual(
        decodePaper(raw({ links }), { fallbackSource: 'hf-daily', inPlace: true })?.links,
        {},
        JSON.stringify(links),
      );
    }
    assert.deepEqual(decodePaper(raw({ links: undefined }), { fallbackSource: 'hf-daily', inPlace: true })?.links, {});
  });

  it('drops wrong-typed optional fields, null included, and keeps unknown ones', () => {
    const paper = decodePaper(
      raw({
        published: null,
        upvotes: '12',
        githubStars: Infinity,
        categories: ['cs.LG', 2],
        aiKeywords: 'x',
        future: { a: 1 },
      }),
      {
        fallbackSource: 'hf-daily',
        inPlace: true,
      },
    ) as unknown as Record<string, unknown>;
    assert.equal('published' in paper, false);
    assert.equal('upvotes' in paper, false);
    assert.equal('categories' in paper, false);
    assert.deepEqual(paper.aiKeywords, []);
    assert.deepEqual(paper.future, { a: 1 });
    // JSON has no Infinity; a record built in memory (the reading list's copy) may.
    assert.equal('githubStars' in paper, false);
  });

  it('falls back to the given source when the stored one is not a plain name', () => {
    assert.equal(decodePaper(raw({ source: '../x' }), { fallbackSource: 'arxiv', inPlace: true })?.source, 'arxiv');
    assert.equal(decodePaper(raw({ source: 42 }), { fallbackSource: 'arxiv', inPlace: true })?.source, 'arxiv');
    assert.equal(
      decodePaper(raw({ source: 'newer-source' }), { fallbackSource: 'arxiv', inPlace: true })?.source,
      'newer-source',
    );
  });

  it('refuses a record without its identity or text', () => {
    for (const bad of [
      { id: '' },
      { id: 5 },
      { title: null },
      { abstract: undefined },
      { authors: ['a', 1] },
      { authors: 'a' },
    ]) {
      assert.equal(
        decodePaper(raw(bad), { fallbackSource: 'hf-daily', inPlace: true }),
        undefined,
        JSON.stringify(bad),
      );
    }
    assert.equal(decodePaper([raw()], { fallbackSource: 'hf-daily' }), undefined);
  });
});
