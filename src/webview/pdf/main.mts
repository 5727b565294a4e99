/**
 * The PDF tab's page script (bundled by esbuild into media/dist/pdfView.js with pdf.js). The
 * host sends the file's bytes; pdf.js parses them in a worker made from the extension's own
 * copy of pdf.worker (fetched from the extension's files, started from a blob: a webview cannot
 * start a worker from its resource origin). The toolbar is in the HTML the host wrote; this
 * script wires it to pdf.js's viewer: pages, zoom, find, links, and the state kept across
 * reloads.
 */
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import {
  EventBus,
  FindState,
  PDFFindController,
  PDFLinkService,
  PDFViewer,
} from 'pdfjs-dist/legacy/web/pdf_viewer.mjs';
import { isScale } from '../../core/pdf/pdfViewStates.js';
import {
  readPdfHostMessage,
  readPdfPageState,
  type PdfLoadFailure,
  type PdfPageMessage,
  type PdfPageState,
  type PdfViewState,
} from './pdfProtocol.js';

interface VsCodeApi {
  postMessage(message: PdfPageMessage): void;
  getState(): unknown;
  setState(state: PdfPageState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const ZOOM_STEPS = ['0.5', '0.75', '1', '1.25', '1.5', '2', '3'];

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the PDF page has no #${id}`);
  return found as T;
}

function strings(): Record<string, string> {
  try {
    return JSON.parse(document.body.dataset.strings ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

function format(template: string | undefined, ...args: (string | number)[]): string {
  return (template ?? '').replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

async function start(): Promise<void> {
  const vscode = acquireVsCodeApi();
  const text = strings();
  const paperId = document.body.dataset.paperId ?? '';
  const container = element<HTMLDivElement>('viewerContainer');
  const status = element<HTMLDivElement>('status');
  const pageInput = element<HTMLInputElement>('pageNumber');
  const pageCount = element<HTMLSpanElement>('pageCount');
  const zoomSelect = element<HTMLSelectElement>('zoom');
  const findInput = element<HTMLInputElement>('findInput');
  const findResult = element<HTMLSpanElement>('findResult');
  const toolbar = element<HTMLDivElement>('toolbar');

  const saved = readPdfPageState(vscode.getState());
  let wanted: PdfViewState = saved && saved.paperId === paperId ? saved : { page: 1, scale: 'page-width' };
  let loadedDoc: pdfjs.PDFDocumentProxy | undefined;
  // pdf.js reports page 1 while it lays a new document out; until the wanted place is applied,
  // what it reports is not where the reader was.
  let placed = false;

  pdfjs.GlobalWorkerOptions.workerPort = await startWorker(document.body.dataset.worker ?? '');

  const eventBus = new EventBus();
  const linkService = new PDFLinkService({ eventBus });
  const findController = new PDFFindController({ eventBus, linkService });
  const viewer = new PDFViewer({ container, eventBus, linkService, findController });
  linkService.setViewer(viewer);

  const remember = () => {
    if (!loadedDoc || !placed) return;
    wanted = { page: viewer.currentPageNumber, scale: scaleValue() };
    vscode.setState({ ...wanted, paperId });
    vscode.postMessage({ type: 'viewState', state: wanted });
  };
  const scaleValue = (): string => {
    const preset = viewer.currentScaleValue;
    if (isScale(preset) && !/^\d/.test(preset)) return preset;
    const rounded = String(Math.round(viewer.currentScale * 100) / 100);
    return isScale(rounded) ? rounded : 'page-width';
  };

  eventBus.on('pagesinit', () => {
    viewer.currentScaleValue = wanted.scale;
    viewer.currentPageNumber = Math.min(wanted.page, viewer.pagesCount);
    pageInput.value = String(viewer.currentPageNumber);
    showZoom();
    placed = true;
  });
  eventBus.on('pagechanging', ({ pageNumber }: { pageNumber: number }) => {
    pageInput.value = String(pageNumber);
    remember();
  });
  eventBus.on('scalechanging', () => {
    showZoom();
    remember();
  });
  const showMatches = ({ current, total }: { current: number; total: number }) => {
    findResult.textContent =
      total > 0 ? format(text.matches, current, total) : findInput.value ? (text.noMatches ?? '') : '';
  };
  eventBus.on('updatefindmatchescount', ({ matchesCount }: { matchesCount: { current: number; total: number } }) =>
    showMatches(matchesCount),
  );
  eventBus.on(
    'updatefindcontrolstate',
    ({ state, matchesCount }: { state: number; matchesCount: { current: number; total: number } }) => {
      if (state === FindState.NOT_FOUND) findResult.textContent = text.noMatches ?? '';
      else if (state !== FindState.PENDING) showMatches(matchesCount);
    },
  );

  function showZoom(): void {
    const value = viewer.currentScaleValue;
    const option = [...zoomSelect.options].find((o) => o.value === value);
    let custom = zoomSelect.querySelector<HTMLOptionElement>('option[data-custom]');
    if (option) {
      custom?.remove();
      zoomSelect.value = value;
      return;
    }
    if (!custom) {
      custom = document.createElement('option');
      custom.dataset.custom = '';
      zoomSelect.append(custom);
    }
    custom.value = String(viewer.currentScale);
    custom.textContent = `${Math.round(viewer.currentScale * 100)}%`;
    zoomSelect.value = custom.value;
  }

  const find = (again: boolean, previous = false) => {
    eventBus.dispatch('find', {
      source: null,
      type: again ? 'again' : '',
      query: findInput.value,
      caseSensitive: false,
      entireWord: false,
      highlightAll: true,
      findPrevious: previous,
      matchDiacritics: false,
    });
  };
  const zoomBy = (direction: 1 | -1) => {
    if (!loadedDoc) return;
    if (direction > 0) viewer.increaseScale();
    else viewer.decreaseScale();
  };
  const goTo = (page: number) => {
    if (loadedDoc && Number.isInteger(page) && page >= 1 && page <= viewer.pagesCount) viewer.currentPageNumber = page;
    else pageInput.value = String(viewer.currentPageNumber || 1);
  };

  toolbar.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]');
    if (!button) return;
    switch (button.dataset.action) {
      case 'previousPage':
        goTo(viewer.currentPageNumber - 1);
        return;
      case 'nextPage':
        goTo(viewer.currentPageNumber + 1);
        return;
      case 'zoomOut':
        zoomBy(-1);
        return;
      case 'zoomIn':
        zoomBy(1);
        return;
      case 'findPrevious':
        find(true, true);
        return;
      case 'findNext':
        find(true);
        return;
      case 'openInBrowser':
        vscode.postMessage({ type: 'openInBrowser' });
        return;
    }
  });
  pageInput.addEventListener('change', () => goTo(Number(pageInput.value)));
  zoomSelect.addEventListener('change', () => {
    if (loadedDoc) viewer.currentScaleValue = zoomSelect.value;
  });
  findInput.addEventListener('input', () => find(false));
  findInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      find(true, event.shiftKey);
    } else if (event.key === 'Escape') {
      findInput.value = '';
      find(false);
      container.focus();
    }
  });

  document.addEventListener('keydown', (event) => {
    const mod = event.ctrlKey || event.metaKey;
    const inField = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement;
    if (mod && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      findInput.focus();
      findInput.select();
    } else if (event.key === 'F3') {
      event.preventDefault();
      find(true, event.shiftKey);
    } else if (mod && (event.key === '=' || event.key === '+')) {
      event.preventDefault();
      zoomBy(1);
    } else if (mod && event.key === '-') {
      event.preventDefault();
      zoomBy(-1);
    } else if (mod && event.key === '0') {
      event.preventDefault();
      if (loadedDoc) viewer.currentScaleValue = 'page-width';
    } else if (!inField && !mod && (event.key === 'n' || event.key === 'j')) {
      goTo(viewer.currentPageNumber + 1);
    } else if (!inField && !mod && (event.key === 'p' || event.key === 'k')) {
      goTo(viewer.currentPageNumber - 1);
    }
  });

  // Links inside the PDF: jumps within it are pdf.js's (href "#..."); anything else goes to
  // the host, which opens it only through the allow-list and VS Code's confirmation.
  container.addEventListener(
    'click',
    (event) => {
      const anchor = (event.target as HTMLElement).closest?.('a[href]');
      if (!anchor) return;
      const href = anchor.getAttribute('href') ?? '';
      if (href.startsWith('#')) return;
      event.preventDefault();
      event.stopPropagation();
      vscode.postMessage({ type: 'openLink', url: href });
    },
    true,
  );

  const showStatus = (html: { title: string; detail?: string; actions?: [string, () => void][] } | undefined) => {
    status.replaceChildren();
    status.hidden = html === undefined;
    container.hidden = html !== undefined;
    if (!html) return;
    const title = document.createElement('p');
    title.className = 'status-title';
    title.textContent = html.title;
    status.append(title);
    if (html.detail) {
      const detail = document.createElement('p');
      detail.className = 'status-detail';
      detail.textContent = html.detail;
      status.append(detail);
    }
    const actions = document.createElement('div');
    actions.className = 'status-actions';
    for (const [label, run] of html.actions ?? []) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = label;
      button.addEventListener('click', run);
      actions.append(button);
    }
    status.append(actions);
    actions.querySelector('button')?.focus();
  };
  const openInBrowser: [string, () => void] = [
    text.openInBrowser ?? 'Open in browser',
    () => vscode.postMessage({ type: 'openInBrowser' }),
  ];

  const load = async (data: Uint8Array, state: PdfViewState | undefined) => {
    if (state) wanted = state;
    showStatus({ title: text.opening ?? '' });
    try {
      const doc = await pdfjs.getDocument({
        data,
        isEvalSupported: false,
        useWorkerFetch: false,
        cMapUrl: document.body.dataset.cmaps,
        cMapPacked: true,
        standardFontDataUrl: document.body.dataset.fonts,
        wasmUrl: document.body.dataset.wasm,
        iccUrl: document.body.dataset.iccs,
      }).promise;
      await loadedDoc?.destroy();
      placed = false;
      loadedDoc = doc;
      showStatus(undefined);
      viewer.setDocument(doc);
      linkService.setDocument(doc, null);
      pageCount.textContent = format(text.ofPages, doc.numPages);
      pageInput.max = String(doc.numPages);
      pageInput.disabled = false;
      vscode.postMessage({ type: 'loaded', pages: doc.numPages });
    } catch (err) {
      const name = (err as { name?: unknown })?.name;
      const reason: PdfLoadFailure =
        name === 'PasswordException' ? 'password' : name === 'InvalidPDFException' ? 'invalid' : 'other';
      vscode.postMessage({ type: 'failed', reason, detail: String((err as Error)?.message ?? err).slice(0, 500) });
    }
  };

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = readPdfHostMessage(event.data);
    if (!message) return;
    switch (message.type) {
      case 'progress': {
        const got = formatBytes(message.received);
        showStatus({
          title:
            message.total !== undefined
              ? format(text.downloadingOf, got, formatBytes(message.total))
              : format(text.downloading, got),
          actions: [[text.cancel ?? 'Cancel', () => vscode.postMessage({ type: 'cancel' })]],
        });
        return;
      }
      case 'load':
        void load(message.data, message.state);
        return;
      case 'error':
        void loadedDoc?.destroy();
        loadedDoc = undefined;
        showStatus({
          title: message.title,
          detail: message.detail,
          actions: message.retry
            ? [openInBrowser, [text.tryAgain ?? 'Try again', () => vscode.postMessage({ type: 'retry' })]]
            : [openInBrowser],
        });
        return;
    }
  });

  showStatus({ title: text.opening ?? '' });
  for (const value of ZOOM_STEPS) {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = `${Math.round(Number(value) * 100)}%`;
    zoomSelect.append(option);
  }
  vscode.postMessage({ type: 'ready' });
}

const WORKER_ATTEMPTS = 3;

/** pdf.js's worker from the extension's files, started from a blob (see the top of this file). */
async function startWorker(url: string): Promise<Worker> {
  // The webview's own files come through VS Code's service worker, which on a busy machine can
  // fail a request now and then; without the worker the tab could never show a PDF.
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`loading the PDF worker failed (${response.status})`);
      return new Worker(URL.createObjectURL(await response.blob()), { type: 'module' });
    } catch (err) {
      if (attempt === WORKER_ATTEMPTS) throw err;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

const run = () => {
  start().catch((err: unknown) => {
    const status = document.getElementById('status');
    if (status) {
      status.hidden = false;
      status.textContent = String((err as Error)?.message ?? err);
    }
  });
};
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
else run();
