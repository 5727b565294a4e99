// Issue 16's PDF tab in a real VS Code: "Open PDF" downloads a paper's PDF from a loopback
// server into the download cache and the page draws it (the command resolves with what the
// page reported); opening it again reuses the tab and the file; broken answers (a damaged or
// password-protected PDF, a web page, a 404, a cut download) are reported and never cached;
// "Make PDF Available Offline" downloads what is missing. The file sets its own PDF server
// and removes the files it made.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Paper } from '../../src/core';
import { pdfFileName } from '../../src/core/pdf/pdfCache';
import { PDF_IDS, pdfFixture, type PdfFixture } from '../fixtures/server/pdfFixture';
import { startLoopbackServer, type LoopbackServer } from '../unit/helpers/loopbackServer';
import { activate, keepSettings, setSetting, type LitFeedApi } from './helpers';

function pdfPaper(arxivId: string, title = `PDF test paper ${arxivId}`): Paper {
  return {
    id: arxivId,
    arxivId,
    title,
    authors: ['Petra Pdf'],
    abstract: '',
    aiKeywords: [],
    links: { arxivAbs: `https://arxiv.org/abs/${arxivId}` },
    source: 'hf-daily',
  };
}

function pdfTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('litfeed.pdf'));
}

describe('PDF tab (integration)', function () {
  this.timeout(90_000);
  const restore = keepSettings('sources.arxivPdf.baseUrl', 'pdf.viewer');
  let api: LitFeedApi;
  let server: LoopbackServer;
  let fixture: PdfFixture;
  const GOOD = pdfPaper(PDF_IDS.good, 'A Paper Whose PDF Opens');
  const OTHER = pdfPaper('2601.10001');
  const cached = (paper: Paper) => fs.existsSync(path.join(api.storageDir, 'pdf', pdfFileName(paper.id)));

  before(async () => {
    api = await activate();
    fixture = pdfFixture();
    server = await startLoopbackServer((req, res) => {
      if (!fixture.handle(req, res)) res.writeHead(404).end();
    });
    // Nothing an earlier run left behind.
    fs.rmSync(path.join(api.storageDir, 'pdf'), { recursive: true, force: true });
    await setSetting('sources.arxivPdf.baseUrl', server.url);
    await setSetting('pdf.viewer', 'internal');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await restore();
    await server?.close();
    fs.rmSync(path.join(api.storageDir, 'pdf'), { recursive: true, force: true });
  });

  it('"Open PDF" downloads the PDF into the cache and shows its three pages in a tab', async () => {
    const result = await vscode.commands.executeCommand('litfeed.openPdf', GOOD);
    assert.deepStrictEqual(result, { status: 'shown', pages: 3 });
    assert.ok(cached(GOOD), 'the PDF is in the download cache');
    const tabs = pdfTabs();
    assert.strictEqual(tabs.length, 1);
    assert.strictEqual(tabs[0].label, 'PDF: A Paper Whose PDF Opens');
  });

  it('opening it again reuses the tab and the cached file', async () => {
    const before = fixture.hits.get('good') ?? 0;
    const result = await vscode.commands.executeCommand('litfeed.openPdf', GOOD);
    assert.deepStrictEqual(result, { status: 'shown', pages: 3 });
    assert.strictEqual(pdfTabs().length, 1);
    assert.strictEqual(fixture.hits.get('good') ?? 0, before, 'nothing downloaded again');
  });

  const broken: [keyof typeof PDF_IDS, string][] = [
    ['corrupt', 'invalid'],
    ['encrypted', 'password'],
    ['html', 'not-pdf'],
    ['missing', 'not-found'],
    ['cut', 'truncated'],
  ];
  for (const [name, problem] of broken) {
    it(`a ${name} PDF is reported (${problem}) in its tab and leaves nothing in the cache`, async () => {
      const paper = pdfPaper(PDF_IDS[name]);
      const result = await vscode.commands.executeCommand('litfeed.openPdf', paper);
      assert.deepStrictEqual(result, { status: 'failed', problem });
      assert.ok(!cached(paper), `no cached file for the ${name} PDF`);
    });
  }

  it('a paper without an arXiv id or a PDF link says there is no PDF', async () => {
    const paper: Paper = { ...pdfPaper('x'), id: 'no-pdf-paper', arxivId: undefined, links: {} };
    const result = await vscode.commands.executeCommand('litfeed.openPdf', paper);
    assert.deepStrictEqual(result, { status: 'failed', problem: 'no-pdf' });
  });

  it('"Make PDF Available Offline" downloads what is missing and counts what failed', async () => {
    assert.ok(!cached(OTHER));
    const report = await vscode.commands.executeCommand('litfeed.makeAvailableOffline', [
      GOOD,
      OTHER,
      pdfPaper(PDF_IDS.missing),
    ]);
    assert.deepStrictEqual(report, { downloaded: 1, cached: 1, failed: 1, without: 0, cancelled: false });
    assert.ok(cached(OTHER), 'the missing PDF was downloaded');
  });
});
