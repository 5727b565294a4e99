import * as assert from 'node:assert/strict';
import { parseArxivFeed } from '../../src/core/sources/arxivParse';
import { PREPRINTS, PUBLISHED_CASES, TRAPS, VENUE_WORDS } from '../fixtures/lookup/preprintSet';
import { lookupBaseUrls, startLookupFixture, type LookupFixture } from '../fixtures/server/lookupFixture';

interface Got {
  status: number;
  headers: Headers;
  text: string;
}

describe('Look-up fixture: the preprint set', () => {
  it('holds at least 40 published preprints and some that stay preprints, each id once', () => {
    assert.ok(PUBLISHED_CASES.length >= 40, `${PUBLISHED_CASES.length} published`);
    assert.ok(PREPRINTS.length - PUBLISHED_CASES.length >= 8);
    assert.equal(new Set(PREPRINTS.map((c) => c.arxivId)).size, PREPRINTS.length);
  });

  it('says where every truth can be found, and names its venue in a known way', () => {
    for (const c of PUBLISHED_CASES) {
      assert.ok(c.sources.length > 0, c.arxivId);
      assert.ok(VENUE_WORDS[c.published?.short ?? ''], `${c.arxivId}: ${c.published?.short}`);
      assert.match(c.published?.year ?? '', /^\d{4}$/);
      if (c.sources.includes('crossref')) assert.ok(c.published?.doi && c.crossref, c.arxivId);
      if (c.sources.includes('s2')) assert.ok(c.s2, c.arxivId);
    }
  });

  it('makes every trap imitate a preprint of the set', () => {
    const ids = new Set(PREPRINTS.map((c) => c.arxivId));
    for (const trap of TRAPS) assert.ok(ids.has(trap.imitates), trap.title);
  });
});

describe('Look-up fixture: the server', () => {
  let fixture: LookupFixture;
  const get = async (path: string, signal?: AbortSignal): Promise<Got> => {
    const res = await fetch(`${fixture.url}${path}`, { signal });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const getJson = async (path: string): Promise<{ status: number; body: Record<string, unknown> }> => {
    const got = await get(path);
    return { status: got.status, body: JSON.parse(got.text) as Record<string, unknown> };
  };

  beforeEach(async () => {
    fixture = await startLookupFixture();
  });
  afterEach(() => fixture.close());

  it('gives one base URL per service under the server', () => {
    const bases = lookupBaseUrls(fixture.url);
    assert.equal(bases.crossref, `${fixture.url}/crossref`);
    assert.deepEqual(Object.keys(bases).sort(), [
      'aclAnthology',
      'arxiv',
      'crossref',
      'dblp',
      'huggingFace',
      'semanticScholar',
    ]);
  });

  it('answers arXiv id lists as Atom with doi, journal_ref and old-style ids, and records the request', async () => {
    const got = await get('/arxiv/api/query?id_list=2308.04079,astro-ph/9812133,2401.99999&max_results=5');
    assert.equal(got.status, 200);
    const { papers } = parseArxivFeed(got.text);
    assert.deepEqual(
      papers.map((p) => p.id),
      ['2308.04079', 'astro-ph/9812133'],
    );
    assert.equal(papers[0]?.journalRef, 'ACM Transactions on Graphics, volume 42(4), July 2023');
    assert.equal(papers[1]?.doi, '10.1086/307221');
    assert.deepEqual(fixture.requests, [
      '/arxiv/api/query?id_list=2308.04079,astro-ph/9812133,2401.99999&max_results=5',
    ]);
  });

  it("answers a malformed arXiv id with arXiv's error feed and HTTP 400, an unknown one with an empty feed", async () => {
    const bad = await get('/arxiv/api/query?id_list=abc');
    assert.equal(bad.status, 400);
    assert.match(bad.text, /incorrect id format for abc/);
    const empty = await get('/arxiv/api/query?id_list=2401.99999');
    assert.equal(empty.status, 200);
    assert.match(empty.text, /<opensearch:totalResults>0<\/opensearch:totalResults>/);
  });

  it('searches arXiv titles and authors', async () => {
    const query = encodeURIComponent('ti:"Deep Residual Learning for Image Recognition" AND au:He');
    const { papers } = parseArxivFeed((await get(`/arxiv/api/query?search_query=${query}&max_results=5`)).text);
    assert.deepEqual(
      papers.map((p) => p.id),
      ['1512.03385'],
    );
  });

  it('answers Crossref works by DOI, and 404 text for arXiv DOIs and unknown ones', async () => {
    const { status, body } = await getJson('/crossref/works/10.1109%2FCVPR.2016.90');
    assert.equal(status, 200);
    assert.equal(body['message-type'], 'work');
    const message = body.message as Record<string, unknown>;
    assert.deepEqual(message['container-title'], [
      '2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)',
    ]);
    assert.equal(message.page, '770-778');
    for (const doi of ['10.48550%2FarXiv.1706.03762', '10.1234%2Fnothing']) {
      const got = await get(`/crossref/works/${doi}`);
      assert.equal(got.status, 404);
      assert.equal(got.text, 'Resource not found.');
    }
  });

  it("ranks Crossref's observed wrong rows first, as Crossref does for the Transformer's title", async () => {
    const q = 'query.bibliographic=Attention+is+All+you+Need&query.author=Vaswani&rows=5';
    const { body } = await getJson(`/crossref/works?${q}`);
    assert.equal(body['message-type'], 'work-list');
    const items = (body.message as { items: { DOI: string; type: string }[] }).items;
    assert.deepEqual(
      items.map((i) => i.DOI),
      ['10.18653/v1/n18-2074', '10.65215/nxvz2v36'],
    );
  });

  it('keeps NeRF’s subtitle apart in Crossref and ChemCrow’s family name as Crossref writes it', async () => {
    const nerf = (await getJson('/crossref/works/10.1145/3503250')).body.message as Record<string, unknown>;
    assert.deepEqual(
      [nerf.title, nerf.subtitle],
      [['NeRF'], ['representing scenes as neural radiance fields for view synthesis']],
    );
    const chem = (await getJson('/crossref/works/10.1038/s42256-024-00832-8')).body.message as {
      author: { family: string }[];
    };
    assert.equal(chem.author[0]?.family, 'M. Bran');
  });

  it('searches dblp by word prefixes over titles and authors, with CoRR and conference records', async () => {
    const { body } = await getJson('/dblp/search/publ/api?q=attention+is+all+you+need+vaswani&format=json&h=10');
    const hits = (body.result as { hits: { '@total': string; hit: { info: Record<string, unknown> }[] } }).hits;
    const keys = hits.hit.map((h) => h.info.key);
    assert.ok(
      keys.includes('conf/nips/VaswaniSPUJGKP17') && keys.includes('journals/corr/VaswaniSPUJGKP17'),
      String(keys),
    );
    assert.ok(!keys.includes('conf/dac/ZhangYY21'));
    const first = (await getJson('/dblp/search/publ/api?q=attention+is+all+you+need&format=json&h=1')).body;
    const top = (first.result as { hits: { hit: { info: { title: string } }[] } }).hits.hit[0];
    assert.match(top?.info.title ?? '', /^Attention(al)? .*\.$/);
    assert.notEqual(top?.info.title, 'Attention is All you Need.');
  });

  it('sends one dblp author as an object and no hit list for no hits', async () => {
    const { body } = await getJson('/dblp/search/publ/api?q=gpt+4+technical+report&format=json');
    const hit = (body.result as { hits: { hit: { info: { authors: { author: unknown } } }[] } }).hits.hit[0];
    assert.deepEqual((hit?.info.authors.author as { text: string }).text, 'OpenAI');
    const none = (await getJson('/dblp/search/publ/api?q=zzzqqq&format=json')).body;
    assert.deepEqual((none.result as { hits: unknown }).hits, {
      '@total': '0',
      '@computed': '0',
      '@sent': '0',
      '@first': '0',
    });
  });

  it("serves dblp records as .bib in today's padded layout, with TeX accents", async () => {
    const got = await get('/dblp/rec/conf/iclr/VelickovicCCRLB18.bib');
    assert.equal(got.status, 200);
    assert.match(
      got.text,
      /^@inproceedings\{DBLP:conf\/iclr\/VelickovicCCRLB18,\n {2}author {7}= \{Petar Veli\{\\v\{c\}\}kovi\{\\'\{c\}\} and\n {18}Guillem/,
    );
    assert.match(
      got.text,
      /\n {2}booktitle {4}= \{6th International Conference on Learning Representations, \{ICLR\} 2018,\n {18}/,
    );
    assert.equal((await get('/dblp/rec/conf/none/Nobody99.bib')).status, 404);
  });

  it('answers Semantic Scholar with the asked fields only, and its 404 body', async () => {
    const { status, body } = await getJson(
      '/s2/graph/v1/paper/arXiv:2304.05376?fields=title,venue,year,externalIds,journal',
    );
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(body).sort(), ['externalIds', 'journal', 'paperId', 'title', 'venue', 'year']);
    assert.equal(body.year, 2023);
    assert.equal((body.externalIds as { DOI: string }).DOI, '10.1038/s42256-024-00832-8');
    const viaDoi = await getJson('/s2/graph/v1/paper/DOI:10.1038/s42256-024-00832-8?fields=title');
    assert.equal(viaDoi.body.title, 'Augmenting large language models with chemistry tools');
    const missing = await getJson('/s2/graph/v1/paper/arXiv:1512.03385?fields=title');
    assert.deepEqual(missing, { status: 404, body: { error: 'Paper with id arXiv:1512.03385 not found' } });
  });

  it('answers Hugging Face paper objects and ACL Anthology entries, 404 for the rest', async () => {
    const { body } = await getJson('/hf/api/papers/2106.09685');
    assert.equal(body.title, 'LoRA: Low-Rank Adaptation of Large Language Models');
    assert.equal((await get('/hf/api/papers/1512.03385')).status, 404);
    const acl = await get('/acl/N19-1423.bib');
    assert.match(acl.text, /^@inproceedings\{devlin-etal-2019-bert,\n {4}title = "\{BERT\}: Pre-training/);
    assert.match(acl.text, /doi = "10\.18653\/v1\/N19-1423"/);
    assert.equal((await get('/acl/X99-9999.bib')).status, 404);
  });

  it('injects 429 with Retry-After, once or always, and 500', async () => {
    const limited = await get('/crossref/works/10.9999/fault-429');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '1');
    assert.equal((await get('/arxiv/api/query?id_list=9901.00429')).status, 429);
    assert.equal((await get('/dblp/search/publ/api?q=fault-429-once&format=json')).status, 429);
    assert.equal((await get('/dblp/search/publ/api?q=fault-429-once&format=json')).status, 200);
    assert.equal((await get('/s2/graph/v1/paper/arXiv:9901.00500')).status, 500);
  });

  it('injects malformed and truncated bodies', async () => {
    const malformed = await get('/crossref/works?query.bibliographic=fault-malformed+attention+is+all+you+need');
    assert.equal(malformed.status, 200);
    assert.throws(() => JSON.parse(malformed.text) as unknown);
    await assert.rejects(get('/arxiv/api/query?id_list=9901.00206'));
  });

  it('holds a slow answer open until the client cancels', async () => {
    const controller = new AbortController();
    const pending = get('/dblp/search/publ/api?q=fault-slow&format=json', controller.signal);
    while (fixture.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await assert.rejects(pending, (err: Error) => err.name === 'AbortError');
  });

  it('answers 503 to everything while down', async () => {
    fixture.setMode('down');
    assert.equal((await get('/hf/api/papers/2106.09685')).status, 503);
    fixture.setMode('ok');
    assert.equal((await get('/hf/api/papers/2106.09685')).status, 200);
  });
});
