/**
 * Everything LitFeed does beyond drawing the cached feed: the network, search, citations,
 * the paper panel, the arXiv view's fetching, and the commands' bodies. Built as its own
 * bundle (`dist/features.js`) that `extension.ts` loads on first use — the first command,
 * completion in a citation, a restored panel, a refresh — or once the first screen is drawn
 * when something there needs it (a start-up refresh, arXiv categories). See docs/performance.md.
 */
import * as vscode from 'vscode';
import { ArxivFeed } from './core/feed/arxivFeed';
import { errorMessage } from './core/guards';
import { fetchHfLinks } from './core/hfLinks/hfLinks';
import { HfLinksCache } from './core/hfLinks/hfLinksCache';
import { HfLinksService } from './core/hfLinks/hfLinksService';
import type { Paper } from './core/paper';
import { PaperLibrary } from './core/search/library';
import { fetchDailyPapers } from './core/sources/huggingface';
import { ArxivController } from './ui/arxiv/arxivController';
import { Citer } from './ui/cite/citations';
import { CiteCompletionProvider } from './ui/cite/citeCompletion';
import { commandHandlers, type App } from './ui/commands';
import { exportReadingList } from './ui/cite/exportReadingList';
import { BibTargetFinder } from './ui/cite/bibTarget';
import { citeById, lookUpPaper } from './ui/lookup/citeById';
import { LookedUpPapers } from './ui/lookup/lookedUpPapers';
import { updatePreprints } from './ui/lookup/updatePreprints';
import type { Features, Host } from './ui/host';
import { network } from './ui/network';
import { createPaperPanel } from './ui/panel/paperPanel';
import { LatexProject } from './ui/refs/latexProject';
import { liveBibliography } from './ui/refs/liveBibliography';
import { remoteSearch } from './ui/search/remoteSearch';
import { showSearchPick } from './ui/search/searchPick';
import { showWatched } from './ui/tracking/showWatched';
import { openNotes } from './ui/notes/paperNotes';
import { NotesIndex } from './ui/notes/notesIndex';
import { PdfTabs } from './ui/pdf/pdfTabs';
import { makeAvailableOffline, OfflineKeeper } from './ui/pdf/offlinePdfs';
import { citeFromZotero } from './ui/zotero/citeFromZotero';
import { saveToZotero } from './ui/zotero/saveToZotero';
import { ZoteroLink, zoteroMessage } from './ui/zotero/zoteroLink';
import { ForYou } from './ui/recs/forYou';
import { keptSignals } from './ui/recs/signals';
import { papersForDocument } from './ui/recs/papersForDocument';
import { workerTrainer } from './core/recs/workerTrain';

/** Papers the abstract view lists as similar to the one it shows. */
const SIMILAR_PAPERS = 5;

export function createFeatures(host: Host): Features {
  const { context, log, settings, today, store, user, marker, feed, tree, arxivTree, readingList } = host;
  const net = network(
    String(context.extension.packageJSON.version ?? '0.0.0'),
    settings,
    log,
    context.globalStorageUri,
  );
  const library = new PaperLibrary(store, ['hf-daily', 'hf-search', 'arxiv', 'lookup'], log);
  const lookedUp = new LookedUpPapers(store, log);
  library.add(user.savedPapers());
  library.add(feed.papers());

  const cite = (paper: Paper) => vscode.commands.executeCommand('litfeed.cite', paper);
  const saving = {
    toggleSaved: (paper: Paper) => user.toggleSaved(paper),
    isSaved: (paper: Paper) => user.isSaved(paper),
  };
  const latexProject = new LatexProject();
  const targets = new BibTargetFinder(log, latexProject);
  const zotero = new ZoteroLink(
    () => settings().zotero,
    () => net.http(),
    log,
  );
  const citer = new Citer(() => settings().citation, log, targets, {
    entriesFor: (papers, engine) => zotero.entriesFor(papers, engine),
    isAutoExport: (bib, text) => zotero.isAutoExport(bib, text),
    describe: zoteroMessage,
  });
  const lookUpDeps = {
    services: () => net.lookup(),
    preferPublished: () => settings().citation.preferPublished,
    keep: async (papers: Paper[]) => {
      await lookedUp.keep(papers, today());
      library.add(papers);
    },
    log,
  };
  const live = liveBibliography({
    targets,
    citer,
    library,
    known: async ({ arxivId }) => (arxivId !== undefined ? library.paper(arxivId) : undefined),
    lookUp: (text) => lookUpPaper(lookUpDeps, text, vscode.l10n.t('Nothing was added.')),
    log,
  });
  const hfLinks = new HfLinksService({
    cache: new HfLinksCache(vscode.Uri.joinPath(context.globalStorageUri, 'hf-links').fsPath, { log }),
    fetch: (baseUrl, arxivId) => fetchHfLinks({ baseUrl, arxivId, http: net.http() }),
    log,
  });
  // The panel subscribes to where papers are cited when it is made.
  const paperPanel = createPaperPanel(context, {
    cite,
    copyBibtex: (paper) => vscode.commands.executeCommand('litfeed.copyBibtex', paper),
    openNotes: (paper) => vscode.commands.executeCommand('litfeed.openNotes', paper),
    saveToZotero: (paper) => vscode.commands.executeCommand('litfeed.saveToZotero', paper),
    openPdf: (paper) => vscode.commands.executeCommand('litfeed.openPdf', paper),
    tagPaper: (paper) => vscode.commands.executeCommand('litfeed.tagPaper', paper),
    tagsOf: (paper) => user.tagsOf(paper),
    ...saving,
    findPaper: (id) => library.get(id),
    citations: live.workspace,
    linkedArtifacts: (arxivId) => (settings().linkedArtifacts ? hfLinks.load(net.huggingFace(), arxivId) : undefined),
    similarTo: (paper) => library.similar(paper, SIMILAR_PAPERS),
    open: (paper) => openPaper(paper),
    log,
  });
  const redrawRows = () => {
    tree.redraw();
    readingList.refresh();
    arxivTree.redraw();
  };
  marker.setCitations(live.workspace);
  const notesDeps = { settings, storage: context.globalStorageUri, log };
  // What the notes say of their papers: searched, and a signal for the "For you" model.
  let notePapers: readonly Paper[] = [];
  const notes = new NotesIndex(notesDeps, (papers) => {
    library.setNotes(papers);
    notePapers = papers;
    forYou.poke();
  });
  marker.setNotes(notes);
  const forYou: ForYou = new ForYou({
    root: context.globalStorageUri.fsPath,
    signals: () =>
      keptSignals({
        saved: user.savedPapers(),
        notes: notePapers,
        cited: (max) => live.workspace.citedPapers(max),
        whole: (id) => library.get(id),
      }),
    trainer: workerTrainer(),
    wanted: () => settings().sort === 'forYou',
    shown: () => [...feed.papers(), ...arxivTree.allPapers()],
    changed: () => {
      feed.redraw();
      arxivTree.redraw();
      arxiv.showMessage();
    },
    log,
  });
  marker.setRanking(forYou);
  const pdfTabs = new PdfTabs({
    extensionUri: context.extensionUri,
    storage: context.globalStorageUri,
    memento: context.globalState,
    settings,
    net,
    log,
  });
  const offline = new OfflineKeeper(
    pdfTabs,
    () => user.savedPapers(),
    () => settings().pdf.keepSavedOffline,
    log,
  );
  offline.poke();
  const disposables: vscode.Disposable[] = [
    pdfTabs,
    offline,
    { dispose: () => library.dispose() },
    paperPanel,
    citer.trackEditors(),
    latexProject,
    live,
    live.workspace.onDidChange(redrawRows),
    { dispose: () => marker.setCitations(undefined) },
    notes,
    notes.onDidChange(redrawRows),
    { dispose: () => marker.setNotes(undefined) },
    forYou,
    live.workspace.onDidChange(() => forYou.poke()),
    { dispose: () => marker.setRanking(undefined) },
  ];
  // Rows drawn so far do not know what is cited; the workspace is read in the background.
  redrawRows();
  live.workspace.ready().catch((err) => log.warn(`reading the workspace's citations failed: ${errorMessage(err)}`));
  const arxiv = new ArxivController({
    ...host,
    listings: new ArxivFeed({ store, gate: net.arxivGate, log }),
    library,
    net,
  });
  void forYou.check();
  // A search hit is the paper's summary; the whole record is read from its day files.
  const whole = async (paper: Paper) => (await library.paper(paper.id)) ?? paper;
  const openPaper = async (paper: Paper) => {
    paperPanel.show(await whole(paper));
    await user.markRead([paper]);
  };

  const app: App = {
    ...host,
    citer,
    openPaper,
    openNotes: async (paper) => {
      const editor = await openNotes(notesDeps, await whole(paper));
      // A folder outside the workspace may not report the new file.
      await notes.reload();
      return editor;
    },
    openPdf: async (paper) => pdfTabs.open(await whole(paper)),
    saveToZotero: async (papers) => saveToZotero(zotero, await Promise.all(papers.map(whole))),
    citeFromZotero: (citekeys) => citeFromZotero(zotero, citer, citekeys),
    makeAvailableOffline: (papers) => makeAvailableOffline(pdfTabs, papers, log),
    knownPapers: () => {
      const seen = new Set<string>();
      return [...feed.papers(), ...user.savedPapers(), ...arxivTree.allPapers(), ...lookedUp.papers()].filter(
        (p) => !seen.has(p.id) && seen.add(p.id),
      );
    },
    search: () =>
      showSearchPick({
        library,
        open: openPaper,
        cite: async (paper) => cite(await whole(paper)),
        toggleSaved: async (paper) => user.toggleSaved(await whole(paper)),
        isSaved: saving.isSaved,
        searchRemote: remoteSearch({ store, library, net, today, log }),
        lookUp: (query) => app.citeById(query),
        citations: live.workspace,
      }),
    setFilter: (filter) => {
      tree.setFilter(filter);
      vscode.commands.executeCommand('setContext', 'litfeed.filtered', filter !== undefined);
      feed.redraw();
    },
    refreshArxiv: () => arxiv.refresh(false),
    exportReadingList: (papers = user.savedPapers(), fileName) =>
      exportReadingList(papers, settings().citation, fileName),
    showWatched: () => showWatched(tree.watchedPapers(), marker, openPaper),
    papersForDocument: () =>
      papersForDocument({
        rank: (text, limit, exclude, signal) => library.similarToText(text, limit, { exclude, signal }),
        bibliography: (doc) => live.bibs.forDocument(doc),
        open: openPaper,
        cite: async (paper) => cite(await whole(paper)),
        log,
      }),
    citeById: (query) =>
      citeById(
        { ...lookUpDeps, cite: async (papers) => vscode.commands.executeCommand('litfeed.cite', papers) },
        query,
      ),
    findMissingKey: live.findMissingKey,
    replaceCitationKey: live.replaceCitationKey,
    updatePreprints: (bib, options) => updatePreprints({ services: () => net.lookup(), targets, log }, bib, options),
  };
  const completion = new CiteCompletionProvider(() => app.knownPapers(), citer, live.bibs);

  return {
    commands: commandHandlers(app),
    fetchRange: (range, signal) => fetchDailyPapers({ baseUrl: net.huggingFace(), range, http: net.http(signal) }),
    restorePanel: (panel, state) => paperPanel.restore(panel, state),
    restorePdf: (panel, state) => pdfTabs.restore(panel, state),
    provideCompletionItems: (doc, position) => completion.provideCompletionItems(doc, position),
    citations: live.features,
    reloadArxiv: () => arxiv.reload(),
    refreshArxiv: (quiet) => arxiv.refresh(quiet),
    showWatched: (papers = tree.watchedPapers()) => showWatched(papers, marker, openPaper),
    feedRefreshed: () => library.add(feed.papers()),
    userChanged: () => {
      paperPanel.refreshSaved();
      library.add(user.savedPapers());
      offline.poke();
      forYou.poke();
    },
    settingsChanged: (before) => {
      arxiv.settingsChanged(before);
      notes.settingsChanged();
      offline.poke();
      if (settings().sort !== before.sort) void forYou.check();
    },
    dispose: () => {
      for (const d of disposables) d.dispose();
    },
  };
}
