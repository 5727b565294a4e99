import * as assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import {
  arxivIdListUrl,
  arxivSearchUrl,
  checkArxivIds,
  fetchArxivByIds,
  lookupPapersFromFeed,
  searchArxiv,
} from '../../src/core/lookup/arxivLookup';
import {
  fetchHuggingFacePaper,
  huggingFacePaperUrl,
  parseHuggingFacePaper,
} from '../../src/core/lookup/huggingFacePaper';
import { HttpError } from '../../src/core/net/httpError';
import { ArxivApiError, ArxivFeedError } from '../../src/core/sources/arxivParse';
import { startLoopbackServer, type LoopbackServer } from './helpers/loopbackServer';

/** An export API answer in the documented Atom shape, with the arxiv: extension elements. */
function atomFeed(entries: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <title type="html">ArXiv Query</title>
  <id>http://arxiv.org/api/x</id>
  <opensearch:totalResults>${entries.length}</opensearch:totalResults>
  ${entries.join('\n')}
</feed>`;
}

function atomEntry(o: { id: string; title: string; authors: string[]; doi?: string; journalRef?: string }): string {
  return `<entry>
    <id>http://arxiv.org/abs/${o.id}</id>
    <published>2017-10-24T00:21:32Z</published>
    <title>${o.title}</title>
    <summary>  An abstract
that wraps.</summary>
    ${o.authors.map((a) => `<author><name>${a}</name></author>`).join('')}
    ${o.doi ? `<arxiv:doi>${o.doi}</arxiv:doi>` : ''}
    ${o.journalRef ? `<arxiv:journal_ref>${o.journalRef}</arxiv:journal_ref>` : ''}
    <link href="http://arxiv.org/abs/${o.id}" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/${o.id}" rel="related" type="application/pdf"/>
    <arxiv:primary_category term="cs.RO" scheme="http://arxiv.org/schemas/atom"/>
  </entry>`;
}

const ERROR_FEED = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/</id>
  <title>arXiv Search Results</title>
  <entry>
    <id>https://arxiv.org/api/errors#incorrect_id_format_for_1234</id>
    <title>Error</title>
    <summary>incorrect id format for 1234</summary>
    <author><name>arXiv api core</name></author>
  </entry>
</feed>`;

describe('lookup: arXiv request URLs', () => {
  it('asks for an id list, versionless, without repeats, with as many results as ids', () => {
    const url = new URL(
      arxivIdListUrl('https://export.arxiv.org', ['2401.00001v3', 'arXiv:hep-th/9901001', '2401.00001']),
    );
    assert.equal(url.origin + url.pathname, 'https://export.arxiv.org/api/query');
    assert.equal(url.searchParams.get('id_list'), '2401.00001,hep-th/9901001');
    assert.equal(url.searchParams.get('max_results'), '2');
  });

  it('keeps a mirror base path', () => {
    const url = new URL(arxivIdListUrl('https://mirror.example.org/arxiv/', ['1706.03762']));
    assert.equal(url.pathname, '/arxiv/api/query');
  });

  it('refuses a malformed id before any request, naming it', () => {
    assert.throws(() => checkArxivIds(['1706.03762', 'abc']), /"abc" is not an arXiv identifier/);
    assert.throws(() => arxivIdListUrl('https://export.arxiv.org', ['1234']), RangeError);
  });

  it('searches a title phrase and the first author family', () => {
    const url = new URL(
      arxivSearchUrl('https://export.arxiv.org', { title: 'Attention Is All You Need', author: 'Vaswani' }),
    );
    assert.equal(url.searchParams.get('search_query'), 'ti:"Attention Is All You Need" AND au:Vaswani');
    assert.equal(url.searchParams.get('max_results'), '10');
  });

  it('strips what arXiv reads as query syntax from the title', () => {
    const url = new URL(
      arxivSearchUrl('https://export.arxiv.org', {
        title: 'BERT: Pre-training (of) "Deep" $\\sim$10x Transformers AND OR -- \\emph{Fast}',
      }),
    );
    const query = url.searchParams.get('search_query') ?? '';
    assert.equal(query, 'ti:"BERT Pre training of Deep 10x Transformers and or Fast"');
    assert.equal((query.match(/"/g) ?? []).length, 2);
  });

  it('folds an author family to ASCII and joins its parts with _', () => {
    const url = new URL(arxivSearchUrl('https://export.arxiv.org', { title: 'X', author: 'Del Maestro' }, 5));
    assert.equal(url.searchParams.get('search_query'), 'ti:"X" AND au:Del_Maestro');
    assert.equal(url.searchParams.get('max_results'), '5');
    const folded = new URL(arxivSearchUrl('https://export.arxiv.org', { title: 'X', author: 'Dollár' }));
    assert.equal(folded.searchParams.get('search_query'), 'ti:"X" AND au:Dollar');
  });

  it('refuses a title without words', () => {
    assert.throws(() => arxivSearchUrl('https://export.arxiv.org', { title: ' :-) ' }), RangeError);
  });
});

describe('lookup: arXiv answers', () => {
  it('reads a feed as papers found by a look-up, with the DOI and journal reference', () => {
    const papers = lookupPapersFromFeed(
      atomFeed([
        atomEntry({
          id: '1710.08557v1',
          title: 'On Neuromechanical Approaches',
          authors: ['Francisco J. Valero-Cuevas'],
          doi: '10.1186/s12984-017-0305-3',
          journalRef: 'Journal of NeuroEngineering and Rehabilitation, 2017',
        }),
      ]),
    );
    assert.equal(papers.length, 1);
    assert.equal(papers[0].id, '1710.08557');
    assert.equal(papers[0].source, 'lookup');
    assert.equal(papers[0].doi, '10.1186/s12984-017-0305-3');
    assert.equal(papers[0].journalRef, 'Journal of NeuroEngineering and Rehabilitation, 2017');
  });

  it('answers an empty feed with no papers', () => {
    assert.deepEqual(lookupPapersFromFeed(atomFeed([])), []);
  });

  it("throws arXiv's own explanation for its error feed", () => {
    assert.throws(
      () => lookupPapersFromFeed(ERROR_FEED),
      (err: unknown) => {
        assert.ok(err instanceof ArxivApiError);
        assert.match(err.message, /incorrect id format for 1234/);
        return true;
      },
    );
  });

  it('throws a feed error for a cut-off feed', () => {
    const whole = atomFeed([atomEntry({ id: '1706.03762v7', title: 'Attention', authors: ['A'] })]);
    assert.throws(() => lookupPapersFromFeed(whole.slice(0, whole.length / 2)), ArxivFeedError);
  });
});

describe('lookup: arXiv and Hugging Face over HTTP', () => {
  let server: LoopbackServer;
  const requests: IncomingMessage[] = [];

  before(async () => {
    server = await startLoopbackServer((req, res) => {
      requests.push(req);
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/api/query') {
        res.writeHead(200, { 'content-type': 'application/atom+xml' });
        res.end(atomFeed([atomEntry({ id: '2401.00001v2', title: 'A Paper', authors: ['Ada Lovelace'] })]));
      } else if (url.pathname === '/api/papers/2401.00001') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: '2401.00001',
            title: 'A Paper',
            summary: 'Abstract.',
            authors: [
              { name: 'Ada Lovelace', hidden: false },
              { name: 'Hidden Person', hidden: true },
            ],
            publishedAt: '2024-01-01T00:00:00.000Z',
            upvotes: 12,
            ai_summary: 'Short.',
            ai_keywords: ['engines'],
            githubRepo: 'https://github.com/example/engine',
            projectPage: 'https://example.org/engine',
          }),
        );
      } else {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"error":"Paper not found"}');
      }
    });
  });
  after(() => server.close());
  beforeEach(() => (requests.length = 0));

  it('fetches by ids with an Atom accept header', async () => {
    const papers = await fetchArxivByIds({ baseUrl: server.url, ids: ['2401.00001'], http: { retries: 0 } });
    assert.deepEqual(
      papers.map((p) => [p.id, p.source]),
      [['2401.00001', 'lookup']],
    );
    assert.match(String(requests[0].headers.accept), /application\/atom\+xml/);
    assert.equal(new URL(requests[0].url ?? '', 'http://x').searchParams.get('id_list'), '2401.00001');
  });

  it('asks nothing for no ids', async () => {
    assert.deepEqual(await fetchArxivByIds({ baseUrl: server.url, ids: [], http: { retries: 0 } }), []);
    assert.equal(requests.length, 0);
  });

  it('searches titles', async () => {
    const papers = await searchArxiv({ baseUrl: server.url, query: { title: 'A Paper' }, http: { retries: 0 } });
    assert.equal(papers[0].title, 'A Paper');
    assert.equal(new URL(requests[0].url ?? '', 'http://x').searchParams.get('search_query'), 'ti:"A Paper"');
  });

  it("reads Hugging Face's paper object with its extras, hidden authors dropped", async () => {
    const paper = await fetchHuggingFacePaper({ baseUrl: server.url, arxivId: '2401.00001v2', http: { retries: 0 } });
    assert.ok(paper);
    assert.equal(paper.source, 'lookup');
    assert.deepEqual(paper.authors, ['Ada Lovelace']);
    assert.equal(paper.upvotes, 12);
    assert.equal(paper.aiSummary, 'Short.');
    assert.deepEqual(paper.aiKeywords, ['engines']);
    assert.equal(paper.links.code, 'https://github.com/example/engine');
    assert.equal(paper.links.project, 'https://example.org/engine');
    assert.equal(requests[0].url, '/api/papers/2401.00001');
  });

  it('answers undefined when Hugging Face has no page for the paper', async () => {
    assert.equal(
      await fetchHuggingFacePaper({ baseUrl: server.url, arxivId: '2401.99999', http: { retries: 0 } }),
      undefined,
    );
  });

  it('builds paper URLs for old-style ids and refuses non-ids', () => {
    assert.equal(
      huggingFacePaperUrl('https://huggingface.co', 'hep-th/9901001v2'),
      'https://huggingface.co/api/papers/hep-th/9901001',
    );
    assert.throws(() => huggingFacePaperUrl('https://huggingface.co', '../whoami'), RangeError);
  });

  it('refuses an error object as a paper', () => {
    assert.throws(() => parseHuggingFacePaper({ error: 'Invalid' }), /not a paper \(error: Invalid\)/);
    assert.throws(() => parseHuggingFacePaper([]), /not a paper/);
  });

  it('reports a failed request as an HttpError', async () => {
    const closed = await startLoopbackServer(() => undefined);
    const url = closed.url;
    await closed.close();
    await assert.rejects(fetchArxivByIds({ baseUrl: url, ids: ['2401.00001'], http: { retries: 0 } }), HttpError);
  });
});
