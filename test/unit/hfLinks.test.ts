/**
 * What Hugging Face links to a paper: the `/repos` parser against the documented shape, the
 * two requests against a loopback server (200, 404, 429, 5xx, a cut body), the per-paper
 * cache (time-to-live, corrupt and foreign files, the size bound), the view model, and the
 * page drawing the section from it.
 */
import * as assert from 'node:assert/strict';
import { promises as fs, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import {
  fetchHfLinks,
  linkedReposUrl,
  paperPageApiUrl,
  readHfLinks,
  type HfLinks,
} from '../../src/core/hfLinks/hfLinks';
import { HF_LINKS_SCHEMA, HfLinksCache } from '../../src/core/hfLinks/hfLinksCache';
import { HfLinksService } from '../../src/core/hfLinks/hfLinksService';
import {
  KEPT_PER_KIND,
  LinkedReposFormatError,
  NOTHING_LINKED,
  isRepoId,
  parseLinkedRepos,
} from '../../src/core/hfLinks/linkedRepos';
import type { Logger } from '../../src/core/log';
import type { HttpOptions } from '../../src/core/net/http';
import { parseDailyItem } from '../../src/core/sources/huggingfaceParse';
import { hfLinksView, paperPageUrl, repoWebUrl } from '../../src/core/view/hfLinksView';
import { checkLink } from '../../src/core/view/linkPolicy';
import { paperViewModel } from '../../src/core/view/paperView';
import { readHfLinksView } from '../../src/webview/protocol';
import { paper as makePaper } from '../helpers/paper';
import { startLoopbackServer, type LoopbackServer } from './helpers/loopbackServer';
import { openPaperPage, pageBundle, repoRoot, showMessage } from './helpers/paperPage';
import { makeTempDir, type TempDir } from './helpers/tmpdir';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(repoRoot, 'test', 'fixtures', 'hf', name), 'utf8')) as unknown;

const ID = '2611.90001';
const HOUR = 60 * 60 * 1000;
/** No retries, no waiting: each test decides what the server answers to each request. */
const http: HttpOptions = { retries: 0, timeoutMs: 5_000 };

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m), lines };
}

describe('Hugging Face links: the /repos parser', () => {
  it('reads the documented shape: ten of each kind, most liked first, private ones left out', () => {
    const repos = parseLinkedRepos(fixture('arxiv-repos.json'));
    assert.equal(repos.models.total, 12);
    assert.equal(repos.models.items.length, KEPT_PER_KIND);
    assert.deepEqual(repos.models.items[0], {
      id: 'fixture-lab/lattice-attention-large',
      likes: 1280,
      downloads: 340512,
    });
    const likes = repos.models.items.map((m) => m.likes ?? 0);
    assert.deepEqual(
      likes,
      [...likes].sort((a, b) => b - a),
    );
    assert.deepEqual(
      repos.datasets.items.map((d) => d.id),
      ['fixture-lab/long-docs-eval', 'fixture-lab/lattice-pretraining-mix'],
    );
    assert.equal(repos.spaces.total, 2, 'the private Space is not counted');
    assert.deepEqual(repos.spaces.items[0], { id: 'fixture-lab/lattice-attention-demo', likes: 221 });
  });

  it('keeps an id without owner (old models) and only the fields it shows', () => {
    const repos = parseLinkedRepos(fixture('arxiv-repos.json'), 100);
    const legacy = repos.models.items.find((m) => m.id === 'legacy-lattice-attention');
    assert.deepEqual(legacy, { id: 'legacy-lattice-attention', likes: 1, downloads: 44 });
  });

  it('reads empty lists, missing lists and wrong-typed lists as nothing linked', () => {
    assert.deepEqual(parseLinkedRepos({ models: [], datasets: [], spaces: [] }), NOTHING_LINKED);
    assert.deepEqual(parseLinkedRepos({}), NOTHING_LINKED);
    assert.deepEqual(parseLinkedRepos({ models: 'many', datasets: null, spaces: { id: 'a/b' } }), NOTHING_LINKED);
  });

  it('skips entries it cannot name, drops counts of the wrong type, ignores extra fields and repeats', () => {
    const repos = parseLinkedRepos({
      models: [
        { id: 'a/good', likes: '12', downloads: -3, extra: { deep: true } },
        { id: 42 },
        null,
        'a/string',
        { id: '../../etc/passwd' },
        { id: 'a/b/c' },
        { id: 'has space/x' },
        { id: 'a/good', likes: 99 },
        { likes: 5 },
      ],
      datasets: [{ id: 'd/one', likes: 3.7, downloads: Number.NaN }],
      spaces: [{ id: 's/one', private: false, likes: 1 }],
      unknownKind: [{ id: 'x/y' }],
    });
    assert.deepEqual(repos.models, { items: [{ id: 'a/good' }], total: 1 });
    assert.deepEqual(repos.datasets, { items: [{ id: 'd/one', likes: 3 }], total: 1 });
    assert.deepEqual(repos.spaces, { items: [{ id: 's/one', likes: 1 }], total: 1 });
  });

  it('throws on a body that is not an object', () => {
    for (const body of [null, [], 'Not Found', 3, [{ models: [] }]]) {
      assert.throws(() => parseLinkedRepos(body), LinkedReposFormatError, JSON.stringify(body));
    }
  });

  it('accepts Hub repository names only', () => {
    for (const ok of ['gpt2', 'openai/whisper-large-v3', 'a_b/c.d-e']) assert.ok(isRepoId(ok), ok);
    for (const bad of ['', '/x', 'x/', 'a/b/c', '..', 'a/..', 'a b', 'a/b?x=1', 'a/b#c', 'ä/b', 'a\\b', 42]) {
      assert.ok(!isRepoId(bad), String(bad));
    }
  });
});

describe('Hugging Face links: the submitter from the daily feed', () => {
  it('reads `submittedBy` of the item, else `submittedOnDailyBy` of the paper (full name first)', () => {
    const base = { paper: { id: '2401.00001', title: 'T' } };
    assert.equal(parseDailyItem({ ...base, submittedBy: { fullname: 'Ada L', name: 'ada' } })?.submittedBy, 'Ada L');
    assert.equal(parseDailyItem({ ...base, submittedBy: { name: 'ada' } })?.submittedBy, 'ada');
    const onPaper = { paper: { ...base.paper, submittedOnDailyBy: { user: 'bob', type: 'user' } } };
    assert.equal(parseDailyItem(onPaper)?.submittedBy, 'bob');
    assert.equal(parseDailyItem({ ...base, submittedBy: 'ada' })?.submittedBy, undefined);
    assert.equal(parseDailyItem({ ...base, submittedBy: { fullname: '  ' } })?.submittedBy, undefined);
  });
});

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

describe('Hugging Face links: the two requests', () => {
  let server: LoopbackServer;
  let handler: Handler;
  let asked: string[];

  beforeEach(async () => {
    asked = [];
    server = await startLoopbackServer((req, res) => {
      asked.push(req.url ?? '');
      handler(req, res);
    });
  });
  afterEach(() => server.close());

  const fetchLinks = (arxivId = ID) => fetchHfLinks({ baseUrl: server.url, arxivId, http });

  it('asks /api/arxiv/{id}/repos and /api/papers/{id} (versionless, old ids keeping their slash)', () => {
    assert.equal(
      linkedReposUrl('https://huggingface.co', '2611.90001v3'),
      'https://huggingface.co/api/arxiv/2611.90001/repos',
    );
    assert.equal(
      paperPageApiUrl('https://mirror.test/hf', 'hep-th/9901001'),
      'https://mirror.test/hf/api/papers/hep-th/9901001',
    );
    assert.throws(() => linkedReposUrl('https://huggingface.co', 'not-an-id'), RangeError);
  });

  it('merges the linked repositories with the paper page details', async () => {
    handler = (req, res) =>
      req.url?.endsWith('/repos')
        ? json(res, 200, fixture('arxiv-repos.json'))
        : json(res, 200, fixture('paper-page.json'));
    const links = await fetchLinks();
    assert.deepEqual(asked.sort(), [`/api/arxiv/${ID}/repos`, `/api/papers/${ID}`]);
    assert.equal(links.arxivId, ID);
    assert.equal(links.models.total, 12);
    assert.equal(links.submittedBy, 'Fiona Submitter');
    assert.equal(links.githubStars, 1873);
    assert.equal(links.numComments, undefined, 'the paper object carries no comment count');
  });

  it('reads 404 from both as a paper Hugging Face does not know: nothing linked', async () => {
    handler = (_req, res) => json(res, 404, { error: 'Paper not found' });
    assert.deepEqual(await fetchLinks(), { arxivId: ID, ...NOTHING_LINKED });
  });

  it('keeps the linked repositories when only the paper page is missing, and the reverse', async () => {
    handler = (req, res) =>
      req.url?.endsWith('/repos') ? json(res, 200, fixture('arxiv-repos.json')) : json(res, 404, { error: 'x' });
    assert.equal((await fetchLinks()).spaces.total, 2);
    handler = (req, res) =>
      req.url?.endsWith('/repos') ? json(res, 404, { error: 'x' }) : json(res, 200, fixture('paper-page.json'));
    const links = await fetchLinks();
    assert.equal(links.models.total, 0);
    assert.equal(links.submittedBy, 'Fiona Submitter');
  });

  for (const status of [429, 500, 503]) {
    it(`fails as a whole on ${status}, even when the other request succeeded`, async () => {
      handler = (req, res) =>
        req.url?.endsWith('/repos') ? json(res, status, { error: 'busy' }) : json(res, 200, fixture('paper-page.json'));
      await assert.rejects(fetchLinks());
    });
  }

  it('fails on a cut body and on one that is not JSON or not the shape', async () => {
    handler = (req, res) => {
      if (!req.url?.endsWith('/repos')) return json(res, 404, {});
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write('{"models":[{"id":"a/b"');
      setImmediate(() => res.destroy());
    };
    await assert.rejects(fetchLinks());
    handler = (req, res) => {
      if (!req.url?.endsWith('/repos')) return json(res, 404, {});
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>Rate limited</html>');
    };
    await assert.rejects(fetchLinks());
    handler = (req, res) => (req.url?.endsWith('/repos') ? json(res, 200, ['models']) : json(res, 404, {}));
    await assert.rejects(fetchLinks(), LinkedReposFormatError);
  });
});

function links(overrides: Partial<HfLinks> = {}): HfLinks {
  return { arxivId: ID, ...parseLinkedRepos(fixture('arxiv-repos.json')), ...overrides };
}

describe('Hugging Face links: the cache', () => {
  let tmp: TempDir;
  let t: number;
  const now = () => t;
  const BASE = 'https://huggingface.co';
  beforeEach(async () => {
    tmp = await makeTempDir();
    t = Date.UTC(2026, 10, 20);
  });
  afterEach(() => tmp.remove());

  it('has nothing before the first answer, even without its folder', async () => {
    const cache = new HfLinksCache(path.join(tmp.path, 'not', 'yet'), { now });
    assert.equal(await cache.get(BASE, ID), undefined);
  });

  it('gives an answer back fresh within its time-to-live and stale after, one file per paper, no temp files', async () => {
    const cache = new HfLinksCache(path.join(tmp.path, 'c'), { now, ttlMs: 24 * HOUR });
    await cache.set(BASE, links());
    await cache.set(BASE, { arxivId: 'hep-th/9901001', ...NOTHING_LINKED });
    assert.deepEqual(await cache.get(BASE, ID), { links: links(), fresh: true });
    t += 24 * HOUR - 1;
    assert.equal((await cache.get(BASE, ID))?.fresh, true);
    t += 1;
    assert.deepEqual(await cache.get(BASE, ID), { links: links(), fresh: false });
    assert.deepEqual((await fs.readdir(path.join(tmp.path, 'c'))).sort(), ['2611.90001.json', 'hep-th_9901001.json']);
    assert.deepEqual(await cache.get(BASE, 'hep-th/9901001'), {
      links: { arxivId: 'hep-th/9901001', ...NOTHING_LINKED },
      fresh: false,
    });
  });

  it('treats an answer from another server, a corrupt file, a wrong shape or another schema as absent', async () => {
    const cache = new HfLinksCache(path.join(tmp.path, 'c'), { now });
    await cache.set(BASE, links());
    assert.equal(await cache.get('http://127.0.0.1:9', ID), undefined);
    const file = cache.fileOf(ID);
    const good = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
    const variants: unknown[] = [
      '{"schema":1,"baseUrl":"https://hugg',
      'not json at all',
      JSON.stringify({ ...good, schema: HF_LINKS_SCHEMA + 1 }),
      JSON.stringify({ ...good, fetchedAt: 'yesterday' }),
      JSON.stringify({ ...good, links: { ...links(), arxivId: '2611.99999' } }),
      JSON.stringify({ ...good, links: { ...links(), models: { items: [{ id: '../x' }], total: 1 } } }),
      JSON.stringify({ ...good, links: { arxivId: ID } }),
      JSON.stringify([good]),
    ];
    for (const text of variants) {
      await fs.writeFile(file, text as string);
      assert.equal(await cache.get(BASE, ID), undefined, String(text).slice(0, 80));
    }
    await cache.set(BASE, links({ githubStars: 5 }));
    assert.equal((await cache.get(BASE, ID))?.links.githubStars, 5, 'the next answer replaces the broken file');
  });

  it('drops wrong-typed details read back, keeping the lists', () => {
    const read = readHfLinks({ ...links(), submittedBy: 7, numComments: -1, githubStars: '9' });
    assert.deepEqual(read, links());
  });

  it('keeps at most maxEntries files, the oldest going first', async () => {
    const cache = new HfLinksCache(path.join(tmp.path, 'c'), { now, maxEntries: 10 });
    for (let i = 0; i < 11; i++) {
      t += 1000;
      await cache.set(BASE, { arxivId: `2611.${String(10000 + i)}`, ...NOTHING_LINKED });
      await fs.utimes(cache.fileOf(`2611.${String(10000 + i)}`), t / 1000, t / 1000);
    }
    const left = (await fs.readdir(path.join(tmp.path, 'c'))).sort();
    assert.equal(left.length, 9);
    assert.ok(!left.includes('2611.10000.json') && left.includes('2611.10010.json'), left.join(' '));
  });

  it('logs a write it cannot make and carries on', async () => {
    const blocker = path.join(tmp.path, 'file');
    await fs.writeFile(blocker, 'x');
    const log = recordingLog();
    const cache = new HfLinksCache(path.join(blocker, 'c'), { now, log });
    await cache.set(BASE, links());
    assert.equal(log.lines.length, 1);
    assert.equal(await cache.get(BASE, ID), undefined);
  });
});

describe('Hugging Face links: cached first, then asked, quietly on failure', () => {
  let tmp: TempDir;
  let server: LoopbackServer;
  let handler: Handler;
  let asked: string[];
  let t: number;
  const now = () => t;

  beforeEach(async () => {
    tmp = await makeTempDir();
    t = Date.UTC(2026, 10, 20);
    asked = [];
    server = await startLoopbackServer((req, res) => {
      asked.push(req.url ?? '');
      handler(req, res);
    });
  });
  afterEach(async () => {
    await server.close();
    await tmp.remove();
  });

  function service(log: Logger = recordingLog()) {
    return new HfLinksService({
      cache: new HfLinksCache(path.join(tmp.path, 'c'), { now, ttlMs: 24 * HOUR }),
      fetch: (baseUrl, arxivId) => fetchHfLinks({ baseUrl, arxivId, http }),
      log,
    });
  }
  const ok: Handler = (req, res) =>
    req.url?.endsWith('/repos')
      ? json(res, 200, fixture('arxiv-repos.json'))
      : json(res, 200, fixture('paper-page.json'));

  it('asks once, stores, and answers from the cache while fresh; asks again once stale', async () => {
    handler = ok;
    const s = service();
    const first = s.load(server.url, ID);
    assert.equal(await first.cached, undefined);
    assert.equal((await first.latest)?.models.total, 12);
    assert.equal(asked.length, 2);
    const second = s.load(server.url, ID);
    assert.equal((await second.cached)?.models.total, 12);
    assert.equal((await second.latest)?.models.total, 12);
    assert.equal(asked.length, 2, 'a fresh answer asks nothing');
    t += 25 * HOUR;
    await s.load(server.url, ID).latest;
    assert.equal(asked.length, 4, 'a stale one is asked again');
  });

  it('caches a 404 as "nothing linked", so the next opening asks nothing', async () => {
    handler = (_req, res) => json(res, 404, { error: 'Paper not found' });
    const s = service();
    assert.deepEqual(await s.load(server.url, ID).latest, { arxivId: ID, ...NOTHING_LINKED });
    const again = s.load(server.url, ID);
    assert.deepEqual(await again.cached, { arxivId: ID, ...NOTHING_LINKED });
    await again.latest;
    assert.equal(asked.length, 2);
  });

  for (const [what, fail] of [
    ['429', (_req: IncomingMessage, res: ServerResponse) => json(res, 429, { error: 'slow down' })],
    ['500', (_req: IncomingMessage, res: ServerResponse) => json(res, 500, { error: 'oops' })],
    [
      'a cut body',
      (_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '900' });
        res.write('{"models":[');
        setImmediate(() => res.destroy());
      },
    ],
  ] as const) {
    it(`shows the stale answer on ${what}, with one log line and the cache kept`, async () => {
      handler = ok;
      const log = recordingLog();
      const s = service(log);
      await s.load(server.url, ID).latest;
      t += 25 * HOUR;
      handler = fail;
      const load = s.load(server.url, ID);
      assert.equal((await load.cached)?.models.total, 12);
      assert.equal((await load.latest)?.models.total, 12);
      assert.equal(log.lines.length, 1, log.lines.join('\n'));
      assert.match(log.lines[0], /2611\.90001/);
    });

    it(`shows nothing on ${what} when nothing was cached, without throwing`, async () => {
      handler = fail;
      const load = service().load(server.url, ID);
      assert.equal(await load.cached, undefined);
      assert.equal(await load.latest, undefined);
    });
  }

  it('shows nothing offline (nobody listening), quietly', async () => {
    await server.close();
    const log = recordingLog();
    const load = service(log).load(server.url, ID);
    assert.equal(await load.latest, undefined);
    assert.equal(log.lines.length, 1);
  });

  it('shares one request between openings of the same paper while it is under way', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    handler = (req, res) => void gate.then(() => ok(req, res));
    const s = service();
    const a = s.load(server.url, ID);
    const b = s.load(server.url, ID);
    await a.cached;
    await b.cached;
    release();
    assert.deepEqual(await a.latest, await b.latest);
    assert.equal(asked.length, 2);
  });
});

describe('Hugging Face links: the view model', () => {
  const base = { id: ID, submittedBy: undefined, numComments: undefined, githubStars: undefined };

  it('links each repository on huggingface.co under its kind, ten at most, the rest counted', () => {
    const view = hfLinksView(base, links());
    assert.ok(view);
    assert.equal(view.paperUrl, `https://huggingface.co/papers/${ID}`);
    assert.deepEqual(
      view.groups.map((g) => [g.kind, g.items.length, g.more]),
      [
        ['models', 10, 2],
        ['datasets', 2, 0],
        ['spaces', 2, 0],
      ],
    );
    assert.equal(view.groups[0].items[0].url, 'https://huggingface.co/fixture-lab/lattice-attention-large');
    assert.equal(view.groups[1].items[0].url, 'https://huggingface.co/datasets/fixture-lab/long-docs-eval');
    assert.equal(view.groups[2].items[0].url, 'https://huggingface.co/spaces/fixture-lab/lattice-attention-demo');
    for (const g of view.groups) for (const i of g.items) assert.ok(checkLink(i.url).ok, i.url);
    assert.equal(view.submittedBy, undefined);
  });

  it('takes submitter, comments and stars from the answer, else from the feed', () => {
    const fromFeed = hfLinksView({ ...base, submittedBy: 'Feed Person', numComments: 3, githubStars: 10 }, links());
    assert.deepEqual([fromFeed?.submittedBy, fromFeed?.numComments, fromFeed?.githubStars], ['Feed Person', 3, 10]);
    const fromAnswer = hfLinksView(
      { ...base, submittedBy: 'Feed Person', numComments: 3, githubStars: 10 },
      links({ submittedBy: 'Hub Person', numComments: 4, githubStars: 11 }),
    );
    assert.deepEqual(
      [fromAnswer?.submittedBy, fromAnswer?.numComments, fromAnswer?.githubStars],
      ['Hub Person', 4, 11],
    );
  });

  it('is nothing at all when Hugging Face links nothing and the feed said nothing', () => {
    assert.equal(hfLinksView(base, { arxivId: ID, ...NOTHING_LINKED }), undefined);
    assert.equal(hfLinksView(base, undefined), undefined);
    assert.ok(hfLinksView({ ...base, numComments: 2 }, undefined), 'comments alone are worth a section');
  });

  it('builds web addresses the allow-list accepts', () => {
    assert.equal(repoWebUrl('models', 'gpt2'), 'https://huggingface.co/gpt2');
    assert.equal(paperPageUrl('hep-th/9901001'), 'https://huggingface.co/papers/hep-th/9901001');
  });

  it('survives the trip to the page and back through the protocol reader; junk is refused', () => {
    const view = hfLinksView({ ...base, submittedBy: 'A', numComments: 1 }, links());
    assert.deepEqual(readHfLinksView(JSON.parse(JSON.stringify(view))), view);
    for (const junk of [
      null,
      { ...view, groups: 'x' },
      { ...view, paperId: '' },
      { ...view, groups: [{ kind: 'weights', items: [] }] },
      { ...view, groups: [{ kind: 'models', items: [{ label: 'x' }] }] },
      {
        ...view,
        groups: [
          {
            kind: 'models',
            items: Array.from({ length: 51 }, () => ({ label: 'a', url: 'https://huggingface.co/a' })),
          },
        ],
      },
    ]) {
      assert.equal(readHfLinksView(junk), undefined, JSON.stringify(junk)?.slice(0, 80));
    }
  });
});

describe('Hugging Face links: the page draws the section (real page script in jsdom)', function () {
  this.timeout(30_000);
  before(async () => {
    await pageBundle();
  });

  const p = makePaper({
    id: ID,
    arxivId: ID,
    title: 'Fixture Paper Alpha',
    numComments: 7,
    links: {
      huggingFace: `https://huggingface.co/papers/${ID}`,
      code: 'https://github.com/fixture-lab/lattice-attention',
    },
  });

  async function shown(view = hfLinksView(p, links({ submittedBy: 'Fiona Submitter', githubStars: 1873 }))) {
    const page = await openPaperPage();
    page.send(showMessage(paperViewModel(p), p));
    page.send({ type: 'hfLinks', links: view });
    return page;
  }

  it('lists models, datasets and Spaces with likes and downloads, formatted, under the links', async () => {
    const page = await shown();
    const section = page.root.querySelector('section.hf-links');
    assert.ok(section, 'the section is drawn');
    assert.equal(section.querySelector('h2')?.textContent, 'On Hugging Face');
    assert.equal(section.previousElementSibling?.className, 'links', 'right under the links');
    assert.deepEqual(
      Array.from(section.querySelectorAll('.linked h3')).map((h) => h.textContent),
      ['Models', 'Datasets', 'Spaces'],
    );
    const first = section.querySelector('.linked[data-kind="models"] li');
    assert.equal(first?.querySelector('button')?.textContent, 'fixture-lab/lattice-attention-large');
    assert.equal(
      first?.querySelector('.counts')?.textContent,
      `♥ ${(1280).toLocaleString()} · ${(340512).toLocaleString()} downloads`,
    );
    assert.equal(section.querySelectorAll('.linked[data-kind="models"] li').length, 10);
    assert.equal(section.querySelector('.more-linked button')?.textContent, '2 more on Hugging Face');
    assert.equal(section.querySelector('.submitter')?.textContent, 'Submitted by Fiona Submitter');
    assert.equal(section.querySelector('.comments'), null, 'the feed’s count is in the meta line already');
    const comments = page.root.querySelector<HTMLButtonElement>('.meta .comments button');
    assert.equal(comments?.textContent, '7 comments');
    comments?.click();
    assert.deepEqual(page.posted.at(-1), { type: 'openLink', url: `https://huggingface.co/papers/${ID}` });
    const stars = page.root.querySelector('.links button[data-kind="code"]')?.parentElement?.querySelector('.stars');
    assert.equal(stars?.textContent, `${(1873).toLocaleString()} GitHub stars`);
    assert.equal(page.root.querySelector('.meta .stars'), null, 'stars are by the code link, not twice');
  });

  it('asks the host to open each link, all on huggingface.co', async () => {
    const page = await shown();
    const buttons = Array.from(page.root.querySelectorAll<HTMLButtonElement>('section.hf-links button'));
    for (const b of buttons) b.click();
    const urls = page.posted.filter((m) => m.type === 'openLink').map((m) => (m as { url: string }).url);
    assert.equal(urls.length, buttons.length);
    assert.ok(urls.includes('https://huggingface.co/spaces/fixture-lab/lattice-attention-demo'));
    assert.ok(urls.includes(`https://huggingface.co/papers/${ID}`));
    for (const url of urls) assert.match(url, /^https:\/\/huggingface\.co\//);
  });

  it('keeps the section in the saved state, and ignores one meant for another paper', async () => {
    const page = await shown();
    assert.equal((page.state() as { hfLinks?: { paperId: string } }).hfLinks?.paperId, ID);
    page.send({
      type: 'hfLinks',
      links: { ...hfLinksView(p, links()), paperId: '2611.99999', submittedBy: 'Someone Else' },
    });
    assert.equal(page.root.querySelector('.submitter')?.textContent, 'Submitted by Fiona Submitter');
    const reloaded = await openPaperPage(page.state());
    assert.ok(reloaded.root.querySelector('section.hf-links .linked'), 'drawn at once after a reload');
  });

  it('draws hostile names as text', async () => {
    const hostile = '<img src=x onerror="pwn()">';
    const view = hfLinksView({ ...p, submittedBy: hostile }, { arxivId: ID, ...NOTHING_LINKED });
    const page = await shown(view);
    assert.equal(page.root.querySelector('.submitter')?.textContent, `Submitted by ${hostile}`);
    assert.equal(page.root.querySelector('section.hf-links img'), null);
    assert.deepEqual(page.pwned, []);
  });

  it('draws no section when there is nothing to show', async () => {
    const bare = makePaper({ id: ID, arxivId: ID, title: 'Bare' });
    const page = await openPaperPage();
    page.send(showMessage(paperViewModel(bare), bare));
    assert.equal(page.root.querySelector('section.hf-links'), null);
  });
});
