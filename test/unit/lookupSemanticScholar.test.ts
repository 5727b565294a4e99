import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LookupFormatError } from '../../src/core/lookup/markup';
import {
  S2_FIELDS,
  SEMANTIC_SCHOLAR_BASE_URL,
  fetchSemanticScholarPaper,
  parseSemanticScholarPaper,
  semanticScholarPaperUrl,
} from '../../src/core/lookup/semanticScholar';
import { HttpError } from '../../src/core/net/httpError';
import { startLoopbackServer, type LoopbackServer } from './helpers/loopbackServer';
import { fixturePath } from './helpers/paths';

function fixture(name: string): string {
  return readFileSync(fixturePath('lookup', 'services', name), 'utf8');
}
function body(name: string): unknown {
  return JSON.parse(fixture(name));
}

describe('Semantic Scholar: paper records', () => {
  it('reads a journal paper: ids, authors, and the journal as the venue', () => {
    const work = parseSemanticScholarPaper(body('s2-paper-published.json'));
    assert.ok(work);
    assert.equal(work.service, 'semanticScholar');
    assert.equal(work.title, 'Routing in Journals');
    assert.deepEqual(work.authors, ['Solo Author', 'Ada Lovelace']);
    assert.equal(work.year, '2023');
    assert.equal(work.arxivId, '2201.01234');
    assert.equal(work.doi, '10.5555/tmlr.2023.x');
    assert.equal(work.dblpKey, 'journals/tmlr/Author23');
    assert.equal(work.abstract, 'One line.\n\nTwo lines.');
    assert.equal(work.url, 'https://www.semanticscholar.org/paper/0000000000000000000000000000000000000001');
    assert.deepEqual(work.publication, {
      kind: 'article',
      venue: 'Transactions on Machine Learning Research',
      year: '2023',
      volume: '2023',
      pages: '1-20',
      doi: '10.5555/tmlr.2023.x',
      foundBy: 'semanticScholar',
    });
  });

  it('reads a conference paper whose journal field is arXiv: venue from publicationVenue, no arXiv volume', () => {
    const work = parseSemanticScholarPaper(body('s2-paper-conference.json'));
    assert.deepEqual(work?.publication, {
      kind: 'inproceedings',
      venue: 'Neural Information Processing Systems',
      year: '2022',
      foundBy: 'semanticScholar',
    });
    assert.equal(work?.doi, undefined);
  });

  it('gives an arXiv-only record no publication', () => {
    const work = parseSemanticScholarPaper(body('s2-paper-preprint.json'));
    assert.ok(work);
    assert.equal(work.publication, undefined);
    assert.equal(work.arxivId, '2312.00001');
    assert.equal(work.doi, '10.48550/arxiv.2312.00001');
  });

  it('falls back to publicationTypes and the venue string, and keeps an arXiv DOI out of the publication', () => {
    const conference = parseSemanticScholarPaper({
      paperId: 'p',
      title: 'T',
      venue: 'International Conference on Learning Representations',
      publicationTypes: ['JournalArticle', 'Conference'],
      journal: { pages: '5998-6008' },
      externalIds: { DOI: '10.48550/arXiv.2001.00001' },
    });
    assert.deepEqual(conference?.publication, {
      kind: 'inproceedings',
      venue: 'International Conference on Learning Representations',
      pages: '5998-6008',
      foundBy: 'semanticScholar',
    });
    // A journal named ArXiv is not a venue even without an abs/ volume.
    const arxivJournal = parseSemanticScholarPaper({
      paperId: 'p',
      title: 'T',
      venue: 'ArXiv',
      publicationTypes: ['JournalArticle'],
      journal: { name: 'ArXiv', volume: '12' },
    });
    assert.equal(arxivJournal?.publication, undefined);
    // No kind: nothing is guessed.
    assert.equal(parseSemanticScholarPaper({ paperId: 'p', title: 'T', venue: 'Nature' })?.publication, undefined);
  });

  it('reads a record with nulls and junk as far as it goes', () => {
    assert.deepEqual(parseSemanticScholarPaper(body('s2-paper-sparse.json')), {
      service: 'semanticScholar',
      title: 'A Record With Little In It',
      authors: ['Some Body'],
    });
    assert.deepEqual(parseSemanticScholarPaper(body('s2-paper-wrong-types.json')), {
      service: 'semanticScholar',
      title: 'Types Gone Wrong',
      authors: [],
    });
    assert.equal(parseSemanticScholarPaper({ paperId: 'p', title: null }), undefined);
  });

  it('refuses a body that is not a paper record, naming Semantic Scholar', () => {
    const named = (err: unknown) =>
      err instanceof LookupFormatError &&
      err.service === 'semanticScholar' &&
      /^Semantic Scholar answered/.test(err.message);
    assert.throws(() => parseSemanticScholarPaper(body('s2-not-found.json')), named);
    assert.throws(() => parseSemanticScholarPaper({ data: [] }), named);
    assert.throws(() => parseSemanticScholarPaper([]), named);
    assert.throws(() => parseSemanticScholarPaper('text'), named);
  });
});

describe('Semantic Scholar: URLs', () => {
  it('asks for one paper by arXiv id or DOI with the fields it reads', () => {
    assert.equal(
      semanticScholarPaperUrl(SEMANTIC_SCHOLAR_BASE_URL, 'arXiv:1706.03762'),
      `https://api.semanticscholar.org/graph/v1/paper/arXiv:1706.03762?fields=${encodeURIComponent(S2_FIELDS)}`,
    );
    const doi = new URL(semanticScholarPaperUrl('http://127.0.0.1:9/s2', 'DOI:10.1002/(SICI)x?y#z'));
    assert.equal(doi.pathname, '/s2/graph/v1/paper/DOI:10.1002/(SICI)x%3Fy%23z');
    assert.equal(doi.searchParams.get('fields'), S2_FIELDS);
    for (const field of [
      'title',
      'authors',
      'year',
      'externalIds',
      'venue',
      'publicationVenue',
      'journal',
      'publicationTypes',
    ]) {
      assert.ok(S2_FIELDS.split(',').includes(field), field);
    }
  });
});

describe('Semantic Scholar: fetching', () => {
  let server: LoopbackServer;
  const http = { retries: 0 };
  const seen: string[] = [];

  before(async () => {
    server = await startLoopbackServer((req: IncomingMessage, res: ServerResponse) => {
      const url = req.url ?? '';
      seen.push(url);
      const send = (status: number, text: string) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(text);
      };
      if (url.startsWith('/graph/v1/paper/arXiv:2201.05678?')) send(200, fixture('s2-paper-conference.json'));
      else if (url.startsWith('/graph/v1/paper/DOI:10.5555/down?')) send(500, '{"message":"Internal Server Error"}');
      else if (url.startsWith('/graph/v1/paper/DOI:10.5555/truncated?')) send(200, fixture('s2-truncated.json'));
      else if (url.startsWith('/graph/v1/paper/DOI:10.5555/odd?')) send(200, '{"total":0,"data":[]}');
      else send(404, fixture('s2-not-found.json'));
    });
  });
  after(() => server.close());

  it('fetches one paper', async () => {
    const work = await fetchSemanticScholarPaper({ baseUrl: server.url, id: 'arXiv:2201.05678', http });
    assert.equal(work?.title, 'Sparse Routing for Mixture-of-Experts');
    assert.ok(seen.some((u) => u.startsWith('/graph/v1/paper/arXiv:2201.05678?fields=')));
  });

  it('answers undefined for an unknown id (404)', async () => {
    assert.equal(await fetchSemanticScholarPaper({ baseUrl: server.url, id: 'DOI:10.5555/nothing', http }), undefined);
  });

  it('passes a server error and a truncated body on as HttpError, and refuses another shape', async () => {
    await assert.rejects(
      fetchSemanticScholarPaper({ baseUrl: server.url, id: 'DOI:10.5555/down', http }),
      (err: unknown) => err instanceof HttpError && err.status === 500,
    );
    await assert.rejects(
      fetchSemanticScholarPaper({ baseUrl: server.url, id: 'DOI:10.5555/truncated', http }),
      (err: unknown) => err instanceof HttpError && err.kind === 'parse',
    );
    await assert.rejects(
      fetchSemanticScholarPaper({ baseUrl: server.url, id: 'DOI:10.5555/odd', http }),
      LookupFormatError,
    );
  });
});
