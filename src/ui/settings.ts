import * as vscode from 'vscode';
import { asciiEntries, type AsciiSetting, type BibEngine } from '../core/cite/bibDiscovery';
import type { EntryOptions } from '../core/cite/citePlan';
import type { KeyStyle } from '../core/cite/keys';
import { isSortOrder, type SortOrder } from '../core/feed/dayGroups';
import { checkContactEmail } from '../core/lookup/contactEmail';
import { isRangeKind, type RangeKind } from '../core/range';
import type { ReadingListSort } from '../core/tracking/readingList';

/** LitFeed's settings, read in one place with their defaults and bounds. */
export interface Settings {
  huggingFaceBaseUrl: string;
  /** Ask Hugging Face what it links to a paper when the paper is opened. */
  linkedArtifacts: boolean;
  range: RangeKind;
  sort: SortOrder;
  retentionDays: number;
  refreshOnStartup: boolean;
  timeoutMs: number;
  citation: CitationSettings;
  arxivBaseUrl: string;
  arxivCategories: string[];
  arxivMaxResults: number;
  watchKeywords: string[];
  watchAuthors: string[];
  notifyWatchMatches: boolean;
  autoRefreshHours: number;
  statusBar: boolean;
  readingListSort: ReadingListSort;
  /** The Reading List in a group per tag. */
  readingListGroupByTag: boolean;
  /** Where papers' notes go, as set (empty: the default, see ui/notes/paperNotes.ts). */
  notesFolder: string;
  pdf: PdfSettings;
  /** Base URLs of the cite-any-paper look-ups, unchecked (network.ts checks them). */
  lookupBaseUrls: { crossref: string; dblp: string; semanticScholar: string; aclAnthology: string };
  /** Sent with look-ups when set (Crossref's polite pool). */
  contactEmail?: string;
  zotero: ZoteroSettings;
}

export interface ZoteroSettings {
  /** Zotero's local server, unchecked (ui/zotero checks it is on this computer). */
  url: string;
  /** .bib files Better BibTeX keeps exported, workspace-relative (core/zotero/autoExport.ts). */
  autoExportFiles: string[];
}

export interface PdfSettings {
  /** `internal`: a LitFeed tab; `external`: the system's browser or PDF reader, as before. */
  viewer: 'internal' | 'external';
  /** The downloaded PDFs' folder is kept under this many bytes. */
  cacheBytes: number;
  /** Download every saved paper's PDF in the background. */
  keepSavedOffline: boolean;
  /** Where arXiv serves PDFs (`<base>/pdf/<id>`), unchecked (network.ts checks it). */
  arxivBaseUrl: string;
}

export interface CitationSettings {
  keyStyle: KeyStyle;
  /** Set when `keyStyle` is `custom` in the settings UI. */
  keyTemplate?: string;
  latexCommand: string;
  /** `auto`: ASCII escapes when the document's bibliography is read by classic BibTeX. */
  ascii: AsciiSetting;
  fallback: 'entry' | 'plain';
  /** Cite a preprint's published version when a look-up found one. */
  preferPublished: boolean;
}

/**
 * The options every BibTeX entry LitFeed writes is made with, from the citation settings and
 * the program that reads the bibliography (undefined when there is no document, or it names
 * no bibliography: `auto` then writes UTF-8).
 */
export function entryOptions(citation: CitationSettings, engine?: BibEngine): EntryOptions {
  return {
    keyStyle: citation.keyStyle,
    ascii: asciiEntries(citation.ascii, engine),
    preferPublished: citation.preferPublished,
    ...(engine === 'typst' ? { typst: true } : {}),
    ...(citation.keyTemplate ? { keyTemplate: citation.keyTemplate } : {}),
  };
}

export const SECTION = 'litfeed';

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const range = c.get<string>('feed.range');
  const sort = c.get<string>('feed.sort');
  return {
    huggingFaceBaseUrl: c.get<string>('sources.huggingFace.baseUrl') || 'https://huggingface.co',
    linkedArtifacts: c.get<boolean>('huggingFace.linkedArtifacts') ?? true,
    range: isRangeKind(range) ? range : 'week',
    sort: isSortOrder(sort) ? sort : 'upvotes',
    retentionDays: clamp(Math.floor(c.get<number>('cache.retentionDays') ?? 30), 1, 3650),
    refreshOnStartup: c.get<boolean>('refreshOnStartup') ?? true,
    timeoutMs: clamp(c.get<number>('network.timeoutSeconds') ?? 20, 1, 300) * 1000,
    citation: readCitationSettings(c),
    arxivBaseUrl: c.get<string>('sources.arxiv.baseUrl') || 'https://export.arxiv.org',
    arxivCategories: strings(c.get<unknown>('sources.arxiv.categories')),
    arxivMaxResults: clamp(Math.floor(c.get<number>('sources.arxiv.maxResults') ?? 100), 1, 500),
    watchKeywords: strings(c.get<unknown>('watch.keywords')),
    watchAuthors: strings(c.get<unknown>('watch.authors')),
    notifyWatchMatches: c.get<boolean>('watch.notify') ?? true,
    autoRefreshHours: clamp(c.get<number>('autoRefresh.intervalHours') ?? 6, 0, 168),
    statusBar: c.get<boolean>('statusBar.enabled') ?? true,
    readingListSort: readingSort(c.get<string>('readingList.sort')),
    readingListGroupByTag: c.get<boolean>('readingList.groupByTag') === true,
    notesFolder: (c.get<string>('notes.folder') ?? '').trim(),
    pdf: {
      viewer: c.get<string>('pdf.viewer') === 'external' ? 'external' : 'internal',
      cacheBytes: clamp(Math.floor(c.get<number>('pdf.cacheSizeMB') ?? 500), 10, 100_000) * 1024 * 1024,
      keepSavedOffline: c.get<boolean>('pdf.keepSavedPapersOffline') ?? false,
      arxivBaseUrl: c.get<string>('sources.arxivPdf.baseUrl') || 'https://arxiv.org',
    },
    lookupBaseUrls: {
      crossref: c.get<string>('sources.crossref.baseUrl') || 'https://api.crossref.org',
      dblp: c.get<string>('sources.dblp.baseUrl') || 'https://dblp.org',
      semanticScholar: c.get<string>('sources.semanticScholar.baseUrl') || 'https://api.semanticscholar.org',
      aclAnthology: c.get<string>('sources.aclAnthology.baseUrl') || 'https://aclanthology.org',
    },
    zotero: {
      url: c.get<string>('zotero.url')?.trim() || 'http://127.0.0.1:23119',
      autoExportFiles: strings(c.get<unknown>('zotero.autoExportFiles')),
    },
    ...optionalEmail(checkContactEmail(c.get<unknown>('network.contactEmail'))),
  };
}

function strings(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return [
    ...new Set(
      value
        .filter((v): v is string => typeof v === 'string')
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

function optionalEmail(email: string | undefined): { contactEmail?: string } {
  return email === undefined ? {} : { contactEmail: email };
}

function readingSort(value: unknown): ReadingListSort {
  return value === 'title' || value === 'date' ? value : 'saved';
}

/** Writes a user-level setting (the views' sort, range and grouping pickers persist their choice). */
export function updateSetting(
  key: 'feed.range' | 'feed.sort' | 'readingList.sort' | 'readingList.groupByTag',
  value: string | boolean,
): Thenable<void> {
  return vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}

function readCitationSettings(c: vscode.WorkspaceConfiguration): CitationSettings {
  const style = c.get<string>('citation.keyStyle');
  const template = c.get<string>('citation.keyTemplate')?.trim();
  const fallback = c.get<string>('citation.otherLanguages');
  return {
    keyStyle: style === 'google' || style === 'bbt' || style === 'zotero' ? style : 'arxiv',
    ...(style === 'custom' && template ? { keyTemplate: template } : {}),
    latexCommand: c.get<string>('citation.latexCommand')?.trim() || 'cite',
    ascii: asciiSetting(c.get<unknown>('citation.asciiBibtex')),
    fallback: fallback === 'plain' ? 'plain' : 'entry',
    preferPublished: c.get<boolean>('citation.preferPublished') ?? true,
  };
}

/** `true`/`false` as settings.json has held them since before `auto`; anything else is `auto`. */
function asciiSetting(value: unknown): AsciiSetting {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return 'auto';
}
