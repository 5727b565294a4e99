import * as assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import { LookupCache } from '../../src/core/lookup/cache';
import {
  LOOKUP_INTERVALS_MS,
  lookupClient,
  type LookupBaseUrls,
  type LookupClientOptions,
} from '../../src/core/lookup/client';
import type { LookupServices } from '../../src/core/lookup/services';
import type { HttpOptions } from '../../src/core/net/http';
import { HttpError } from '../../src/core/net/httpError';
import { Politeness } from '../../src/core/net/politeness';
import { ArxivApiError } from '../../src/core/sources/arxivParse';
import { startLoopbackServer, type LoopbackServer } from './helpers/loopbackServer';
import { makeTempDir, type TempDir } from './helpers/tmpdir';

// Small answers in each service's documented shape.
const ATOM = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom"><title>ArXiv Query</title>
  <entry><id>http://arxiv.org/abs/1706.03762v7</id><published>2017-06-12T17:57:34Z</published>
    <title>Attention Is All You Need</title><summary>The dominant sequence transduction models.</summary>
    <author><name>Ashish Vaswani</name></author><arxiv:journal_ref>NIPS 2017</arxiv:journal_ref></entry>
</feed>`;

const EMPTY_ATOM = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>ArXiv Query</title></feed>`;

const ARXIV_ERROR = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <entry><id>https://arxiv.org/api/errors#incorrect_id_format_for_1706.0376</id><title>Error</title>
    <summary>incorrect id format for 1706.0376</summary></entry>
</feed>`;

// JSON as the services send it, written out so it reads like their documentation.
const CROSSREF_ITEM = `{"DOI": "10.1109/CVPR.2016.90", "type": "proceedings-article",
  "title": ["Deep Residual Learning for Image Recognition"],
  "author": [{"given": "Kaiming", "family": "He", "sequence": "first"}],
  "container-title": ["2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)"],
  "issued": {"date-parts": [[2016, 6]]}, "page": "770-778", "publisher": "IEEE"}`;
const CROSSREF_WORK = `{"status": "ok", "message-type": "work", "message": ${CROSSREF_ITEM}}`;
const CROSSREF_LIST = `{"status": "ok", "message-type": "work-list", "message": {"items": [${CROSSREF_ITEM}]}}`;

const DBLP_SEARCH = `{"result": {"hits": {"@total": "1", "hit": [{"info": {
  "authors": {"author": [{"@pid": "1", "text": "Ashish Vaswani"}]},
  "title": "Attention is All you Need.", "venue": "NIPS", "pages": "5998-6008", "year": "2017",
  "type": "Conference and Workshop Papers", "key": "conf/nips/VaswaniSPUJGKP17",
  "url": "https://dblp.org/rec/conf/nips/VaswaniSPUJGKP17"}}]}}}`;

const DBLP_BIB = `@inproceedings{DBLP:conf/nips/VaswaniSPUJGKP17,
  author       = {Ashish Vaswani and Noam Shazeer},
  title        = {Attention is All you Need},
  booktitle    = {Advances in Neural Information Processing Systems 30},
  pages        = {5998--6008},
  year         = {2017}
}`;

const ACL_BIB = `@inproceedings{devlin-etal-2019-bert,
    title = "{BERT}: Pre-training of Deep Bidirectional Transformers",
    author = "Devlin, Jacob  and Chang, Ming-Wei",
    booktitle = "Proceedings of NAACL",
    year = "2019",
    pages = "4171--4186",
}
`;

const S2_PAPER = `{"paperId": "204e3073870fae3d05bcbc2f6a8e263d9b72e776", "title": "Attention is All you Need",
  "authors": [{"authorId": "40348417", "name": "Ashish Vaswani"}], "year": 2017, "venue": "Neural Information Processing Systems",
  "externalIds": {"ArXiv": "1706.03762", "DBLP": "journals/corr/VaswaniSPUJGKP17"}}`;

const HF_PAPER = `{"id": "1706.03762", "title": "Attention Is All You Need",
  "summary": "The dominant sequence transduction models.",
  "authors": [{"name": "Ashish Vaswani", "hidden": false}], "publishedAt": "2017-06-12T17:57:34.000Z", "upvotes": 90}`;

const [JSON_TYPE, ATOM_TYPE, BIB_TYPE] = ['application/json', 'application/atom+xml', 'text/plain'];

/** Body and content type by path (arXiv's by `id_list`), each service under its own prefix. */
const ANSWERS: Record<string, [string, string]> = {
  'arxiv:1706.03762': [ATOM, ATOM_TYPE],
  'arxiv:1706.0376': [ARXIV_ERROR, ATOM_TYPE],
  'arxiv:search': [ATOM, ATOM_TYPE],
  '/hf/api/papers/1706.03762': [HF_PAPER, JSON_TYPE],
  '/crossref/works/10.1109%2Fcvpr.2016.90': [CROSSREF_WORK, JSON_TYPE],
  '/crossref/works': [CROSSREF_LIST, JSON_TYPE],
  '/dblp/search/publ/api': [DBLP_SEARCH, JSON_TYPE],
  '/dblp/rec/conf/nips/VaswaniSPUJGKP17.bib': [DBLP_BIB, BIB_TYPE],
  '/acl/N19-1423.bib': [ACL_BIB, BIB_TYPE],
  '/s2/graph/v1/paper/arXiv:1706.03762': [S2_PAPER, JSON_TYPE],
};

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': JSON_TYPE, ...headers }).end(body);
}

/** Every service's documented route on one loopback server, each under its own prefix. */
const routes: Handler = (_req, res, url) => {
  const arxiv = url.pathname === '/arxiv/api/query';
  const answer = ANSWERS[arxiv ? `arxiv:${url.searchParams.get('id_list') ?? 'search'}` : url.pathname];
  if (answer) return send(res, 200, answer[0], { 'content-type': answer[1] });
  if (arxiv) return send(res, 200, EMPTY_ATOM, { 'content-type': ATOM_TYPE });
  send(res, 404, '{"error":"not found"}');
};

const isAborted = (err: unknown) => err instanceof HttpError && err.kind === 'aborted';
const DAY = 24 * 60 * 60 * 1000;

/** A clock that moves only when the gate sleeps. */
function fakeTime(): { now: () => number; sleep: (ms: number) => Promise<void>; sleeps: number[] } {
  const sleeps: number[] = [];
  const now = () => sleeps.reduce((a, b) => a + b, 0);
  return { now, sleep: async (ms: number) => void sleeps.push(ms), sleeps };
}

describe('lookup: the client behind LookupServices', () => {
  let server: LoopbackServer;
  let tmp: TempDir;
  let handler: Handler;
  let requests: { url: URL; headers: IncomingMessage['headers'] }[];
  let clock: number;
  let httpSleeps: number[];
  let gateTimes: Record<'arxiv' | 'dblp' | 'semanticScholar' | 'crossref', ReturnType<typeof fakeTime>>;

  before(async () => {
    server = await startLoopbackServer((req, res) => {
      const url = new URL(req.url ?? '/', server.url);
      requests.push({ url, headers: req.headers });
      handler(req, res, url);
    });
  });
  after(() => server.close());
  beforeEach(async () => {
    tmp = await makeTempDir();
    handler = routes;
    requests = [];
    clock = Date.UTC(2026, 0, 1);
    httpSleeps = [];
    gateTimes = { arxiv: fakeTime(), dblp: fakeTime(), semanticScholar: fakeTime(), crossref: fakeTime() };
  });
  afterEach(() => tmp.remove());

  const baseUrls = (base = server.url): LookupBaseUrls => {
    const at = (prefix: string) => `${base}/${prefix}`;
    return {
      arxiv: at('arxiv'),
      huggingFace: at('hf'),
      crossref: at('crossref'),
      dblp: at('dblp'),
      semanticScholar: at('s2'),
      aclAnthology: at('acl'),
    };
  };

  function client(overrides: Partial<LookupClientOptions> = {}, http: HttpOptions = {}): LookupServices {
    const gate = (name: keyof typeof gateTimes, intervalMs: number) =>
      new Politeness({ intervalMs, now: gateTimes[name].now, sleep: gateTimes[name].sleep });
    return lookupClient({
      baseUrls: baseUrls(),
      http: (signal) => ({
        retries: 0,
        userAgent: 'LitFeed/test',
        sleep: async (ms: number) => void httpSleeps.push(ms),
        ...http,
        ...(signal ? { signal } : {}),
      }),
      contactEmail: 'writer@example.org',
      gates: {
        arxiv: gate('arxiv', LOOKUP_INTERVALS_MS.arxiv),
        dblp: gate('dblp', LOOKUP_INTERVALS_MS.dblp),
        semanticScholar: gate('semanticScholar', LOOKUP_INTERVALS_MS.semanticScholar),
        crossref: gate('crossref', 500),
      },
      cache: new LookupCache(path.join(tmp.path, 'cache'), { now: () => clock }),
      ...overrides,
    });
  }

  it('asks arXiv for the id list, with the contact email in the User-Agent', async () => {
    const papers = await client().arxivByIds(['1706.03762v5']);
    assert.deepEqual(
      papers.map((p) => [p.id, p.source, p.journalRef]),
      [['1706.03762', 'lookup', 'NIPS 2017']],
    );
    const [{ url, headers }] = requests;
    assert.equal(url.pathname, '/arxiv/api/query');
    assert.equal(url.searchParams.get('id_list'), '1706.03762');
    assert.equal(url.searchParams.get('max_results'), '1');
    assert.equal(headers['user-agent'], 'LitFeed/test (mailto:writer@example.org)');
    assert.match(String(headers.accept), /atom\+xml/);
  });

  it('answers a second identical look-up from the cache, without a request or a wait', async () => {
    const lookups = client();
    await lookups.arxivByIds(['1706.03762']);
    await lookups.arxivByIds(['1706.03762']);
    assert.equal(requests.length, 1);
    assert.deepEqual(gateTimes.arxiv.sleeps, []);
    // A new client on the same folder (the next session) finds it too.
    assert.equal((await client().arxivByIds(['1706.03762'])).length, 1);
    assert.equal(requests.length, 1);
  });

  it('asks again after a day for answers that change on publication, not for records by DOI', async () => {
    const lookups = client();
    await lookups.arxivByIds(['1706.03762']);
    await lookups.crossrefWork('10.1109/cvpr.2016.90');
    clock += DAY + 1;
    await lookups.arxivByIds(['1706.03762']);
    await lookups.crossrefWork('10.1109/cvpr.2016.90');
    assert.deepEqual(
      requests.map((r) => r.url.pathname),
      ['/arxiv/api/query', '/crossref/works/10.1109%2Fcvpr.2016.90', '/arxiv/api/query'],
    );
  });

  it('spaces requests to one host by its own gate, and only that one', async () => {
    const lookups = client();
    await lookups.arxivByIds(['1706.03762']);
    await lookups.arxivSearch({ title: 'Attention Is All You Need', author: 'Vaswani' });
    await lookups.dblpSearch({ title: 'Attention Is All You Need' });
    await lookups.dblpRecord('conf/nips/VaswaniSPUJGKP17');
    await lookups.semanticScholarPaper('arXiv:1706.03762');
    await lookups.crossrefWork('10.1109/cvpr.2016.90');
    await lookups.huggingFacePaper('1706.03762');
    await lookups.aclRecord('N19-1423');
    assert.deepEqual(gateTimes.arxiv.sleeps, [3000]);
    assert.deepEqual(gateTimes.dblp.sleeps, [1000]);
    assert.deepEqual(gateTimes.semanticScholar.sleeps, []);
    assert.deepEqual(gateTimes.crossref.sleeps, []);
    assert.equal(requests.length, 8);
  });

  it("sends Crossref's mailto and the query, and reads the answers", async () => {
    const lookups = client();
    const work = await lookups.crossrefWork('10.1109/cvpr.2016.90');
    assert.equal(work?.publication?.venue, '2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)');
    assert.equal(requests[0].url.pathname, '/crossref/works/10.1109%2Fcvpr.2016.90');
    assert.equal(requests[0].url.searchParams.get('mailto'), 'writer@example.org');
    const works = await lookups.crossrefSearch({ title: 'Deep Residual Learning', author: 'He' });
    assert.equal(works.length, 1);
    const search = requests[1].url.searchParams;
    assert.equal(search.get('query.bibliographic'), 'Deep Residual Learning');
    assert.equal(search.get('query.author'), 'He');
    assert.equal(search.get('mailto'), 'writer@example.org');
    assert.equal(requests[1].headers.accept, 'application/json');
  });

  it('leaves out a contact email that is not a plain address, and names one only once', async () => {
    await client({ contactEmail: 'x@y.org\r\nX-Evil: 1' }).crossrefWork('10.1109/cvpr.2016.90');
    assert.equal(requests[0].url.searchParams.has('mailto'), false);
    assert.equal(requests[0].headers['user-agent'], 'LitFeed/test');
    const agent = 'LitFeed/1.0 (VS Code extension; mailto:writer@example.org)';
    await client({}, { userAgent: agent }).dblpSearch({ title: 'x' });
    assert.equal(requests[1].headers['user-agent'], agent);
  });

  it('reads DBLP, ACL, Semantic Scholar and Hugging Face answers', async () => {
    const lookups = client();
    const [hit] = await lookups.dblpSearch({ title: 'Attention Is All You Need', author: 'Vaswani' });
    assert.equal(hit.dblpKey, 'conf/nips/VaswaniSPUJGKP17');
    assert.equal(requests[0].url.searchParams.get('format'), 'json');
    assert.equal((await lookups.dblpRecord('DBLP:conf/nips/VaswaniSPUJGKP17'))?.publication?.pages, '5998-6008');
    assert.match(String(requests[1].headers.accept), /x-bibtex/);
    assert.deepEqual((await lookups.aclRecord('N19-1423'))?.authors, ['Jacob Devlin', 'Ming-Wei Chang']);
    assert.equal((await lookups.semanticScholarPaper('arXiv:1706.03762'))?.arxivId, '1706.03762');
    const hf = await lookups.huggingFacePaper('1706.03762');
    assert.deepEqual([hf?.upvotes, hf?.source], [90, 'lookup']);
  });

  it('answers a 404 with undefined and remembers it', async () => {
    const lookups = client();
    assert.equal(await lookups.crossrefWork('10.48550/arxiv.2312.07559'), undefined);
    assert.equal(await lookups.crossrefWork('10.48550/arxiv.2312.07559'), undefined);
    assert.equal(await lookups.huggingFacePaper('2401.99999'), undefined);
    assert.equal(await lookups.dblpRecord('conf/x/Nobody99'), undefined);
    assert.equal(await lookups.semanticScholarPaper('DOI:10.1101/2024.04.01.587366'), undefined);
    assert.equal(requests.length, 4);
    // A day later the 404 is asked again: the record may have appeared.
    clock += DAY + 1;
    assert.equal(await lookups.crossrefWork('10.48550/arxiv.2312.07559'), undefined);
    assert.equal(requests.length, 5);
  });

  it('answers an empty feed with no papers and no ids with no request', async () => {
    assert.deepEqual([await client().arxivByIds(['2401.99999']), await client().arxivByIds([])], [[], []]);
    assert.equal(requests.length, 1);
  });

  it("passes on arXiv's explanation of a bad id, and stores nothing", async () => {
    const lookups = client();
    await assert.rejects(lookups.arxivByIds(['1706.0376']), (err: unknown) => {
      assert.ok(err instanceof ArxivApiError);
      assert.match(err.message, /incorrect id format for 1706\.0376/);
      return true;
    });
    await assert.rejects(lookups.arxivByIds(['1706.0376']), ArxivApiError);
    assert.equal(requests.length, 2);
  });

  it('uses the stored answer when the service answers 500 after it went stale', async () => {
    const lookups = client();
    await lookups.dblpSearch({ title: 'Attention Is All You Need' });
    clock += 31 * DAY;
    handler = (_req, res) => send(res, 500, '{"error":"down"}');
    const [hit] = await lookups.dblpSearch({ title: 'Attention Is All You Need' });
    assert.equal(hit.dblpKey, 'conf/nips/VaswaniSPUJGKP17');
    assert.equal(requests.length, 2, 'a stale answer is asked for again first');
  });

  it('uses the stored answers, 404s included, when the service cannot be reached at all', async () => {
    const own = await startLoopbackServer((req, res) => routes(req, res, new URL(req.url ?? '/', own.url)));
    const lookups = client({ baseUrls: baseUrls(own.url) });
    try {
      await lookups.crossrefWork('10.1109/cvpr.2016.90');
      await lookups.crossrefWork('10.48550/arxiv.2312.07559');
    } finally {
      await own.close();
    }
    clock += 365 * DAY;
    assert.equal((await lookups.crossrefWork('10.1109/cvpr.2016.90'))?.doi, '10.1109/cvpr.2016.90');
    assert.equal(await lookups.crossrefWork('10.48550/arxiv.2312.07559'), undefined);
    // Nothing stored for this one: the network error itself.
    await assert.rejects(
      lookups.crossrefWork('10.1145/3503250'),
      (err) => err instanceof HttpError && err.kind === 'network',
    );
  });

  it('fails with the service error when nothing is stored', async () => {
    handler = (_req, res) => send(res, 503, '{"error":"maintenance"}');
    await assert.rejects(client().semanticScholarPaper('arXiv:1706.03762'), (err) => {
      return err instanceof HttpError && err.status === 503 && /503 Service Unavailable/.test(err.message);
    });
  });

  it('honours 429 with Retry-After through the HTTP client', async () => {
    let calls = 0;
    handler = (req, res, url) => {
      calls++;
      if (calls === 1) return send(res, 429, '{"error":"slow down"}', { 'retry-after': '7' });
      routes(req, res, url);
    };
    const works = await client({}, { retries: 2 }).crossrefSearch({ title: 'Deep Residual Learning' });
    assert.equal(works.length, 1);
    assert.deepEqual(httpSleeps, [7000]);
    assert.equal(requests.length, 2);
  });

  it('reports a cut-off JSON answer clearly and stores nothing', async () => {
    handler = (_req, res) => send(res, 200, CROSSREF_WORK.slice(0, 80));
    const lookups = client();
    await assert.rejects(lookups.crossrefWork('10.1109/cvpr.2016.90'), /not valid JSON \(it stops early/);
    handler = routes;
    assert.ok(await lookups.crossrefWork('10.1109/cvpr.2016.90'));
    assert.equal(requests.length, 2, 'the broken answer was not kept');
  });

  it('reports a cut-off BibTeX record and an HTML page in place of JSON', async () => {
    handler = (_req, res) => send(res, 200, DBLP_BIB.slice(0, 60), { 'content-type': 'text/plain' });
    await assert.rejects(client().dblpRecord('conf/nips/VaswaniSPUJGKP17'), /DBLP answered BibTeX that does not parse/);
    const LOGIN = '<html><body>Log in to the network</body></html>';
    handler = (_req, res) => send(res, 200, LOGIN, { 'content-type': 'text/html' });
    await assert.rejects(client().dblpSearch({ title: 'x' }), /not valid JSON \(got HTML/);
  });

  it('prefers a stale answer to a login page in place of the answer', async () => {
    const lookups = client();
    await lookups.semanticScholarPaper('arXiv:1706.03762');
    clock += 40 * DAY;
    handler = (_req, res) => send(res, 200, '<html>Log in</html>', { 'content-type': 'text/html' });
    assert.equal((await lookups.semanticScholarPaper('arXiv:1706.03762'))?.title, 'Attention is All you Need');
  });

  it('is cancelled before asking, and while the request is in flight, storing nothing', async () => {
    const fired = new AbortController();
    fired.abort();
    await assert.rejects(client().arxivByIds(['1706.03762'], fired.signal), isAborted);
    assert.equal(requests.length, 0);
    const controller = new AbortController();
    handler = () => controller.abort();
    const lookups = client();
    await assert.rejects(lookups.crossrefWork('10.1109/cvpr.2016.90', controller.signal), isAborted);
    handler = routes;
    assert.ok(await lookups.crossrefWork('10.1109/cvpr.2016.90'));
    assert.equal(requests.length, 2);
  });

  it('is cancelled while waiting at the gate, without asking', async () => {
    const controller = new AbortController();
    // Its wait lasts until cancelled.
    const gate = new Politeness({
      intervalMs: 3000,
      now: () => 0,
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted')))),
    });
    const lookups = client({ gates: { arxiv: gate, dblp: gate, semanticScholar: gate } });
    await lookups.arxivByIds(['1706.03762']);
    const waiting = lookups.arxivSearch({ title: 'Attention' }, controller.signal);
    controller.abort();
    await assert.rejects(waiting, isAborted);
    assert.equal(requests.length, 1);
  });

  it('works without a cache, asking every time', async () => {
    const lookups = client({ cache: undefined });
    await Promise.all([lookups.dblpSearch({ title: 'Attention' }), lookups.dblpSearch({ title: 'Attention' })]);
    assert.equal(requests.length, 2);
  });
});
