import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../../src/core/net/httpError';
import { Politeness } from '../../src/core/net/politeness';
import {
  ArxivApiError,
  ArxivFeedError,
  arxivCategoryUrl,
  arxivIdFromEntryId,
  checkArxivCategory,
  fetchArxivCategory,
  parseArxivFeed,
} from '../../src/core/sources/arxiv';
import { startLoopbackServer, type LoopbackServer } from './helpers/loopbackServer';
import { fixturePath } from './helpers/paths';

function fixture(name: string): string {
  return readFileSync(fixturePath('arxiv', name), 'utf8');
}

/** A clock that only moves when the code under test sleeps (or a task says time passed). */
function fakeTime(): {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  advance: (ms: number) => void;
  sleeps: number[];
} {
  let t = 0;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
    sleeps,
  };
}

describe('arXiv: Atom parsing', () => {
  describe('a normal listing', () => {
    const { papers, skipped, totalResults } = parseArxivFeed(fixture('normal.xml'));
    const [mixtral, attention, maldacena] = papers;

    it('reads every entry and the total', () => {
      assert.equal(skipped, 0);
      assert.equal(totalResults, 214377);
      assert.deepEqual(
        papers.map((p) => p.id),
        ['2401.04088', '1706.03762', 'hep-th/9711200'],
      );
    });

    it('drops versions from ids, old-style ids included', () => {
      assert.equal(mixtral.arxivId, '2401.04088');
      assert.equal(maldacena.arxivId, 'hep-th/9711200');
    });

    it('normalises whitespace in titles and abstracts, keeping paragraphs and decoding entities', () => {
      assert.equal(attention.title, 'Attention Is All You Need');
      assert.equal(
        attention.abstract,
        'The dominant sequence transduction models are based on complex recurrent or convolutional neural networks in an encoder-decoder configuration. We propose a new simple network architecture, the Transformer, based solely on attention mechanisms & dispensing with recurrence and convolutions entirely.\n\nExperiments on two machine translation tasks show these models to be superior in quality while being more parallelizable.',
      );
      assert.ok(!/\n(?!\n)/.test(mixtral.abstract.replace(/\n\n/g, '')), 'no single line breaks left');
    });

    it('reads all authors in order, with unicode', () => {
      assert.deepEqual(mixtral.authors, [
        'Albert Q. Jiang',
        'Alexandre Sablayrolles',
        'Antoine Roux',
        'Arthur Mensch',
        'Théophile Gervet',
      ]);
    });

    it('puts the primary category first, each category once', () => {
      assert.deepEqual(mixtral.categories, ['cs.LG', 'cs.CL']);
      // Listed second in the entry, primary all the same.
      assert.deepEqual(attention.categories, ['cs.CL', 'cs.LG']);
      assert.deepEqual(maldacena.categories, ['hep-th']);
    });

    it('reads the DOI and journal reference when there are any', () => {
      assert.equal(maldacena.doi, '10.1023/A:1026654312961');
      assert.equal(maldacena.journalRef, 'Adv.Theor.Math.Phys.2:231-252,1998');
      assert.equal(mixtral.doi, undefined);
      assert.equal('journalRef' in mixtral, false);
    });

    it('takes the publication date, and its day as the feed day', () => {
      assert.equal(attention.published, '2017-06-12T17:57:34Z');
      assert.equal(attention.feedDay, '2017-06-12');
      assert.equal(maldacena.feedDay, '1997-11-27');
    });

    it('links to arXiv (https, versionless) and to the Hugging Face page', () => {
      assert.deepEqual(maldacena.links, {
        arxivAbs: 'https://arxiv.org/abs/hep-th/9711200',
        pdf: 'https://arxiv.org/pdf/hep-th/9711200',
        huggingFace: 'https://huggingface.co/papers/hep-th%2F9711200',
      });
      assert.equal(mixtral.links.pdf, 'https://arxiv.org/pdf/2401.04088');
      assert.equal(mixtral.links.huggingFace, 'https://huggingface.co/papers/2401.04088');
    });

    it('marks the source and leaves Hugging Face fields empty', () => {
      for (const p of papers) {
        assert.equal(p.source, 'arxiv');
        assert.deepEqual(p.aiKeywords, []);
        assert.equal(p.upvotes, undefined);
      }
    });
  });

  it('reads a feed with one author (and namespaces declared on the root)', () => {
    const { papers, totalResults } = parseArxivFeed(fixture('single-author.xml'));
    assert.equal(totalResults, 1);
    assert.equal(papers.length, 1);
    assert.deepEqual(papers[0].authors, ['Tri Dao']);
    assert.equal(papers[0].title, 'FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning');
    assert.deepEqual(papers[0].categories, ['cs.LG']);
    assert.equal(papers[0].links.pdf, 'https://arxiv.org/pdf/2307.08691');
  });

  it('skips and counts entries without an arXiv id or a title, and keeps minimal ones', () => {
    const { papers, skipped } = parseArxivFeed(fixture('missing-fields.xml'));
    assert.equal(skipped, 4);
    assert.equal(papers.length, 1);
    const [minimal] = papers;
    assert.equal(minimal.id, '2401.00005');
    assert.equal(minimal.title, 'Only an id and a title');
    assert.deepEqual(minimal.authors, []);
    assert.equal(minimal.abstract, '');
    assert.equal(minimal.published, undefined);
    assert.equal(minimal.feedDay, undefined);
    assert.equal(minimal.categories, undefined);
  });

  it('turns arXiv’s error feed into an error saying what arXiv said', () => {
    assert.throws(
      () => parseArxivFeed(fixture('error.xml')),
      (err: unknown) => {
        assert.ok(err instanceof ArxivApiError);
        assert.match(err.message, /incorrect id format for 1234\.12345/);
        return true;
      },
    );
  });

  it('reads an empty listing as no papers', () => {
    assert.deepEqual(parseArxivFeed(fixture('empty.xml')), { papers: [], skipped: 0, totalResults: 0 });
  });

  it('refuses bodies that are not Atom feeds', () => {
    assert.throws(() => parseArxivFeed('<html><body><p>Service unavailable<br></body></html>'), ArxivFeedError);
    assert.throws(() => parseArxivFeed('{"error": "nope"}'), ArxivFeedError);
    assert.throws(() => parseArxivFeed('<?xml version="1.0"?><rss><channel/></rss>'), /not an Atom feed/);
    assert.throws(() => parseArxivFeed(fixture('normal.xml').slice(0, 2000)), ArxivFeedError);
  });

  it('reads arXiv ids from entry ids', () => {
    assert.equal(arxivIdFromEntryId('http://arxiv.org/abs/2401.04088v1'), '2401.04088');
    assert.equal(arxivIdFromEntryId('https://arxiv.org/abs/2401.04088'), '2401.04088');
    assert.equal(arxivIdFromEntryId('https://export.arxiv.org/abs/math.AP/0601001v2'), 'math.AP/0601001');
    assert.equal(arxivIdFromEntryId('http://arxiv.org/api/errors#incorrect_id_format'), undefined);
    assert.equal(arxivIdFromEntryId('https://evil.example/abs/2401.04088'), undefined);
  });
});

describe('arXiv: categories and URLs', () => {
  it('accepts real category names', () => {
    for (const c of [
      'cs.LG',
      'stat.ML',
      'math.AP',
      'q-bio.NC',
      'cond-mat.stat-mech',
      'hep-th',
      'astro-ph.GA',
      'physics.comp-ph',
      ' cs.CL ',
    ]) {
      assert.deepEqual(checkArxivCategory(c), { ok: true, category: c.trim() }, c);
    }
  });

  it('refuses anything that would change the query', () => {
    for (const c of ['', 'cs.LG OR all:x', 'cs.LG)', 'cat:cs.LG', 'cs..LG', 'CS LG', '../x', 'cs.LG&max_results=9']) {
      const check = checkArxivCategory(c);
      assert.equal(check.ok, false, c);
    }
    assert.throws(() => arxivCategoryUrl('https://export.arxiv.org', 'cs.LG AND x'), RangeError);
  });

  it('builds the listing URL, clamping the page size', () => {
    const url = new URL(arxivCategoryUrl('https://export.arxiv.org', 'cs.LG', 100));
    assert.equal(url.origin + url.pathname, 'https://export.arxiv.org/api/query');
    assert.equal(url.searchParams.get('search_query'), 'cat:cs.LG');
    assert.equal(url.searchParams.get('sortBy'), 'submittedDate');
    assert.equal(url.searchParams.get('sortOrder'), 'descending');
    assert.equal(url.searchParams.get('start'), '0');
    assert.equal(url.searchParams.get('max_results'), '100');
    assert.equal(
      new URL(arxivCategoryUrl('https://export.arxiv.org', 'cs.LG', 1e9)).searchParams.get('max_results'),
      '2000',
    );
    assert.equal(
      new URL(arxivCategoryUrl('https://export.arxiv.org', 'cs.LG', 0)).searchParams.get('max_results'),
      '1',
    );
  });
});

describe('Politeness gate', () => {
  it('spaces requests to one host by the interval, in call order', async () => {
    const time = fakeTime();
    const gate = new Politeness({ intervalMs: 3000, now: time.now, sleep: time.sleep });
    const starts: [string, number][] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        gate.run('https://export.arxiv.org/api/query', async () => void starts.push([name, time.now()])),
      ),
    );
    assert.deepEqual(starts, [
      ['a', 0],
      ['b', 3000],
      ['c', 6000],
    ]);
  });

  it('counts the interval from the end of a slow request, failed or not', async () => {
    const time = fakeTime();
    const gate = new Politeness({ intervalMs: 3000, now: time.now, sleep: time.sleep });
    const starts: number[] = [];
    const slowFailure = gate.run('https://export.arxiv.org/x', async () => {
      starts.push(time.now());
      time.advance(1000);
      throw new Error('503');
    });
    const next = gate.run('https://export.arxiv.org/y', async () => void starts.push(time.now()));
    await assert.rejects(slowFailure, /503/);
    await next;
    assert.deepEqual(starts, [0, 4000]);
  });

  it('does not make different hosts wait for each other', async () => {
    const time = fakeTime();
    const gate = new Politeness({ intervalMs: 3000, now: time.now, sleep: time.sleep });
    await gate.wait('https://export.arxiv.org/a');
    await gate.wait('https://huggingface.co/b');
    assert.deepEqual(time.sleeps, []);
    await gate.wait('https://EXPORT.arxiv.org/c');
    assert.deepEqual(time.sleeps, [3000]);
  });

  it('does not wait once the interval has passed', async () => {
    const time = fakeTime();
    const gate = new Politeness({ intervalMs: 3000, now: time.now, sleep: time.sleep });
    await gate.wait('https://export.arxiv.org/a');
    time.advance(2000);
    await gate.wait('https://export.arxiv.org/a');
    time.advance(5000);
    await gate.wait('https://export.arxiv.org/a');
    assert.deepEqual(time.sleeps, [1000]);
  });

  it('lets a cancelled wait go without running its task or holding up the queue', async () => {
    const time = fakeTime();
    const gate = new Politeness({ intervalMs: 3000, now: time.now, sleep: time.sleep });
    await gate.wait('https://export.arxiv.org/a');
    const controller = new AbortController();
    controller.abort();
    let ran = false;
    await assert.rejects(gate.run('https://export.arxiv.org/a', async () => void (ran = true), controller.signal));
    assert.equal(ran, false);
    await gate.wait('https://export.arxiv.org/a');
    assert.deepEqual(time.sleeps, [3000]);
  });

  it('waits for real when no clock is injected', async () => {
    const gate = new Politeness({ intervalMs: 40 });
    const started = performance.now();
    await gate.wait('http://127.0.0.1/a');
    await gate.wait('http://127.0.0.1/a');
    assert.ok(performance.now() - started >= 35);
  });
});

describe('arXiv: fetching a category', () => {
  let server: LoopbackServer | undefined;
  let requests: IncomingMessage[] = [];

  async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
    requests = [];
    server = await startLoopbackServer((req, res) => {
      requests.push(req);
      handler(req, res);
    });
    return server.url;
  }

  function atom(res: ServerResponse, body: string, status = 200): void {
    res.writeHead(status, { 'content-type': 'application/atom+xml; charset=utf-8' });
    res.end(body);
  }

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('asks for the newest submissions of the category and parses the feed', async () => {
    const baseUrl = await serve((_req, res) => atom(res, fixture('normal.xml')));
    const time = fakeTime();
    const gate = new Politeness({ now: time.now, sleep: time.sleep });
    const result = await fetchArxivCategory({ baseUrl, category: 'cs.LG', maxResults: 3, gate });
    assert.equal(result.papers.length, 3);
    assert.equal(result.totalResults, 214377);
    assert.equal(result.category, 'cs.LG');
    const url = new URL(requests[0].url ?? '', baseUrl);
    assert.equal(url.pathname, '/api/query');
    assert.equal(url.searchParams.get('search_query'), 'cat:cs.LG');
    assert.equal(url.searchParams.get('max_results'), '3');
    assert.equal(url.searchParams.get('sortBy'), 'submittedDate');
    assert.match(String(requests[0].headers.accept), /atom\+xml/);
  });

  it('keeps 3 seconds between the requests of several categories', async () => {
    const baseUrl = await serve((_req, res) => atom(res, fixture('single-author.xml')));
    const time = fakeTime();
    const gate = new Politeness({ now: time.now, sleep: time.sleep });
    for (const category of ['cs.LG', 'cs.CL', 'stat.ML']) await fetchArxivCategory({ baseUrl, category, gate });
    assert.equal(requests.length, 3);
    assert.deepEqual(time.sleeps, [3000, 3000]);
    assert.deepEqual(
      requests.map((r) => new URL(r.url ?? '', baseUrl).searchParams.get('search_query')),
      ['cat:cs.LG', 'cat:cs.CL', 'cat:stat.ML'],
    );
  });

  it('retries a failed request no sooner than the interval', async () => {
    let calls = 0;
    const baseUrl = await serve((_req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end('busy');
      } else {
        atom(res, fixture('single-author.xml'));
      }
    });
    const pauses: number[] = [];
    const gate = new Politeness({ sleep: async () => undefined });
    const result = await fetchArxivCategory({
      baseUrl,
      category: 'cs.LG',
      gate,
      http: { sleep: async (ms) => void pauses.push(ms), random: () => 0 },
    });
    assert.equal(result.papers.length, 1);
    assert.equal(calls, 2);
    assert.equal(pauses.length, 1);
    assert.ok(pauses[0] >= 3000, `retried after ${pauses[0]} ms`);
  });

  it('reports arXiv’s error feed and HTTP failures as errors', async () => {
    const baseUrl = await serve((req, res) => {
      if ((req.url ?? '').includes('cs.CL')) atom(res, fixture('error.xml'));
      else {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end('bad query');
      }
    });
    const gate = new Politeness({ sleep: async () => undefined });
    await assert.rejects(fetchArxivCategory({ baseUrl, category: 'cs.CL', gate }), ArxivApiError);
    await assert.rejects(
      fetchArxivCategory({ baseUrl, category: 'cs.LG', gate, http: { retries: 0 } }),
      (err: unknown) => {
        assert.ok(err instanceof HttpError);
        assert.equal(err.status, 400);
        return true;
      },
    );
  });

  it('refuses a bad category before any request', async () => {
    const baseUrl = await serve((_req, res) => atom(res, fixture('normal.xml')));
    const gate = new Politeness();
    await assert.rejects(fetchArxivCategory({ baseUrl, category: 'cs.LG OR all:x', gate }), RangeError);
    assert.equal(requests.length, 0);
  });
});
