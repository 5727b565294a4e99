import * as assert from 'node:assert/strict';
import { pdfSourceOf } from '../../src/core/pdf/pdfSource';
import {
  MAX_PDF_RECORDS,
  isScale,
  readPdfTabRecords,
  readViewState,
  withPdfTabRecord,
  type PdfTabRecord,
} from '../../src/core/pdf/pdfViewStates';
import { pdfContentSecurityPolicy, pdfHtml, type PdfStrings } from '../../src/ui/pdf/pdfHtml';
import { readPdfHostMessage, readPdfPageMessage, readPdfPageState } from '../../src/webview/pdf/pdfProtocol';
import { arxivPaper, paper } from '../helpers/paper';

const KEYS: (keyof PdfStrings)[] = [
  'toolbar',
  'previousPage',
  'nextPage',
  'page',
  'ofPages',
  'zoomOut',
  'zoomIn',
  'zoom',
  'fitWidth',
  'fitPage',
  'automatic',
  'find',
  'findPrevious',
  'findNext',
  'matches',
  'noMatches',
  'openInBrowser',
  'tryAgain',
  'cancel',
  'opening',
  'downloading',
  'downloadingOf',
];
const STRINGS = Object.fromEntries(KEYS.map((k) => [k, `«${k}»`])) as unknown as PdfStrings;

describe('PDF tab: sources, places and the page protocol', () => {
  it('downloads an arXiv paper from the configured base and opens arxiv.org in the browser', () => {
    assert.deepEqual(pdfSourceOf(arxivPaper('2401.00001'), 'http://127.0.0.1:9/'), {
      url: 'http://127.0.0.1:9/pdf/2401.00001',
      browserUrl: 'https://arxiv.org/pdf/2401.00001',
    });
    assert.equal(
      pdfSourceOf(arxivPaper('hep-th/9901001'), 'https://arxiv.org')?.url,
      'https://arxiv.org/pdf/hep-th/9901001',
    );
  });

  it('uses a non-arXiv paper’s own https PDF link, and knows none without one', () => {
    const own = paper({ id: 'x', links: { pdf: 'https://aclanthology.org/2024.acl-long.1.pdf' } });
    assert.equal(pdfSourceOf(own, 'https://arxiv.org')?.url, 'https://aclanthology.org/2024.acl-long.1.pdf');
    assert.equal(
      pdfSourceOf(paper({ id: 'y', links: { pdf: 'http://insecure.example/p.pdf' } }), 'https://arxiv.org'),
      undefined,
    );
    assert.equal(pdfSourceOf(paper({ id: 'z' }), 'https://arxiv.org'), undefined);
  });

  it('reads a place only when the page and the zoom are sane', () => {
    assert.deepEqual(readViewState({ page: 3, scale: 'page-fit' }), { page: 3, scale: 'page-fit' });
    assert.deepEqual(readViewState({ page: 1, scale: '1.25' }), { page: 1, scale: '1.25' });
    for (const bad of [
      { page: 0, scale: 'auto' },
      { page: 1.5, scale: 'auto' },
      { page: 2, scale: '99' },
      { page: 2, scale: 'huge' },
      null,
      'x',
    ]) {
      assert.equal(readViewState(bad), undefined, JSON.stringify(bad));
    }
    assert.ok(isScale('0.5') && !isScale('-1') && !isScale('1e3'));
  });

  it('keeps the most recently used tab records, dropping malformed ones and the oldest past the limit', () => {
    const record = (at: number): PdfTabRecord => ({
      page: 1,
      scale: 'auto',
      title: 't',
      url: 'u',
      browserUrl: 'b',
      at,
    });
    assert.deepEqual(Object.keys(readPdfTabRecords({ a: record(1), b: { page: 'x' }, c: 7 })), ['a']);
    assert.deepEqual(readPdfTabRecords('corrupt'), {});
    let records = {};
    for (let i = 0; i < MAX_PDF_RECORDS + 5; i++) records = withPdfTabRecord(records, `p${i}`, record(i));
    const ids = Object.keys(records);
    assert.equal(ids.length, MAX_PDF_RECORDS);
    assert.ok(
      !ids.includes('p0') && !ids.includes('p4') && ids.includes('p5') && ids.includes(`p${MAX_PDF_RECORDS + 4}`),
    );
  });

  it('reads the page’s messages and refuses malformed ones', () => {
    assert.deepEqual(readPdfPageMessage({ type: 'loaded', pages: 3 }), { type: 'loaded', pages: 3 });
    assert.deepEqual(readPdfPageMessage({ type: 'failed', reason: 'weird', detail: 5 }), {
      type: 'failed',
      reason: 'other',
      detail: '',
    });
    assert.deepEqual(readPdfPageMessage({ type: 'viewState', state: { page: 2, scale: 'auto' } }), {
      type: 'viewState',
      state: { page: 2, scale: 'auto' },
    });
    for (const bad of [
      null,
      {},
      { type: 'loaded', pages: -1 },
      { type: 'viewState', state: {} },
      { type: 'openLink' },
      { type: 'eval' },
    ]) {
      assert.equal(readPdfPageMessage(bad), undefined, JSON.stringify(bad));
    }
    assert.deepEqual(readPdfPageState({ paperId: 'p', page: 4, scale: '2' }), { paperId: 'p', page: 4, scale: '2' });
    assert.equal(readPdfPageState({ page: 4, scale: '2' }), undefined);
  });

  it('reads the host’s messages: bytes only as bytes', () => {
    const data = new Uint8Array([37, 80, 68, 70]);
    assert.deepEqual(readPdfHostMessage({ type: 'load', data }), { type: 'load', data });
    assert.equal(readPdfHostMessage({ type: 'load', data: 'JVBERi0=' }), undefined);
    assert.deepEqual(readPdfHostMessage({ type: 'error', title: 'T', detail: 3, retry: 'yes' }), {
      type: 'error',
      title: 'T',
      detail: '',
      retry: false,
    });
  });

  it('the page’s policy loads scripts by nonce only, workers from blobs only, and nothing from the network', () => {
    const csp = pdfContentSecurityPolicy('https://cdn.example', 'N0NCE');
    assert.match(csp, /^default-src 'none'/);
    assert.match(csp, /script-src 'nonce-N0NCE' 'wasm-unsafe-eval'(;|$)/);
    assert.match(csp, /worker-src blob:(;|$)/);
    assert.match(csp, /connect-src https:\/\/cdn\.example(;|$)/);
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*/);
  });

  it('writes the toolbar’s words and the page’s addresses escaped, and carries no paper text', () => {
    const html = pdfHtml({
      cspSource: 'https://cdn.example',
      scriptUri: 'https://cdn.example/pdfView.js',
      styleUri: 's.css',
      viewerStyleUri: 'v.css',
      workerUri: 'w.mjs',
      cMapUri: 'c/',
      standardFontUri: 'f/',
      wasmUri: 'wasm/',
      iccUri: 'icc/',
      paperId: '"><script>alert(1)</script>',
      strings: { ...STRINGS, find: '<b>Find</b>' },
      nonce: 'N0NCE',
    });
    assert.doesNotMatch(html, /<script>alert/);
    assert.doesNotMatch(html, /<b>Find/);
    assert.match(html, /<script nonce="N0NCE" type="module" src="https:\/\/cdn\.example\/pdfView\.js"><\/script>/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    for (const id of ['pageNumber', 'zoom', 'findInput', 'findResult', 'viewerContainer', 'status']) {
      assert.match(html, new RegExp(`id="${id}"`));
    }
  });
});
