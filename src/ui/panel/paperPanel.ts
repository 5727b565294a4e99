/**
 * The abstract view, host side: one reusable webview panel beside the editor (like the
 * Markdown preview), restored after a window reload. The page gets paper data by message,
 * never markup; links it asks for open only through the allow-list in core/view/linkPolicy.
 */
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import type { Paper } from '../../core/paper';
import { paperViewModel, type PaperViewModel } from '../../core/view/paperView';
import { hfLinksView, type HfLinksView } from '../../core/view/hfLinksView';
import { MAX_SIMILAR, similarView, type SimilarView } from '../../core/view/similarView';
import type { HfLinks } from '../../core/hfLinks/hfLinks';
import type { HfLinksLoad } from '../../core/hfLinks/hfLinksService';
import { PAPER_VIEW_TYPE } from '../commandIds';
import { isAbstractFont, paperHtml, type AbstractFont } from './paperHtml';
import { linkLabels, pageStrings } from './pageStrings';
import type { CitedPlace, PaperCitations } from '../refs/citedPlaces';
import {
  MAX_PLACES,
  NOT_CITED,
  readPageMessage,
  readSavedPaper,
  readSavedPaperId,
  type CitedList,
  type HostMessage,
  type PageAction,
} from '../../webview/protocol';
import { errorMessage } from '../../core/guards';
import { SECTION } from '../settings';
import { openCheckedLink } from './openCheckedLink';

const FONT_SETTING = 'abstractView.font';

/** What the panel's buttons do; supplied by activate(). */
export interface PaperPanelDeps {
  cite(paper: Paper): unknown;
  copyBibtex(paper: Paper): unknown;
  /** The paper's notes file, created the first time. */
  openNotes(paper: Paper): unknown;
  /** Saves the paper as a Zotero item (ui/zotero). */
  saveToZotero(paper: Paper): unknown;
  /** The paper's PDF, in a LitFeed tab or outside VS Code as the settings say. */
  openPdf(paper: Paper): unknown;
  /** "Tag Paper…" (which saves an unsaved paper); the panel reads `tagsOf` again once it settles. */
  tagPaper(paper: Paper): unknown;
  tagsOf(paper: Paper): readonly string[];
  /** May return a promise; the panel reads `isSaved` again once it settles. */
  toggleSaved(paper: Paper): unknown;
  isSaved(paper: Paper): boolean;
  /** A fresher copy of a restored paper from the cache, when there is one. */
  findPaper?(id: string): Paper | undefined;
  /** Where the workspace cites papers; without it the page shows no "Cited in" section. */
  citations?: PaperCitations;
  /**
   * What Hugging Face links to an arXiv paper: the cached answer, then the latest; undefined
   * when the setting is off. Without it the page shows no "On Hugging Face" section.
   */
  linkedArtifacts?(arxivId: string): HfLinksLoad | undefined;
  /** The papers of the local library most like `paper`, best first; without it the page shows no "Similar papers". */
  similarTo?(paper: Paper): Promise<readonly { paper: Paper; similarity: number }[]>;
  /** Opens a paper of the "Similar papers" list (reads its whole record, marks it read). */
  open?(paper: Paper): unknown;
  log?: Logger;
}

export interface PaperPanelHandle extends vscode.Disposable {
  /** Shows `paper` in the panel, creating it beside the editor or reusing it. */
  show(paper: Paper, options?: { preserveFocus?: boolean }): void;
  /** Re-reads `isSaved` and `tagsOf` (after the reading list changed elsewhere). */
  refreshSaved(): void;
  /**
   * Takes over a panel VS Code restored after a reload (its serializer is registered at
   * start-up, before this module is loaded, and hands the panel here).
   */
  restore(webviewPanel: vscode.WebviewPanel, state: unknown): void;
}

const TITLE_MAX = 40;

export function createPaperPanel(context: { extensionUri: vscode.Uri }, deps: PaperPanelDeps): PaperPanelHandle {
  const panel = new PaperPanel(context.extensionUri, deps);
  return {
    show: (paper, options) => panel.show(paper, options?.preserveFocus ?? true),
    refreshSaved: () => panel.refreshSaved(),
    restore: (webviewPanel, state) => panel.restore(webviewPanel, state),
    dispose: () => panel.dispose(),
  };
}

class PaperPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private paper: Paper | undefined;
  private model: PaperViewModel | undefined;
  /** Whether the page that is loaded now has said `ready`; a hidden panel's page is gone. */
  private ready = false;
  private listeners: vscode.Disposable[] = [];
  /** The places last sent to the page: its `openPlace` index points into this list. */
  private places: readonly CitedPlace[] = [];
  private sent: CitedList = NOT_CITED;
  /** The "On Hugging Face" section of the shown paper, once an answer came. */
  private hfLinks: HfLinksView | undefined;
  /** The "Similar papers" of the shown paper, once found: the page's `openSimilar` index points into it. */
  private similar: { view: SimilarView; papers: Paper[] } | undefined;
  /** Lives as long as the panel object, across the webview panels it shows in. */
  private readonly citationsListener: vscode.Disposable | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly deps: PaperPanelDeps,
  ) {
    this.citationsListener = deps.citations?.onDidChange(() => this.refreshCited());
  }

  show(paper: Paper, preserveFocus: boolean): void {
    if (this.panel) {
      this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, preserveFocus);
    } else {
      const panel = vscode.window.createWebviewPanel(
        PAPER_VIEW_TYPE,
        vscode.l10n.t('Paper'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
        { ...this.webviewOptions(), retainContextWhenHidden: false, enableFindWidget: true },
      );
      this.attach(panel);
    }
    this.display(paper);
  }

  restore(webviewPanel: vscode.WebviewPanel, state: unknown): void {
    const id = readSavedPaperId(state);
    const paper = (id !== undefined ? this.deps.findPaper?.(id) : undefined) ?? readSavedPaper(state);
    // One reusable panel: a second restored one, or one with nothing to show, goes away.
    if (!paper || this.panel) {
      webviewPanel.dispose();
      return;
    }
    this.attach(webviewPanel);
    this.display(paper);
  }

  refreshSaved(): void {
    if (this.paper) this.post({ type: 'saved', saved: this.isSaved(this.paper), tags: this.tagsOf(this.paper) });
  }

  dispose(): void {
    this.citationsListener?.dispose();
    this.panel?.dispose();
    this.detach();
  }

  private webviewOptions(): vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      enableForms: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'litfeed.svg');
    panel.webview.options = this.webviewOptions();
    this.render(panel);
    this.listeners.push(
      panel.webview.onDidReceiveMessage((data: unknown) => this.onMessage(data)),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        // Without retainContextWhenHidden the page is torn down when hidden and says `ready` again.
        if (!webviewPanel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.detach()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        // A new document rather than a message: the font is in the HTML, so a page VS Code
        // reloads later is drawn in the same font. The page says `ready` and is shown again.
        if (e.affectsConfiguration(`${SECTION}.${FONT_SETTING}`)) this.render(panel);
      }),
    );
  }

  private render(panel: vscode.WebviewPanel): void {
    const media = (...parts: string[]) =>
      panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', ...parts)).toString();
    this.ready = false;
    panel.webview.html = paperHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: media('dist', 'paperView.js'),
      styleUri: media('paperView.css'),
      katexStyleUri: media('dist', 'katex', 'katex.min.css'),
      lang: vscode.env.language,
      font: abstractFont(),
    });
  }

  private detach(): void {
    for (const l of this.listeners) l.dispose();
    this.listeners = [];
    this.panel = undefined;
    this.paper = undefined;
    this.model = undefined;
    this.places = [];
    this.sent = NOT_CITED;
    this.hfLinks = undefined;
    this.similar = undefined;
    this.ready = false;
  }

  private display(paper: Paper): void {
    this.paper = paper;
    this.model = paperViewModel(paper, { locale: vscode.env.language, linkLabels: linkLabels() });
    if (this.panel) this.panel.title = truncate(this.model.title || vscode.l10n.t('Paper'), TITLE_MAX);
    // What the feed knows shows at once; Hugging Face's answer fills the section when it comes.
    this.hfLinks = hfLinksView(paper, undefined);
    this.similar = undefined;
    this.postShow();
    this.loadHfLinks(paper);
    this.loadSimilar(paper);
  }

  private loadSimilar(paper: Paper): void {
    const find = this.deps.similarTo;
    if (!find) return;
    Promise.resolve()
      .then(() => find(paper))
      .then(
        (hits) => {
          // The reader may have moved on to another paper meanwhile.
          if (this.paper !== paper) return;
          const shown = hits.slice(0, MAX_SIMILAR);
          this.similar = { view: similarView(paper.id, shown), papers: shown.map((h) => h.paper) };
          this.post({ type: 'similar', similar: this.similar.view });
        },
        (err: unknown) => this.log(`finding papers similar to ${paper.id} failed: ${errorMessage(err)}`),
      );
  }

  private openSimilar(index: number, title: string): void {
    const paper = this.similar?.papers[index];
    // A click on a list the host has replaced since: the index may now name another paper.
    if (!paper || this.similar?.view.items[index]?.title !== title) {
      this.log(`ignored a click on a paper the paper view no longer lists (${index})`);
      return;
    }
    Promise.resolve(this.deps.open ? this.deps.open(paper) : this.show(paper, true)).then(undefined, (err: unknown) => {
      this.log(`opening ${paper.id} failed: ${errorMessage(err)}`);
      vscode.window.showErrorMessage(vscode.l10n.t('LitFeed: that did not work. The LitFeed log has the details.'));
    });
  }

  private loadHfLinks(paper: Paper): void {
    const arxivId = paper.arxivId;
    if (arxivId === undefined || !this.deps.linkedArtifacts) return;
    let load: HfLinksLoad | undefined;
    try {
      load = this.deps.linkedArtifacts(arxivId);
    } catch (err) {
      // A refused base URL setting: reported where the feed is refreshed, quiet here.
      this.log(`Hugging Face links for ${arxivId} not asked: ${errorMessage(err)}`);
      return;
    }
    if (!load) return;
    const take = (links: HfLinks | undefined) => {
      // The reader may have moved on to another paper meanwhile.
      if (!links || this.paper !== paper) return;
      this.hfLinks = hfLinksView(paper, links);
      if (this.hfLinks) this.post({ type: 'hfLinks', links: this.hfLinks });
    };
    const quiet = (err: unknown) => this.log(`Hugging Face links for ${arxivId}: ${errorMessage(err)}`);
    load.cached.then(take, quiet);
    load.latest.then(take, quiet);
  }

  private postShow(): void {
    if (!this.paper || !this.model) return;
    this.post({
      type: 'show',
      model: this.model,
      saved: this.isSaved(this.paper),
      tags: this.tagsOf(this.paper),
      strings: pageStrings(),
      paper: this.paper,
      cited: this.citedList(this.paper),
    });
    if (this.hfLinks) this.post({ type: 'hfLinks', links: this.hfLinks });
    if (this.similar) this.post({ type: 'similar', similar: this.similar.view });
  }

  private refreshCited(): void {
    if (!this.paper) return;
    const before = this.sent;
    const cited = this.citedList(this.paper);
    // The index may change on every edit; a page whose list reads the same keeps its focus.
    if (before.more === cited.more && sameLabels(before.labels, cited.labels)) return;
    this.post({ type: 'cited', paperId: this.paper.id, cited });
  }

  /** Reads the places afresh and keeps the ones sent, for the page's clicks to index. */
  private citedList(paper: Paper): CitedList {
    const citations = this.deps.citations;
    let all: readonly CitedPlace[] = [];
    try {
      if (citations?.isCited(paper)) all = citations.places(paper);
    } catch (err) {
      this.log(`reading where the paper is cited failed: ${errorMessage(err)}`);
    }
    this.places = all.slice(0, MAX_PLACES);
    this.sent =
      this.places.length === 0
        ? NOT_CITED
        : { labels: this.places.map((p) => p.label), more: all.length - this.places.length };
    return this.sent;
  }

  private post(message: HostMessage): void {
    if (!this.panel || !this.ready) return;
    this.panel.webview
      .postMessage(message)
      .then(undefined, (err: unknown) => this.log(`posting to the paper view failed: ${errorMessage(err)}`));
  }

  private onMessage(data: unknown): void {
    const message = readPageMessage(data);
    if (!message) {
      this.log('ignored a malformed message from the paper view');
      return;
    }
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.postShow();
        return;
      case 'openLink':
        this.openLink(message.url);
        return;
      case 'openPlace':
        this.openPlace(message.index, message.label);
        return;
      case 'openSimilar':
        this.openSimilar(message.index, message.title);
        return;
      case 'action':
        this.runAction(message.action).catch((err: unknown) => {
          this.log(`paper view action ${message.action} failed: ${errorMessage(err)}`);
          vscode.window.showErrorMessage(vscode.l10n.t('LitFeed: that did not work. The LitFeed log has the details.'));
        });
        return;
    }
  }

  private async runAction(action: PageAction): Promise<void> {
    const paper = this.paper;
    if (!paper) return;
    switch (action) {
      case 'cite':
        await this.deps.cite(paper);
        return;
      case 'copyBibtex':
        await this.deps.copyBibtex(paper);
        return;
      case 'save':
        await this.deps.toggleSaved(paper);
        this.refreshSaved();
        return;
      case 'openNotes':
        await this.deps.openNotes(paper);
        return;
      case 'tags':
        await this.deps.tagPaper(paper);
        this.refreshSaved();
        return;
      case 'saveToZotero':
        await this.deps.saveToZotero(paper);
        return;
      case 'openPdf':
        await this.deps.openPdf(paper);
        return;
      case 'openHuggingFace':
        this.openModelLink('huggingFace');
        return;
    }
  }

  private openModelLink(kind: 'huggingFace'): void {
    const link = this.model?.links.find((l) => l.kind === kind);
    if (link) this.openLink(link.url);
  }

  private openLink(url: string): void {
    openCheckedLink(url, this.paper, (message) => this.log(message));
  }

  private openPlace(index: number, label: string): void {
    const place = this.places[index];
    // A click on a list the host has replaced since: the index may now name another place.
    if (!place || place.label !== label) {
      this.log(`ignored a click on a place the paper view no longer lists (${index})`);
      return;
    }
    const at = new vscode.Range(place.line, place.character, place.line, place.character);
    Promise.resolve()
      .then(() =>
        vscode.window.showTextDocument(vscode.Uri.parse(place.uri, true), {
          selection: at,
          viewColumn: this.editorColumn(),
        }),
      )
      .then(undefined, (err: unknown) => {
        this.log(`opening ${place.label} failed: ${errorMessage(err)}`);
        vscode.window.showErrorMessage(vscode.l10n.t('LitFeed: that did not work. The LitFeed log has the details.'));
      });
  }

  /**
   * The column of a text editor other than this panel, so the document opens where the
   * writer was writing rather than over the abstract; the first column when there is none.
   */
  private editorColumn(): vscode.ViewColumn {
    const own = this.panel?.viewColumn;
    const columns = [
      vscode.window.activeTextEditor?.viewColumn,
      ...(vscode.window.visibleTextEditors ?? []).map((e) => e.viewColumn),
    ];
    return columns.find((c) => c !== undefined && c !== own) ?? vscode.ViewColumn.One;
  }

  private isSaved(paper: Paper): boolean {
    try {
      return this.deps.isSaved(paper);
    } catch (err) {
      this.log(`reading the reading list failed: ${errorMessage(err)}`);
      return false;
    }
  }

  private tagsOf(paper: Paper): string[] {
    try {
      return [...this.deps.tagsOf(paper)];
    } catch (err) {
      this.log(`reading the paper's tags failed: ${errorMessage(err)}`);
      return [];
    }
  }

  private log(message: string): void {
    this.deps.log?.warn(message);
  }
}

function abstractFont(): AbstractFont {
  const value = vscode.workspace.getConfiguration(SECTION).get<unknown>(FONT_SETTING);
  return isAbstractFont(value) ? value : 'ui';
}

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((label, i) => label === b[i]);
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}
