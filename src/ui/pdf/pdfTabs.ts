/**
 * The PDF tabs, host side: one webview tab per paper, drawn by pdf.js in the page. The host
 * finds the file (the download cache, or a download shown with progress in the tab), hands the
 * bytes to the page, and keeps where the reader was, so a tab reopened later or restored after
 * a reload opens at the same page and zoom. A file the page cannot read leaves the cache.
 */
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { errorMessage } from '../../core/guards';
import type { Paper } from '../../core/paper';
import { PdfCache, PdfError, type PdfProblem } from '../../core/pdf/pdfCache';
import { pdfSourceOf, type PdfSource } from '../../core/pdf/pdfSource';
import {
  readPdfTabRecords,
  withPdfTabRecord,
  type PdfTabRecord,
  type PdfViewState,
} from '../../core/pdf/pdfViewStates';
import {
  readPdfPageMessage,
  readPdfPageState,
  type PdfHostMessage,
  type PdfLoadFailure,
} from '../../webview/pdf/pdfProtocol';
import { PDF_VIEW_TYPE } from '../commandIds';
import type { Network } from '../network';
import { openCheckedLink } from '../panel/openCheckedLink';
import type { Settings } from '../settings';
import { pdfHtml } from './pdfHtml';
import { pdfProblemTitle, pdfStrings } from './pdfStrings';

export type PdfOpenResult =
  | { status: 'shown'; pages: number }
  | { status: 'failed'; problem: PdfProblem | PdfLoadFailure | 'no-pdf' }
  | { status: 'external' };

export interface PdfTabsDeps {
  extensionUri: vscode.Uri;
  storage: vscode.Uri;
  memento: vscode.Memento;
  settings(): Settings;
  net: Network;
  log: vscode.LogOutputChannel;
}

const RECORDS_KEY = 'litfeed.pdfTabs';
const DEFAULT_VIEW: PdfViewState = { page: 1, scale: 'page-width' };
const TITLE_MAX = 36;
/** Progress messages to the page at most this often: enough to look live, few enough to cost nothing. */
const PROGRESS_EVERY_MS = 150;

type TabInfo = PdfSource & { title: string };

export class PdfTabs implements vscode.Disposable {
  private readonly tabs = new Map<string, PdfTab>();
  private cached: PdfCache | undefined;

  constructor(private readonly deps: PdfTabsDeps) {}

  /** The download cache, made again when its size setting changed. */
  cache(): PdfCache {
    const bytes = this.deps.settings().pdf.cacheBytes;
    if (this.cached?.maxTotalBytes !== bytes) {
      this.cached = new PdfCache({
        dir: vscode.Uri.joinPath(this.deps.storage, 'pdf').fsPath,
        maxTotalBytes: bytes,
        log: this.deps.log,
      });
    }
    return this.cached;
  }

  /** Where `paper`'s PDF is downloaded from; undefined when LitFeed knows none. */
  sourceOf(paper: Paper): PdfSource | undefined {
    return pdfSourceOf(paper, this.deps.net.arxivPdf());
  }

  /** Downloads `paper`'s PDF into the cache unless it is there; the arXiv gate applies. */
  async download(paper: Paper, signal?: AbortSignal): Promise<'cached' | 'downloaded'> {
    const source = this.sourceOf(paper);
    if (!source) throw new PdfError('not-found', 'LitFeed knows no PDF for this paper');
    const cache = this.cache();
    if (await cache.has(paper.id)) return 'cached';
    await cache.fetch(paper.id, source.url, {
      http: this.deps.net.http(signal),
      gate: (url, task, s) => this.deps.net.arxivGate.run(url, task, s),
    });
    return 'downloaded';
  }

  /**
   * Shows `paper`'s PDF: in its tab (made or revealed), or outside VS Code when the settings
   * say so. Resolves once the page has drawn the PDF or said why it cannot.
   */
  async open(paper: Paper): Promise<PdfOpenResult> {
    const source = this.sourceOf(paper);
    if (!source) {
      vscode.window.showInformationMessage(pdfProblemTitle('no-pdf'));
      return { status: 'failed', problem: 'no-pdf' };
    }
    if (this.deps.settings().pdf.viewer === 'external') {
      openCheckedLink(source.browserUrl, paper, (m) => this.deps.log.warn(m));
      return { status: 'external' };
    }
    const open = this.tabs.get(paper.id);
    if (open) {
      open.panel.reveal(open.panel.viewColumn, false);
      return open.outcome();
    }
    const panel = vscode.window.createWebviewPanel(
      PDF_VIEW_TYPE,
      tabTitle(paper.title),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      // The page holds the parsed PDF, its scroll position and the find state; rebuilding all of
      // that on every tab switch would lose the reader's place for a moment each time.
      { ...this.webviewOptions(), retainContextWhenHidden: true },
    );
    return this.attach(panel, paper.id, { title: paper.title, ...source }, paper).outcome();
  }

  /** Takes over a tab VS Code restored after a reload (the serializer is registered at start-up). */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    const saved = readPdfPageState(state);
    const record = saved ? this.records()[saved.paperId] : undefined;
    if (!saved || !record || this.tabs.has(saved.paperId)) {
      panel.dispose();
      return;
    }
    panel.webview.options = this.webviewOptions();
    this.attach(panel, saved.paperId, record, undefined, { page: saved.page, scale: saved.scale });
  }

  dispose(): void {
    for (const tab of [...this.tabs.values()]) tab.panel.dispose();
  }

  records(): Record<string, PdfTabRecord> {
    return readPdfTabRecords(this.deps.memento.get<unknown>(RECORDS_KEY));
  }

  private remember(id: string, info: TabInfo, view: PdfViewState): void {
    const record: PdfTabRecord = { ...info, ...view, at: Date.now() };
    this.deps.memento
      .update(RECORDS_KEY, withPdfTabRecord(this.records(), id, record))
      .then(undefined, (err: unknown) => this.deps.log.warn(`saving the PDF tab's place failed: ${errorMessage(err)}`));
  }

  private webviewOptions(): vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      enableForms: false,
      localResourceRoots: [vscode.Uri.joinPath(this.deps.extensionUri, 'media')],
    };
  }

  private attach(
    panel: vscode.WebviewPanel,
    id: string,
    info: TabInfo,
    paper: Paper | undefined,
    view?: PdfViewState,
  ): PdfTab {
    const place: PdfViewState = view ?? this.records()[id] ?? DEFAULT_VIEW;
    this.remember(id, info, place);
    const tab = new PdfTab(panel, id, info, paper, place, {
      cache: () => this.cache(),
      net: this.deps.net,
      log: this.deps.log,
      remember: (state) => this.remember(id, info, state),
      html: (webview) => this.html(webview, id),
    });
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'litfeed.svg');
    this.tabs.set(id, tab);
    panel.onDidDispose(() => this.tabs.delete(id));
    return tab;
  }

  private html(webview: vscode.Webview, id: string): string {
    const media = (...parts: string[]) =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'media', ...parts)).toString();
    const folder = (name: string) => `${media('dist', 'pdfjs', name)}/`;
    return pdfHtml({
      cspSource: webview.cspSource,
      scriptUri: media('dist', 'pdfView.js'),
      styleUri: media('pdfView.css'),
      viewerStyleUri: media('dist', 'pdfjs', 'pdf_viewer.css'),
      workerUri: media('dist', 'pdfjs', 'pdf.worker.min.mjs'),
      cMapUri: folder('cmaps'),
      standardFontUri: folder('standard_fonts'),
      wasmUri: folder('wasm'),
      iccUri: folder('iccs'),
      paperId: id,
      strings: pdfStrings(),
      lang: vscode.env.language,
    });
  }
}

interface TabDeps {
  cache(): PdfCache;
  net: Network;
  log: vscode.LogOutputChannel;
  remember(state: PdfViewState): void;
  html(webview: vscode.Webview): string;
}

/** One PDF tab: its page, the download behind it, and the outcome of the last attempt to show it. */
class PdfTab {
  private ready = false;
  private downloading: AbortController | undefined;
  private settle: ((result: PdfOpenResult) => void) | undefined;
  private current: Promise<PdfOpenResult>;
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly id: string,
    private readonly info: TabInfo,
    private readonly paper: Paper | undefined,
    private place: PdfViewState,
    private readonly deps: TabDeps,
  ) {
    this.current = this.attempt();
    const listeners = [
      panel.webview.onDidReceiveMessage((data: unknown) => this.onMessage(data)),
      panel.onDidDispose(() => {
        this.disposed = true;
        this.downloading?.abort();
        this.finish({ status: 'failed', problem: 'cancelled' });
        for (const l of listeners) l.dispose();
      }),
    ];
    panel.webview.html = deps.html(panel.webview);
  }

  outcome(): Promise<PdfOpenResult> {
    return this.current;
  }

  private attempt(): Promise<PdfOpenResult> {
    return new Promise((resolve) => (this.settle = resolve));
  }

  private finish(result: PdfOpenResult): void {
    this.settle?.(result);
    this.settle = undefined;
  }

  private onMessage(data: unknown): void {
    const message = readPdfPageMessage(data);
    if (!message) {
      this.deps.log.warn('ignored a malformed message from a PDF tab');
      return;
    }
    switch (message.type) {
      case 'ready':
        this.ready = true;
        void this.load();
        return;
      case 'loaded':
        this.finish({ status: 'shown', pages: message.pages });
        return;
      case 'failed':
        void this.unreadable(message.reason, message.detail);
        return;
      case 'viewState':
        this.place = message.state;
        this.deps.remember(message.state);
        return;
      case 'openLink':
        openCheckedLink(message.url, this.paper, (m) => this.deps.log.warn(m));
        return;
      case 'openInBrowser':
        openCheckedLink(this.info.browserUrl, this.paper, (m) => this.deps.log.warn(m));
        return;
      case 'retry':
        if (!this.settle) this.current = this.attempt();
        void this.load();
        return;
      case 'cancel':
        this.downloading?.abort();
        return;
    }
  }

  private post(message: PdfHostMessage): void {
    if (!this.ready || this.disposed) return;
    this.panel.webview
      .postMessage(message)
      .then(undefined, (err: unknown) => this.deps.log.warn(`posting to a PDF tab failed: ${errorMessage(err)}`));
  }

  private async load(): Promise<void> {
    this.downloading?.abort();
    const controller = new AbortController();
    this.downloading = controller;
    const cache = this.deps.cache();
    let lastProgress = 0;
    let file: string;
    try {
      file =
        (await cache.open(this.id)) ??
        (await cache.fetch(this.id, this.info.url, {
          http: this.deps.net.http(controller.signal),
          gate: (url, task, signal) => this.deps.net.arxivGate.run(url, task, signal),
          onProgress: (received, total) => {
            const now = Date.now();
            if (now - lastProgress < PROGRESS_EVERY_MS) return;
            lastProgress = now;
            this.post({ type: 'progress', received, ...(total !== undefined ? { total } : {}) });
          },
        }));
    } catch (err) {
      if (this.downloading === controller) this.downloading = undefined;
      if (this.disposed) return;
      const problem: PdfProblem = err instanceof PdfError ? err.problem : 'unavailable';
      this.deps.log.warn(`the PDF of ${this.id} (${this.info.url}) could not be had: ${errorMessage(err)}`);
      this.post({
        type: 'error',
        title: pdfProblemTitle(problem),
        detail: errorMessage(err),
        retry: problem !== 'too-large',
      });
      this.finish({ status: 'failed', problem });
      return;
    }
    if (this.downloading === controller) this.downloading = undefined;
    try {
      const bytes = await fs.readFile(file);
      // A copy with a buffer of its own: a Buffer may be a window on a larger shared one.
      this.post({ type: 'load', data: new Uint8Array(bytes), state: this.place });
    } catch (err) {
      this.deps.log.warn(`reading the cached PDF ${file} failed: ${errorMessage(err)}`);
      this.post({ type: 'error', title: pdfProblemTitle('write-failed'), detail: errorMessage(err), retry: true });
      this.finish({ status: 'failed', problem: 'write-failed' });
    }
  }

  /** The page could not read the file: it leaves the cache, so that trying again downloads it afresh. */
  private async unreadable(reason: PdfLoadFailure, detail: string): Promise<void> {
    this.deps.log.warn(`the PDF of ${this.id} could not be shown (${reason}): ${detail}`);
    await this.deps.cache().remove(this.id);
    this.post({ type: 'error', title: pdfProblemTitle(reason), detail, retry: reason !== 'password' });
    this.finish({ status: 'failed', problem: reason });
  }
}

function tabTitle(title: string): string {
  const chars = [...(title || 'PDF')];
  const short =
    chars.length <= TITLE_MAX
      ? title
      : `${chars
          .slice(0, TITLE_MAX - 1)
          .join('')
          .trimEnd()}…`;
  return vscode.l10n.t('PDF: {0}', short);
}
