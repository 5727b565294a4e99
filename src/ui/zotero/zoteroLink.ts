import * as vscode from 'vscode';
import type { BibEngine } from '../../core/cite/bibDiscovery';
import type { ForeignEntry } from '../../core/cite/citePlan';
import { checkLoopbackUrl } from '../../core/net/baseUrl';
import type { HttpOptions } from '../../core/net/http';
import type { Paper } from '../../core/paper';
import { isAutoExport } from '../../core/zotero/autoExport';
import {
  BBT_TRANSLATORS,
  bbtReady,
  exportEntries,
  findPaper,
  searchItems,
  type BbtItem,
  type BbtOptions,
} from '../../core/zotero/betterBibtex';
import { ping, saveItems, selectedCollection } from '../../core/zotero/connector';
import { ZoteroError } from '../../core/zotero/zoteroError';
import { zoteroItem } from '../../core/zotero/zoteroItem';
import type { ZoteroSettings } from '../settings';

/** Shorter than the network's: Zotero is on this machine, or not there at all. */
const ZOTERO_TIMEOUT_MS = 10_000;

/** What one Save to Zotero did, per paper, for the message and the tests. */
export interface ZoteroSaveReport {
  /** Where Zotero put the items: the selected collection, or the library. */
  collection: string;
  saved: Array<{ id: string; title: string; itemType: string; authors: number; pdf: boolean }>;
}

/** The words for each way talking to Zotero fails, with what to do about it. */
export function zoteroMessage(err: unknown): string {
  if (!(err instanceof ZoteroError)) return vscode.l10n.t('LitFeed: Zotero failed: {0}', String(err));
  switch (err.kind) {
    case 'not-running':
      return vscode.l10n.t(
        'LitFeed: Zotero does not answer at its local address. Start Zotero (or check the setting litfeed.zotero.url) and try again.',
      );
    case 'timeout':
      return vscode.l10n.t(
        'LitFeed: Zotero took too long to answer. Nothing was changed; try again once Zotero is idle.',
      );
    case 'no-bbt':
      return vscode.l10n.t(
        'LitFeed: Better BibTeX does not answer in Zotero. Install the Better BibTeX add-on in Zotero (Tools → Plugins), restart Zotero and try again.',
      );
    case 'bbt-old':
      return vscode.l10n.t(
        'LitFeed: this Better BibTeX is too old for LitFeed. Update it in Zotero (Tools → Plugins → Check for Updates) and try again.',
      );
    case 'refused':
      return vscode.l10n.t(
        'LitFeed: Zotero refused the save ({0}). Nothing was saved; select a library you can edit in Zotero and try again.',
        err.detail,
      );
    case 'failed':
      return vscode.l10n.t('LitFeed: Zotero failed: {0}', err.detail);
  }
}

/**
 * Everything LitFeed asks Zotero (its connector server and Better BibTeX), always at the one
 * loopback address the settings give; a setting pointing elsewhere is refused before any request.
 */
export class ZoteroLink {
  constructor(
    private readonly settings: () => ZoteroSettings,
    private readonly http: () => HttpOptions,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  private options(): BbtOptions {
    const check = checkLoopbackUrl(this.settings().url);
    if (!check.ok) {
      throw new ZoteroError(
        'failed',
        vscode.l10n.t('the setting {0} is refused: {1}', 'litfeed.zotero.url', check.reason),
      );
    }
    const http = this.http();
    return {
      baseUrl: check.url,
      http: { ...http, timeoutMs: Math.min(http.timeoutMs ?? ZOTERO_TIMEOUT_MS, ZOTERO_TIMEOUT_MS) },
    };
  }

  /** Saves the papers as Zotero items in one go, into the collection selected in Zotero. */
  async save(papers: readonly Paper[]): Promise<ZoteroSaveReport> {
    const options = this.options();
    await ping(options);
    const target = await selectedCollection(options);
    if (!target.editable) {
      throw new ZoteroError('refused', vscode.l10n.t('the library "{0}" is read-only', target.libraryName));
    }
    const items = papers.map((paper, i) => zoteroItem(paper, `litfeed-${i + 1}`));
    await saveItems(options, `litfeed-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, items);
    const report: ZoteroSaveReport = {
      collection: target.name,
      saved: items.map((item, i) => ({
        id: papers[i].id,
        title: item.title,
        itemType: item.itemType,
        authors: item.creators.length,
        pdf: item.attachments.length > 0,
      })),
    };
    for (const s of report.saved) {
      this.log.info(
        `Zotero: saved ${s.id} as ${s.itemType} (${s.authors} authors${s.pdf ? ', PDF link' : ''}) into "${report.collection}"`,
      );
    }
    return report;
  }

  /** Better BibTeX's version; throws a ZoteroError when it cannot be used. */
  ready(): Promise<string> {
    return bbtReady(this.options());
  }

  search(terms: string): Promise<BbtItem[]> {
    return searchItems(this.options(), terms);
  }

  /** The entries of Zotero items, as Better BibTeX exports them for this bibliography's engine. */
  export(items: readonly BbtItem[], engine: BibEngine | undefined): Promise<string[]> {
    const options = this.options();
    const translator = engine === 'biber' ? BBT_TRANSLATORS.biblatex : BBT_TRANSLATORS.bibtex;
    return Promise.all(items.map((item) => exportEntries(options, [item.citekey], translator, item.library)));
  }

  /** Better BibTeX's key and entry for each paper Zotero has (by paper id). */
  async entriesFor(papers: readonly Paper[], engine: BibEngine | undefined): Promise<Map<string, ForeignEntry>> {
    const options = this.options();
    await bbtReady(options);
    const found = new Map<string, ForeignEntry>();
    for (const paper of papers) {
      const item = await findPaper(options, paper);
      if (!item) continue;
      const [text] = await this.export([item], engine);
      found.set(paper.id, { key: item.citekey, text });
    }
    return found;
  }

  /** Whether Better BibTeX keeps `bib` exported, so LitFeed must never edit it. */
  isAutoExport(bib: vscode.Uri, text: string): boolean {
    return isAutoExport(vscode.workspace.asRelativePath(bib, false), text, this.settings().autoExportFiles);
  }
}
