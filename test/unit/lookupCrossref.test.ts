import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CROSSREF_BASE_URL,
  crossrefSearchUrl,
  crossrefWorkUrl,
  fetchCrossrefWork,
  parseCrossrefItem,
  parseCrossrefList,
  parseCrossrefWork,
  searchCrossref,
} from '../../src/core/lookup/crossref';
import { LookupFormatError } from '../../src/core/lookup/markup';
import { HttpError } from '../../src/core/net/httpError';
import { startLoopbackServer, type LoopbackServer } from './helpers/loopbackServer';
import { fixturePath } from './helpers/paths';

function fixture(name: string): string {
  return readFileSync(fixturePath('lookup', 'services', name), 'utf8');
}
function body(name: string): unknown {
  return JSON.parse(fixture(name));
}
function isFormatError(pattern: RegExp) {
  return (err: unknown) => err instanceof LookupFormatError && err.service === 'crossref' && pattern.test(err.message);
}

describe('Crossref: one work', () => {
  it('reads a journal article into a Work with its publication', () => {
    const work = parseCrossrefWork(body('crossref-work-journal.json'));
    assert.ok(work);
    assert.equal(work.service, 'crossref');
    // Tags stripped, entities decoded, whitespace collapsed; the subtitle is not appended.
    assert.equal(work.title, 'Sparse Mixtures of Experts & Routing at Scale');
    assert.deepEqual(work.authors, ['Ada Lovelace', 'José María Álvarez-Pérez', 'The Example Consortium']);
    assert.deepEqual(work.families, ['Lovelace', 'Álvarez-Pérez', 'The Example Consortium']);
    assert.equal(work.year, '2023');
    assert.equal(work.doi, '10.1234/jml.2023.0042');
    assert.equal(work.url, 'https://doi.org/10.1234/jml.2023.0042');
    assert.deepEqual(work.publication, {
      kind: 'article',
      venue: 'Journal of Machine Learning Studies',
      year: '2023',
      volume: '12',
      number: '3',
      pages: '101-118',
      publisher: 'Example Press',
      doi: '10.1234/jml.2023.0042',
      foundBy: 'crossref',
    });
    assert.deepEqual(work.hasPreprint, ['10.48550/arxiv.2301.00001']);
    assert.equal(work.preprintOf, undefined);
    assert.equal(work.abstract, 'We route tokens to experts.\n\nSecond paragraph <here>.');
  });

  it('gives a posted preprint no publication, and keeps its is-preprint-of DOIs once each', () => {
    const work = parseCrossrefWork(body('crossref-work-posted-content.json'));
    assert.ok(work);
    assert.equal(work.publication, undefined);
    assert.equal(work.year, '2022');
    assert.deepEqual(work.preprintOf, ['10.1234/jml.2023.0042']);
    assert.equal(work.url, 'https://doi.org/10.31219/osf.io/abcde');
  });

  it('reads a proceedings paper, taking the year from published-print when issued has none', () => {
    const work = parseCrossrefWork(body('crossref-work-proceedings.json'));
    assert.ok(work);
    assert.equal(work.year, '2019');
    assert.deepEqual(work.publication, {
      kind: 'inproceedings',
      venue: '2019 IEEE Conference on Example Vision (CEV)',
      year: '2019',
      pages: '770-778',
      publisher: 'IEEE',
      doi: '10.1109/example.2019.00077',
      foundBy: 'crossref',
    });
    assert.equal(work.preprintOf, undefined);
    assert.equal(work.hasPreprint, undefined);
  });

  it('reads a book chapter as a proceedings paper of its volume, not of its series', () => {
    const work = parseCrossrefWork(body('crossref-work-chapter.json'));
    assert.equal(work?.publication?.kind, 'inproceedings');
    assert.equal(work?.publication?.venue, 'Computer Vision – ECCV 2020');
    assert.equal(work?.publication?.pages, '405-421');
    assert.equal(work?.year, '2020');
    assert.equal(work?.url, 'http://dx.doi.org/10.1007/978-3-030-00000-0_24');
  });

  it('skips fields of the wrong type and keeps the rest', () => {
    const work = parseCrossrefWork(body('crossref-work-wrong-types.json'));
    assert.ok(work);
    assert.equal(work.title, 'A Title After Junk');
    assert.deepEqual(work.authors, ['Solo']);
    assert.deepEqual(work.families, ['Solo']);
    assert.equal(work.year, '2021');
    assert.equal(work.doi, undefined);
    assert.equal(work.url, undefined);
    assert.equal(work.abstract, undefined);
    assert.deepEqual(work.publication, {
      kind: 'article',
      venue: 'Not An Array But Still A Journal',
      year: '2021',
      number: '7',
      foundBy: 'crossref',
    });
    // Non-DOI relation ids are kept as given; a relation that is not a list of objects is skipped.
    assert.deepEqual(work.hasPreprint, ['2101.00001']);
    assert.equal(work.preprintOf, undefined);
  });

  it('uses the article number when a journal gives no pages, and turns an untitled record into undefined', () => {
    const numbered = parseCrossrefItem({
      type: 'journal-article',
      title: ['Numbered'],
      'container-title': ['Open Journal'],
      'article-number': 'ooae021',
    });
    assert.equal(numbered?.publication?.pages, 'ooae021');
    assert.equal(parseCrossrefItem({ DOI: '10.1/x', title: [] }), undefined);
    assert.equal(parseCrossrefItem('not a record'), undefined);
    assert.equal(parseCrossrefItem(null), undefined);
  });

  it('gives no publication to types other than articles, proceedings papers and chapters, or without a venue', () => {
    for (const type of ['posted-content', 'dataset', 'book', 'report', 'other']) {
      const work = parseCrossrefItem({ type, title: ['T'], 'container-title': ['C'] });
      assert.equal(work?.publication, undefined, type);
    }
    assert.equal(
      parseCrossrefItem({ type: 'journal-article', title: ['T'], 'container-title': [] })?.publication,
      undefined,
    );
  });

  it('refuses a body that is not a work record, naming Crossref', () => {
    assert.throws(() => parseCrossrefWork('Resource not found.'), isFormatError(/^Crossref answered/));
    assert.throws(() => parseCrossrefWork([]), isFormatError(/not a JSON object/));
    assert.throws(
      () => parseCrossrefWork({ status: 'ok', 'message-type': 'work' }),
      isFormatError(/not a work record/),
    );
    assert.throws(() => parseCrossrefWork(body('crossref-list.json')), isFormatError(/"work-list" where a "work"/));
    assert.throws(
      () => parseCrossrefWork(body('crossref-failed.json')),
      isFormatError(/does not support query\.titel/),
    );
  });
});

describe('Crossref: search results', () => {
  it('keeps titled items in order and leaves out the rest', () => {
    const works = parseCrossrefList(body('crossref-list.json'));
    assert.deepEqual(
      works.map((w) => [w.title, w.doi, w.publication?.kind]),
      [
        ['First Hit', '10.5555/first', 'article'],
        ['Second Hit', '10.5555/second', undefined],
      ],
    );
  });

  it('reads an empty result as no works', () => {
    assert.deepEqual(parseCrossrefList(body('crossref-list-empty.json')), []);
  });

  it('refuses a body that is not a list of works', () => {
    assert.throws(
      () => parseCrossrefList(body('crossref-work-journal.json')),
      isFormatError(/"work" where a "work-list"/),
    );
    assert.throws(() => parseCrossrefList({ status: 'ok', message: { items: 'none' } }), isFormatError(/not a list/));
    assert.throws(() => parseCrossrefList(42), isFormatError(/not a JSON object/));
  });
});

describe('Crossref: URLs', () => {
  it('puts the DOI in the path as one encoded segment, and mailto in the query', () => {
    assert.equal(
      crossrefWorkUrl(CROSSREF_BASE_URL, '10.1038/s42256-024-00832-8'),
      'https://api.crossref.org/works/10.1038%2Fs42256-024-00832-8',
    );
    assert.equal(
      crossrefWorkUrl('https://mirror.example.org/cr/', '10.1002/(SICI)1097-0258', 'me@example.org'),
      'https://mirror.example.org/cr/works/10.1002%2F(SICI)1097-0258?mailto=me%40example.org',
    );
  });

  it('asks for a bibliographic query, the author when known, rows and mailto', () => {
    const url = new URL(
      crossrefSearchUrl(
        CROSSREF_BASE_URL,
        { title: 'Attention Is All You Need', author: 'Vaswani' },
        3,
        'me@example.org',
      ),
    );
    assert.equal(url.origin + url.pathname, 'https://api.crossref.org/works');
    assert.equal(url.searchParams.get('query.bibliographic'), 'Attention Is All You Need');
    assert.equal(url.searchParams.get('query.author'), 'Vaswani');
    assert.equal(url.searchParams.get('rows'), '3');
    assert.equal(url.searchParams.get('mailto'), 'me@example.org');

    const plain = new URL(crossrefSearchUrl(CROSSREF_BASE_URL, { title: 'A & B?' }));
    assert.equal(plain.searchParams.get('query.bibliographic'), 'A & B?');
    assert.equal(plain.searchParams.has('query.author'), false);
    assert.equal(plain.searchParams.get('rows'), '5');
    assert.equal(plain.searchParams.has('mailto'), false);
  });
});

describe('Crossref: fetching', () => {
  let server: LoopbackServer;
  const seen: string[] = [];
  const http = { retries: 0 };

  before(async () => {
    server = await startLoopbackServer((req: IncomingMessage, res: ServerResponse) => {
      const url = req.url ?? '';
      seen.push(url);
      const send = (status: number, text: string, type = 'application/json') => {
        res.writeHead(status, { 'content-type': type });
        res.end(text);
      };
      if (url.startsWith('/works/10.1234%2Fjml')) send(200, fixture('crossref-work-journal.json'));
      else if (url.startsWith('/works/10.48550%2F')) send(404, 'Resource not found.', 'text/plain');
      else if (url.startsWith('/works/10.5555%2Fdown')) send(500, 'Internal error', 'text/plain');
      else if (url.startsWith('/works/10.5555%2Ftruncated')) send(200, fixture('crossref-truncated.json'));
      else if (url.startsWith('/works/10.5555%2Flist')) send(200, fixture('crossref-list.json'));
      else if (url.startsWith('/works?')) send(200, fixture('crossref-list.json'));
      else send(404, 'Resource not found.', 'text/plain');
    });
  });
  after(() => server.close());

  it('fetches one work, sending mailto', async () => {
    const work = await fetchCrossrefWork({
      baseUrl: server.url,
      doi: '10.1234/jml.2023.0042',
      http,
      mailto: 'me@example.org',
    });
    assert.equal(work?.doi, '10.1234/jml.2023.0042');
    assert.ok(seen.includes('/works/10.1234%2Fjml.2023.0042?mailto=me%40example.org'));
  });

  it('answers undefined when Crossref does not hold the DOI (404)', async () => {
    assert.equal(await fetchCrossrefWork({ baseUrl: server.url, doi: '10.48550/arXiv.2312.07559', http }), undefined);
  });

  it('passes other failures on as HttpError', async () => {
    await assert.rejects(
      fetchCrossrefWork({ baseUrl: server.url, doi: '10.5555/down', http }),
      (err: unknown) => err instanceof HttpError && err.status === 500,
    );
    await assert.rejects(
      fetchCrossrefWork({ baseUrl: server.url, doi: '10.5555/truncated', http }),
      (err: unknown) => err instanceof HttpError && err.kind === 'parse',
    );
  });

  it('refuses a list where a work was asked for', async () => {
    await assert.rejects(fetchCrossrefWork({ baseUrl: server.url, doi: '10.5555/list', http }), LookupFormatError);
  });

  it('searches and reads the list', async () => {
    const works = await searchCrossref({
      baseUrl: server.url,
      query: { title: 'First', author: 'Hit' },
      http,
      rows: 2,
    });
    assert.deepEqual(
      works.map((w) => w.title),
      ['First Hit', 'Second Hit'],
    );
    assert.ok(seen.some((u) => u.startsWith('/works?query.bibliographic=First&query.author=Hit&rows=2')));
  });
});
