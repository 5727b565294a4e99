import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FeedFormatError, dailyPapersUrl, fetchDailyPapers, parseDailyPapers, type Paper } from '../../src/core';
import { startLoopbackServer, type LoopbackServer } from './helpers/loopbackServer';
import { fixturePath } from './helpers/paths';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(fixturePath('hf', name), 'utf8'));
}

describe('Hugging Face daily papers: parsing', () => {
  const { papers, skipped } = parseDailyPapers(fixture('daily-good.json'));
  const mixtral = papers[0];

  it('reads every well-formed item', () => {
    assert.equal(skipped, 0);
    assert.deepEqual(
      papers.map((p) => p.id),
      ['2401.04088', '2312.00752'],
    );
  });

  it('normalises titles and abstracts, keeping paragraph breaks', () => {
    assert.equal(mixtral.title, 'Mixtral of Experts');
    assert.equal(
      mixtral.abstract,
      'We introduce Mixtral 8x7B, a Sparse Mixture of Experts (SMoE) language model. Mixtral has the same architecture as Mistral 7B, with the difference that each layer is composed of 8 feedforward blocks.\n\nWe also provide a model fine-tuned to follow instructions, $\\sim$13B active parameters.',
    );
  });

  it('drops hidden authors and keeps order and unicode', () => {
    assert.deepEqual(mixtral.authors, ['Albert Q. Jiang', 'Alexandre Sablayrolles', 'Théophile Gervet']);
  });

  it('takes the arXiv date and the feed day apart', () => {
    assert.equal(mixtral.published, '2024-01-08T18:47:34.000Z');
    assert.equal(mixtral.feedDay, '2024-01-09');
  });

  it('reads counts, AI fields, organisation and links', () => {
    assert.equal(mixtral.upvotes, 42);
    assert.equal(mixtral.numComments, 3);
    assert.equal(mixtral.aiSummary, 'A sparse mixture of experts model.');
    assert.deepEqual(mixtral.aiKeywords, ['Sparse Mixture of Experts', 'SMoE']);
    assert.equal(mixtral.organization, 'Mistral AI');
    assert.equal(mixtral.githubStars, 9000);
    assert.deepEqual(mixtral.links, {
      huggingFace: 'https://huggingface.co/papers/2401.04088',
      arxivAbs: 'https://arxiv.org/abs/2401.04088',
      pdf: 'https://arxiv.org/pdf/2401.04088',
      code: 'https://github.com/mistralai/mistral-src',
      project: 'https://mistral.ai/news/mixtral-of-experts/',
    });
    assert.equal(mixtral.thumbnail, 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2401.04088.png');
    assert.equal(mixtral.source, 'hf-daily');
    assert.equal(mixtral.arxivId, '2401.04088');
  });

  it('falls back to top-level upvotes and accepts a full githubRepo URL', () => {
    const mamba = papers[1];
    assert.equal(mamba.upvotes, 17);
    assert.equal(mamba.numComments, 0);
    assert.equal(mamba.links.code, 'https://github.com/state-spaces/mamba');
    assert.equal(mamba.aiSummary, undefined);
    assert.equal(mamba.organization, undefined);
  });

  it('records the source it is told', () => {
    const sample = parseDailyPapers(fixture('daily-good.json'), { source: 'sample' });
    assert.ok(sample.papers.every((p) => p.source === 'sample'));
  });
});

describe('Hugging Face daily papers: hostile payloads', () => {
  const { papers, skipped } = parseDailyPapers(fixture('daily-hostile.json'));
  const byId = new Map(papers.map((p): [string, Paper] => [p.id, p]));

  it('skips and counts items without an id or title, and never throws', () => {
    // null, 42, "a string", [], {}, empty id, blank title, numeric id
    assert.equal(skipped, 8);
    assert.deepEqual(
      papers.map((p) => p.id),
      ['2401.00003', '2401.00004', 'not-an-arxiv-id'],
    );
  });

  it('keeps the first of two items with the same arXiv id (versions folded)', () => {
    assert.equal(byId.get('2401.00003')?.title, '<script>alert(1)</script> Wrong types everywhere');
  });

  it('ignores fields of the wrong type instead of trusting them', () => {
    const p = byId.get('2401.00003');
    assert.ok(p);
    assert.deepEqual(p.authors, []);
    assert.equal(p.abstract, '');
    assert.equal(p.published, undefined);
    assert.equal(p.feedDay, undefined);
    assert.equal(p.upvotes, undefined);
    assert.equal(p.numComments, undefined);
    assert.deepEqual(p.aiKeywords, []);
    assert.equal(p.organization, undefined);
  });

  it('never turns script, data or file URLs into links', () => {
    const p = byId.get('2401.00003');
    assert.ok(p);
    assert.equal(p.links.code, undefined);
    assert.equal(p.links.project, undefined);
    assert.equal(p.thumbnail, undefined);
  });

  it('reads items that carry only top-level fields', () => {
    const p = byId.get('2401.00004');
    assert.equal(p?.abstract, 'Only top-level fields.');
    assert.equal(p?.upvotes, 5);
  });

  it('keeps a non-arXiv id without arXiv links, and drops empty or odd author entries', () => {
    const p = byId.get('not-an-arxiv-id');
    assert.ok(p);
    assert.equal(p.arxivId, undefined);
    assert.equal(p.links.arxivAbs, undefined);
    assert.deepEqual(p.authors, ['Ok Author']);
    assert.equal(p.upvotes, undefined, 'an infinite count is not a count');
  });

  for (const [name, body] of [
    ['an error object', fixture('daily-error-object.json')],
    ['null', null],
    ['a string', '<html>captive portal</html>'],
    ['a number', 7],
  ] as const) {
    it(`reports ${name} as a broken feed with a clear message`, () => {
      assert.throws(
        () => parseDailyPapers(body),
        (err: unknown) => {
          assert.ok(err instanceof FeedFormatError);
          assert.match(err.message, /expected a list of papers/);
          return true;
        },
      );
    });
  }

  it('names the server error when the body carries one', () => {
    assert.throws(() => parseDailyPapers({ error: 'Invalid date' }), /Invalid date/);
  });
});

function item(id: number, day = '2026-11-27'): unknown {
  return {
    paper: {
      id: `2611.${String(id).padStart(5, '0')}`,
      title: `Paper ${id}`,
      submittedOnDailyAt: `${day}T08:00:00.000Z`,
      authors: [],
    },
  };
}

describe('Hugging Face daily papers: paging', () => {
  let server: LoopbackServer;
  let requests: URL[] = [];
  let respond: (url: URL, res: ServerResponse) => void = () => {};

  before(async () => {
    server = await startLoopbackServer((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      requests.push(url);
      respond(url, res);
    });
  });
  after(() => server.close());
  beforeEach(() => {
    requests = [];
  });

  const json = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  /** One day's listing, asked for in pages of two papers. */
  const fetchDayInPagesOfTwo = () =>
    fetchDailyPapers({ baseUrl: server.url, range: { kind: 'day', anchor: '2026-11-27' }, pageSize: 2 });
  it('builds the range query for a day, an ISO week and a month', () => {
    assert.equal(
      dailyPapersUrl('https://huggingface.co', { kind: 'day', anchor: '2026-11-27' }, 0, 50),
      'https://huggingface.co/api/daily_papers?date=2026-11-27&p=0&limit=50',
    );
    assert.match(
      dailyPapersUrl('https://huggingface.co', { kind: 'week', anchor: '2026-11-27' }, 2, 50),
      /week=2026-W48&p=2&/,
    );
    assert.match(
      dailyPapersUrl('https://huggingface.co', { kind: 'month', anchor: '2026-11-27' }, 0, 10),
      /month=2026-11&p=0&limit=10$/,
    );
  });

  it('pages with p and limit until a short page', async () => {
    respond = (url, res) => {
      const p = Number(url.searchParams.get('p'));
      const limit = Number(url.searchParams.get('limit'));
      const total = 23;
      const items = [];
      for (let i = p * limit; i < Math.min(total, (p + 1) * limit); i++) items.push(item(i));
      json(res, items);
    };
    const result = await fetchDailyPapers({
      baseUrl: server.url,
      range: { kind: 'week', anchor: '2026-11-27' },
      pageSize: 10,
    });
    assert.equal(result.papers.length, 23);
    assert.equal(result.pages, 3);
    assert.equal(result.truncated, false);
    assert.deepEqual(
      requests.map((u) => u.searchParams.get('p')),
      ['0', '1', '2'],
    );
    assert.ok(requests.every((u) => u.searchParams.get('week') === '2026-W48'));
  });

  it('asks one more page when the last page is exactly full, and stops on an empty one', async () => {
    respond = (url, res) => json(res, url.searchParams.get('p') === '0' ? [item(1), item(2)] : []);
    const result = await fetchDayInPagesOfTwo();
    assert.equal(result.papers.length, 2);
    assert.equal(requests.length, 2);
  });

  it('stops when a server ignores p and repeats the first page', async () => {
    respond = (_url, res) => json(res, [item(1), item(2)]);
    const result = await fetchDayInPagesOfTwo();
    assert.equal(result.papers.length, 2);
    assert.equal(requests.length, 2);
  });

  it('stops at maxPages and says the listing was cut', async () => {
    let next = 0;
    respond = (_url, res) => json(res, [item(next++), item(next++)]);
    const result = await fetchDailyPapers({
      baseUrl: server.url,
      range: { kind: 'month', anchor: '2026-11-01' },
      pageSize: 2,
      maxPages: 3,
    });
    assert.equal(result.papers.length, 6);
    assert.equal(result.truncated, true);
    assert.equal(requests.length, 3);
  });

  it('counts skipped items across pages', async () => {
    respond = (url, res) => json(res, url.searchParams.get('p') === '0' ? [item(1), null] : [{}]);
    const result = await fetchDayInPagesOfTwo();
    assert.equal(result.papers.length, 1);
    assert.equal(result.skipped, 2);
  });

  it('fails the whole fetch with a clear error when a page is not a list', async () => {
    respond = (_url, res) => json(res, { error: 'Too many requests' });
    await assert.rejects(
      fetchDailyPapers({ baseUrl: server.url, range: { kind: 'day', anchor: '2026-11-27' }, http: { retries: 0 } }),
      /expected a list of papers.*Too many requests/,
    );
  });
});
