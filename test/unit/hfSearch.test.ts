import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { FeedFormatError } from '../../src/core/sources/huggingfaceParse';
import {
  HF_SEARCH_MAX_QUERY,
  hfSearchQuery,
  hfSearchUrl,
  parseHfSearch,
  searchHuggingFace,
} from '../../src/core/sources/hfSearch';
import { startLoopbackServer, type LoopbackServer } from './helpers/loopbackServer';
import { fixturePath } from './helpers/paths';

function results(): unknown {
  return JSON.parse(readFileSync(fixturePath('hfSearch', 'results.json'), 'utf8'));
}

describe('Hugging Face search: parsing', () => {
  const { papers, skipped } = parseHfSearch(results());

  it('reads daily-shaped items and bare paper objects alike, once each', () => {
    assert.deepEqual(
      papers.map((p) => p.id),
      ['2312.00752', '2405.21060', '2401.04081'],
    );
    assert.equal(skipped, 2);
  });

  it('marks every paper as coming from the search', () => {
    assert.ok(papers.every((p) => p.source === 'hf-search'));
  });

  it('keeps what the item says and nothing it does not', () => {
    const [mamba, ssd, moe] = papers;
    assert.equal(mamba.upvotes, 188);
    assert.equal(mamba.numComments, 7);
    assert.equal(mamba.feedDay, '2023-12-04');
    assert.equal(mamba.links.code, 'https://github.com/state-spaces/mamba');
    assert.deepEqual(mamba.aiKeywords, ['state space models', 'selective scan', 'linear-time']);
    assert.match(mamba.abstract, /in deep learning, are/);
    // Never featured in the daily feed: no feed day is made up.
    assert.equal(ssd.feedDay, undefined);
    assert.deepEqual(ssd.authors, ['Tri Dao', 'Albert Gu']);
    assert.equal(moe.title, 'MoE-Mamba: Efficient Selective State Space Models with Mixture of Experts');
    assert.deepEqual(moe.authors, ['Maciej Pióro']);
    assert.equal(moe.links.arxivAbs, 'https://arxiv.org/abs/2401.04081');
  });

  it('keeps at most the number of results asked for', () => {
    assert.deepEqual(
      parseHfSearch(results(), 2).papers.map((p) => p.id),
      ['2312.00752', '2405.21060'],
    );
  });

  it('refuses a body that is not a list', () => {
    assert.throws(
      () => parseHfSearch({ error: 'Invalid query' }),
      (err: unknown) => {
        assert.ok(err instanceof FeedFormatError);
        assert.match(err.message, /Invalid query/);
        return true;
      },
    );
  });

  it('builds the search URL with the query encoded and the limit clamped', () => {
    const url = new URL(hfSearchUrl('https://huggingface.co', 'state space & "mamba"', 500));
    assert.equal(url.origin + url.pathname, 'https://huggingface.co/api/papers/search');
    assert.equal(url.searchParams.get('q'), 'state space & "mamba"');
    assert.equal(url.searchParams.get('limit'), '120');
    assert.equal(new URL(hfSearchUrl('https://huggingface.co', 'x', -3)).searchParams.get('limit'), '1');
  });

  it('tidies the query and cuts it without splitting a character', () => {
    assert.equal(hfSearchQuery('  state   space\n models '), 'state space models');
    const long = `${'a'.repeat(HF_SEARCH_MAX_QUERY - 1)}😀😀`;
    const cut = hfSearchQuery(long);
    assert.equal([...cut].length, HF_SEARCH_MAX_QUERY);
    assert.ok(cut.endsWith('😀'));
  });
});

describe('Hugging Face search: fetching', () => {
  let server: LoopbackServer | undefined;
  const requests: IncomingMessage[] = [];

  afterEach(async () => {
    await server?.close();
    server = undefined;
    requests.length = 0;
  });

  async function serve(status: number, body: string): Promise<string> {
    server = await startLoopbackServer((req, res) => {
      requests.push(req);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    });
    return server.url;
  }

  it('asks the search endpoint and parses the answer', async () => {
    const baseUrl = await serve(200, JSON.stringify(results()));
    const result = await searchHuggingFace({ baseUrl, query: ' selective  state space ', limit: 10 });
    assert.deepEqual(
      result.papers.map((p) => p.id),
      ['2312.00752', '2405.21060', '2401.04081'],
    );
    assert.equal(result.skipped, 2);
    assert.equal(requests.length, 1);
    const url = new URL(requests[0].url ?? '', baseUrl);
    assert.equal(url.pathname, '/api/papers/search');
    assert.equal(url.searchParams.get('q'), 'selective state space');
    assert.equal(url.searchParams.get('limit'), '10');
  });

  it('sends nothing for an empty query', async () => {
    const baseUrl = await serve(200, '[]');
    assert.deepEqual(await searchHuggingFace({ baseUrl, query: '   ' }), { papers: [], skipped: 0 });
    assert.equal(requests.length, 0);
  });

  it('fails with the server’s message on an error status', async () => {
    const baseUrl = await serve(400, JSON.stringify({ error: 'q is required' }));
    await assert.rejects(searchHuggingFace({ baseUrl, query: 'mamba', http: { retries: 0 } }), /q is required/);
  });
});
