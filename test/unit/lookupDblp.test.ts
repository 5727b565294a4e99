import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DBLP_BASE_URL, dblpSearchUrl, isCorrKey, parseDblpSearch, searchDblp } from '../../src/core/lookup/dblp';
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

describe('DBLP: search results', () => {
  const works = parseDblpSearch(body('dblp-search.json'));

  it('keeps every titled hit in order', () => {
    assert.deepEqual(
      works.map((w) => w.dblpKey),
      [
        'conf/nips/WangL22',
        'journals/corr/abs-2201-01234',
        'journals/tmlr/Author23',
        'conf/acl/Venue21',
        'books/x/Writer20',
      ],
    );
    assert.ok(works.every((w) => w.service === 'dblp'));
  });

  it('decodes entities, drops the final period and the namesake numbers', () => {
    const [conf, corr] = works;
    assert.equal(conf.title, "Sparse Routing for Mixture-of-Experts & Friends: What's Next?");
    assert.equal(corr.title, 'Sparse Routing for Mixture-of-Experts');
    assert.deepEqual(conf.authors, ['Wei Wang', 'Ada Lovelace']);
    assert.equal(conf.families, undefined);
  });

  it('reads a conference paper with its short venue name', () => {
    const conf = works[0];
    assert.equal(conf.year, '2022');
    assert.equal(conf.url, 'https://dblp.org/rec/conf/nips/WangL22');
    assert.deepEqual(conf.publication, { kind: 'inproceedings', venue: 'NeurIPS', year: '2022', foundBy: 'dblp' });
  });

  it('reads a CoRR record as a preprint with its arXiv id', () => {
    const corr = works[1];
    assert.equal(corr.publication, undefined);
    assert.equal(corr.arxivId, '2201.01234');
    assert.equal(corr.doi, '10.48550/arxiv.2201.01234');
  });

  it('reads a journal article, a single author object and an ee list', () => {
    const journal = works[2];
    assert.deepEqual(journal.authors, ['Solo Author']);
    assert.equal(journal.url, 'https://doi.org/10.5555/TMLR.2023.X');
    assert.deepEqual(journal.publication, {
      kind: 'article',
      venue: 'Trans. Mach. Learn. Res.',
      year: '2023',
      volume: '2023',
      number: '4',
      pages: '1-20',
      doi: '10.5555/tmlr.2023.x',
      foundBy: 'dblp',
    });
  });

  it('joins a venue list and gives other publication types no publication', () => {
    assert.equal(works[3].publication?.venue, 'ACL, Findings');
    assert.equal(works[3].publication?.pages, '10-19');
    assert.equal(works[3].doi, undefined);
    assert.equal(works[4].publication, undefined);
  });

  it('reads a single hit sent as an object', () => {
    const [only] = parseDblpSearch(body('dblp-single-hit.json'));
    assert.equal(only.title, 'The Only Hit');
    assert.deepEqual(only.authors, ['Only One']);
    assert.equal(only.publication?.venue, 'ICLR');
  });

  it('reads zero hits (no hit key) as no works', () => {
    assert.deepEqual(parseDblpSearch(body('dblp-zero-hits.json')), []);
  });

  it('marks a CoRR venue as a preprint even under another key, taking the id from the volume', () => {
    const [work] = parseDblpSearch({
      result: {
        hits: {
          hit: [
            { info: { title: 'T.', venue: 'CoRR', volume: 'abs/cs/0101001', type: 'Journal Articles', key: 'x/y' } },
          ],
        },
      },
    });
    assert.equal(work.publication, undefined);
    assert.equal(work.arxivId, 'cs/0101001');
  });

  it('reads an ICLR 2014-2016 paper filed under a CoRR key as the proceedings paper it is', () => {
    const [work] = parseDblpSearch({
      result: {
        hits: {
          hit: [
            {
              info: {
                authors: {
                  author: [
                    { '@pid': '1', text: 'Diederik P. Kingma' },
                    { '@pid': '2', text: 'Jimmy Ba' },
                  ],
                },
                title: 'Adam: A Method for Stochastic Optimization.',
                venue: 'ICLR',
                year: '2015',
                type: 'Conference and Workshop Papers',
                key: 'journals/corr/KingmaB14',
                ee: 'http://arxiv.org/abs/1412.6980',
              },
            },
          ],
        },
      },
    });
    assert.deepEqual(work.publication, { kind: 'inproceedings', venue: 'ICLR', year: '2015', foundBy: 'dblp' });
    assert.equal(work.arxivId, '1412.6980');
  });

  it('skips fields of the wrong type and hits without a title', () => {
    const parsed = parseDblpSearch(body('dblp-wrong-types.json'));
    assert.equal(parsed.length, 1);
    assert.deepEqual(parsed[0], { service: 'dblp', title: 'Kept Despite Junk', authors: ['Plain Name'], year: '2019' });
  });

  it('refuses a body that is not a search result, naming DBLP', () => {
    const named = (err: unknown) =>
      err instanceof LookupFormatError && err.service === 'dblp' && /^DBLP answered/.test(err.message);
    assert.throws(() => parseDblpSearch({ head: {}, results: { bindings: [] } }), named);
    assert.throws(() => parseDblpSearch({ result: { hits: 'none' } }), named);
    assert.throws(() => parseDblpSearch('<html>'), named);
    assert.throws(() => parseDblpSearch(null), named);
  });

  it('knows CoRR keys', () => {
    assert.equal(isCorrKey('journals/corr/abs-1706-03762'), true);
    assert.equal(isCorrKey('journals/corr/VaswaniSPUJGKP17'), true);
    assert.equal(isCorrKey('conf/nips/VaswaniSPUJGKP17'), false);
    assert.equal(isCorrKey('journals/corrosion/X20'), false);
  });
});

describe('DBLP: URLs', () => {
  it('sends the title words (and the author), JSON and the hit count', () => {
    const url = new URL(
      dblpSearchUrl(DBLP_BASE_URL, { title: 'BERT: Pre-training | of $Deep -Transformers!', author: 'Devlin' }, 3),
    );
    assert.equal(url.origin + url.pathname, 'https://dblp.org/search/publ/api');
    assert.equal(url.searchParams.get('q'), 'BERT Pre-training of Deep Transformers Devlin');
    assert.equal(url.searchParams.get('format'), 'json');
    assert.equal(url.searchParams.get('h'), '3');
    const plain = new URL(dblpSearchUrl('http://127.0.0.1:9/dblp/', { title: 'Attention Is All You Need' }));
    assert.equal(plain.pathname, '/dblp/search/publ/api');
    assert.equal(plain.searchParams.get('q'), 'Attention Is All You Need');
    assert.equal(plain.searchParams.get('h'), '10');
  });
});

describe('DBLP: fetching', () => {
  let server: LoopbackServer;
  const http = { retries: 0 };
  let answer: { status: number; text: string } = { status: 200, text: '' };
  let lastUrl = '';

  before(async () => {
    server = await startLoopbackServer((req: IncomingMessage, res: ServerResponse) => {
      lastUrl = req.url ?? '';
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.text);
    });
  });
  after(() => server.close());

  it('searches and reads the hits', async () => {
    answer = { status: 200, text: fixture('dblp-search.json') };
    const works = await searchDblp({ baseUrl: server.url, query: { title: 'Sparse routing' }, http, hits: 5 });
    assert.equal(works.length, 5);
    assert.equal(lastUrl, '/search/publ/api?q=Sparse+routing&format=json&h=5');
  });

  it('passes a server error and a truncated body on as HttpError', async () => {
    answer = { status: 500, text: '{"error":"down"}' };
    await assert.rejects(
      searchDblp({ baseUrl: server.url, query: { title: 'x' }, http }),
      (err: unknown) => err instanceof HttpError && err.status === 500,
    );
    answer = { status: 200, text: fixture('dblp-truncated.json') };
    await assert.rejects(
      searchDblp({ baseUrl: server.url, query: { title: 'x' }, http }),
      (err: unknown) => err instanceof HttpError && err.kind === 'parse',
    );
  });

  it('refuses JSON of another shape', async () => {
    answer = { status: 200, text: '{"results":[]}' };
    await assert.rejects(searchDblp({ baseUrl: server.url, query: { title: 'x' }, http }), LookupFormatError);
  });
});
