/**
 * The PDF tab as a reader sees it in code-server: "Open PDF" from a feed row downloads the
 * paper's PDF from a loopback server and pdf.js draws its pages; find counts and walks the
 * matches; the page and zoom come back when the tab is opened again and after the window reloads. (Broken PDFs: the
 * integration suite, 14-pdf.)
 * Screenshots: test-results/e2e-pdf-page.png, e2e-pdf-find.png, e2e-pdf-restored.png.
 */
import * as assert from 'assert';
import type { Frame, Page } from 'playwright-core';
import { PDF_WORDS, pdfFixture } from '../fixtures/server/pdfFixture';
import { startLoopbackServer, type LoopbackServer } from '../unit/helpers/loopbackServer';
import {
  contextMenuOnRow,
  runFromPalette,
  selectRow,
  showFeedRow,
  startWorkbench,
  waitFor,
  webviewFrame,
  type Workbench,
} from './e2eSupport';

// test/fixtures/server/papers.json: a paper in the fixture feed (its arXiv id gets the good PDF).
const PAPER = 'Fixture Paper Eta: Typeset Abstracts for Quadratic Attention';

async function pdfFrame(page: Page, timeoutMs = 30_000): Promise<Frame> {
  return webviewFrame(page, '#viewerContainer', timeoutMs);
}

/** How many of the first page canvas's pixels are not white: a drawn page has text on it. */
async function inkOnFirstPage(frame: Frame): Promise<number> {
  return frame.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('.page[data-page-number="1"] canvas');
    const context = canvas?.getContext('2d');
    if (!canvas || !context || canvas.width === 0) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 128 && data[i + 3] > 0) ink++;
    return ink;
  });
}

describe('PDF tab in code-server (e2e)', function () {
  this.timeout(120_000);
  let wb: Workbench;
  let pdfServer: LoopbackServer;

  before(async function () {
    this.timeout(240_000);
    const fixture = pdfFixture();
    pdfServer = await startLoopbackServer((req, res) => {
      if (!fixture.handle(req, res)) res.writeHead(404).end();
    });
    wb = await startWorkbench('pdf', {
      'litfeed.sources.arxivPdf.baseUrl': pdfServer.url,
      // The suite's 5 s is for the offline tests; on a machine with both cores busy a download
      // can take longer, and these tests are about the viewer (14-pdf tests the failures).
      'litfeed.network.timeoutSeconds': 30,
    });
  });

  after(async () => {
    await wb?.shot('pdf-last').catch(() => undefined);
    await wb?.close();
    await pdfServer?.close();
  });

  it('"Open PDF" on a feed row downloads the PDF and draws its pages, text selectable', async () => {
    await showFeedRow(wb.page, PAPER);
    await selectRow(wb.page, PAPER);
    await contextMenuOnRow(wb.page, PAPER, 'Open PDF');
    const frame = await pdfFrame(wb.page);
    await waitFor('three pages in the viewer', async () => (await frame.locator('#viewer .page').count()) === 3).catch(
      async (err: unknown) => {
        // What the tab says instead (a download that failed, a worker that did not start).
        const status = await frame
          .locator('#status')
          .innerText({ timeout: 1000 })
          .catch(() => '');
        throw new Error(`${String(err)}; the tab says: ${JSON.stringify(status)}`);
      },
    );
    await waitFor('the first page drawn', async () => (await inkOnFirstPage(frame)) > 200);
    await waitFor('the text layer of page 1', async () =>
      (await frame.locator('.page[data-page-number="1"] .textLayer').innerText()).includes(PDF_WORDS.page1),
    );
    assert.strictEqual(await frame.locator('#pageCount').innerText(), 'of 3');
    assert.strictEqual(await frame.locator('#pageNumber').inputValue(), '1');
    await wb.shot('pdf-page');
  });

  it('find counts the matches and Enter walks to the next one, on page 3', async () => {
    const frame = await pdfFrame(wb.page);
    await frame.locator('#findInput').fill('quokka');
    await waitFor('"1 of 2" matches', async () => (await frame.locator('#findResult').innerText()) === '1 of 2');
    await frame.locator('#findInput').press('Enter');
    await waitFor('"2 of 2" matches', async () => (await frame.locator('#findResult').innerText()) === '2 of 2');
    await waitFor('page 3 reached', async () => (await frame.locator('#pageNumber').inputValue()) === '3');
    assert.ok((await frame.locator('.textLayer .highlight').count()) >= 1, 'the match is highlighted');
    await wb.shot('pdf-find');
  });

  it('opens again at the same page and zoom after the tab was closed', async () => {
    let frame = await pdfFrame(wb.page);
    await frame.locator('#zoom').selectOption('page-fit');
    await frame.locator('#pageNumber').fill('2');
    await frame.locator('#pageNumber').press('Enter');
    await waitFor('page 2 shown', async () => (await frame.locator('#pageNumber').inputValue()) === '2');
    await runFromPalette(wb.page, 'View: Close Editor');
    await waitFor('the PDF tab closed', async () => (await wb.page.locator('.tab', { hasText: 'PDF:' }).count()) === 0);
    await selectRow(wb.page, PAPER);
    await contextMenuOnRow(wb.page, PAPER, 'Open PDF');
    frame = await pdfFrame(wb.page);
    await waitFor('the PDF drawn again', async () => (await frame.locator('#viewer .page').count()) === 3);
    await waitFor('page 2 again', async () => (await frame.locator('#pageNumber').inputValue()) === '2');
    assert.strictEqual(await frame.locator('#zoom').inputValue(), 'page-fit');
  });

  it('keeps the page and the zoom across "Developer: Reload Window"', async function () {
    // A reload starts a new extension host, which on a busy machine takes its time to activate.
    this.timeout(300_000);
    let frame = await pdfFrame(wb.page);
    await frame.locator('#pageNumber').fill('3');
    await frame.locator('#pageNumber').press('Enter');
    await waitFor('page 3 shown', async () => (await frame.locator('#pageNumber').inputValue()) === '3');
    await runFromPalette(wb.page, 'Developer: Reload Window');
    await wb.page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 120_000 });
    frame = await pdfFrame(wb.page, 150_000);
    await waitFor('the PDF drawn again', async () => (await frame.locator('#viewer .page').count()) === 3, 60_000);
    await waitFor('page 3 again', async () => (await frame.locator('#pageNumber').inputValue()) === '3');
    assert.strictEqual(await frame.locator('#zoom').inputValue(), 'page-fit');
    await wb.shot('pdf-restored');
  });
});
