import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { PdfCache, PdfError, pdfFileName, type PdfProblem } from '../../src/core/pdf/pdfCache';
import { Politeness } from '../../src/core/net/politeness';
import { goodPdf, pdfFixture, type PdfFixture } from '../fixtures/server/pdfFixture';
import { startLoopbackServer, type LoopbackServer } from './helpers/loopbackServer';

const noSleep = { sleep: async () => undefined, retries: 2, backoffMs: 0 };

async function problem(promise: Promise<unknown>): Promise<PdfProblem> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof PdfError, `expected a PdfError, got ${String(err)}`);
    return err.problem;
  }
  assert.fail('expected the download to fail');
}

describe('PDF cache', () => {
  let server: LoopbackServer;
  let fixture: PdfFixture;
  let dir: string;

  before(async () => {
    fixture = pdfFixture();
    server = await startLoopbackServer((req, res) => {
      if (!fixture.handle(req, res)) res.writeHead(500).end();
    });
  });
  after(() => server.close());
  beforeEach(async () => {
    fixture.hits.clear();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'litfeed-pdf-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  const files = async () => (await fs.readdir(dir).catch(() => [])).sort();

  it('downloads a PDF into the cache whole, reports progress, and opens it from disk the second time', async () => {
    const cache = new PdfCache({ dir });
    const progress: number[] = [];
    const file = await cache.get('2401.00001', `${server.url}/pdf/good`, {
      http: noSleep,
      onProgress: (received) => progress.push(received),
    });
    assert.deepEqual(await fs.readFile(file), goodPdf());
    assert.equal(progress.at(-1), goodPdf().length);
    assert.deepEqual(await files(), [pdfFileName('2401.00001')]);
    const again = await cache.get('2401.00001', `${server.url}/pdf/good`, { http: noSleep });
    assert.equal(again, file);
    assert.equal(fixture.hits.get('good'), 1, 'the second open read the cached file');
  });

  it('accepts a body without Content-Length when it is a whole PDF', async () => {
    const cache = new PdfCache({ dir });
    const file = await cache.get('p', `${server.url}/pdf/chunked`, { http: noSleep });
    assert.deepEqual(await fs.readFile(file), goodPdf());
  });

  it('waits out a 429 and tries again', async () => {
    const cache = new PdfCache({ dir });
    await cache.get('p', `${server.url}/pdf/busy`, { http: noSleep });
    assert.equal(fixture.hits.get('busy'), 2);
  });

  const bad: [string, PdfProblem][] = [
    ['missing', 'not-found'],
    ['html', 'not-pdf'],
    ['html-as-pdf', 'not-pdf'],
    ['cut', 'truncated'],
    ['no-eof', 'truncated'],
    ['big', 'too-large'],
  ];
  for (const [name, expected] of bad) {
    it(`refuses /pdf/${name} (${expected}) and keeps no file, not even a temp file`, async () => {
      const cache = new PdfCache({ dir });
      assert.equal(await problem(cache.get('p', `${server.url}/pdf/${name}`, { http: noSleep })), expected);
      assert.deepEqual(await files(), []);
      assert.equal(await cache.has('p'), false);
    });
  }

  it('a failed download leaves the copy cached before it in place', async () => {
    const cache = new PdfCache({ dir });
    const file = await cache.get('p', `${server.url}/pdf/good`, { http: noSleep });
    assert.equal(await problem(cache.fetch('p', `${server.url}/pdf/cut`, { http: noSleep })), 'truncated');
    assert.deepEqual(await fs.readFile(file), goodPdf());
    assert.deepEqual(await files(), [pdfFileName('p')]);
  });

  it('a file over the per-file cap is refused while it streams, even without Content-Length', async () => {
    const cache = new PdfCache({ dir, maxFileBytes: 500 });
    assert.equal(await problem(cache.get('p', `${server.url}/pdf/chunked`, { http: noSleep })), 'too-large');
    assert.deepEqual(await files(), []);
  });

  it('keeps the folder under its cap by removing the least recently opened files, never the new one', async () => {
    let clock = 1_000_000_000_000;
    const size = goodPdf().length;
    const cache = new PdfCache({ dir, maxTotalBytes: size * 2 + 10, now: () => clock });
    for (const key of ['a', 'b']) {
      await cache.get(key, `${server.url}/pdf/good`, { http: noSleep });
      clock += 60_000;
      await cache.open(key);
    }
    clock += 60_000;
    await cache.open('a'); // a is now the more recently opened
    await cache.get('c', `${server.url}/pdf/good`, { http: noSleep });
    assert.deepEqual(await files(), [pdfFileName('a'), pdfFileName('c')].sort());
  });

  it('one download per paper at a time: a second caller shares the first', async () => {
    const cache = new PdfCache({ dir });
    const [one, two] = await Promise.all([
      cache.get('p', `${server.url}/pdf/good`, { http: noSleep }),
      cache.fetch('p', `${server.url}/pdf/good`, { http: noSleep }),
    ]);
    assert.equal(one, two);
    assert.equal(fixture.hits.get('good'), 1);
  });

  it('cancelling stops the download and keeps nothing', async () => {
    const cache = new PdfCache({ dir });
    const controller = new AbortController();
    controller.abort();
    assert.equal(
      await problem(cache.get('p', `${server.url}/pdf/good`, { http: { ...noSleep, signal: controller.signal } })),
      'cancelled',
    );
    assert.deepEqual(await files(), []);
  });

  it('goes through the gate it is given (the arXiv politeness gate)', async () => {
    const cache = new PdfCache({ dir });
    const gate = new Politeness({ intervalMs: 0 });
    const seen: string[] = [];
    await cache.get('p', `${server.url}/pdf/good`, {
      http: noSleep,
      gate: (url, task, signal) => {
        seen.push(url);
        return gate.run(url, task, signal);
      },
    });
    assert.deepEqual(seen, [`${server.url}/pdf/good`]);
  });

  it('a folder it cannot write into is a clear write error', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    await fs.writeFile(blocker, 'x');
    const cache = new PdfCache({ dir: path.join(blocker, 'pdf') });
    assert.equal(await problem(cache.get('p', `${server.url}/pdf/good`, { http: noSleep })), 'write-failed');
  });

  it('remove() drops a file the viewer could not read', async () => {
    const cache = new PdfCache({ dir });
    await cache.get('p', `${server.url}/pdf/corrupt`, { http: noSleep });
    assert.equal(await cache.has('p'), true);
    await cache.remove('p');
    assert.equal(await cache.has('p'), false);
  });

  it('names files safely for any key, and two keys never share a file', () => {
    const names = ['2401.00001', '2401.00001v2', 'hep-th/9901001', '../../etc/passwd', 'a:b*c?', '', '論文'].map(
      pdfFileName,
    );
    for (const name of names) assert.match(name, /^[A-Za-z0-9._-]+\.pdf$/);
    assert.equal(new Set(names).size, names.length);
    assert.notEqual(pdfFileName('a/b'), pdfFileName('a_b'));
  });
});
