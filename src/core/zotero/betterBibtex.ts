/**
 * Better BibTeX's JSON-RPC endpoint, `POST <zotero>/better-bibtex/json-rpc` with
 * `{ jsonrpc: "2.0", method, params, id }`. Shapes verified in retorquere/zotero-better-bibtex,
 * content/json-rpc.ts, and its documentation (retorque.re/zotero-better-bibtex/exporting/json-rpc):
 *
 * - Every answer is HTTP 200 with `{ jsonrpc, result, id }` or `{ jsonrpc, error: { code,
 *   message }, id: null }`; an unknown method is error -32601 "Method not found: …".
 * - `api.ready()` → `{ zotero, betterbibtex }` (version strings). Versions without it are too
 *   old: their `item.export` answered `[200, "text/plain", text]` instead of the text.
 * - `item.search(terms: string, library?)` → items as CSL-JSON (`id` the item's URI, ending in
 *   its key; `title`, `author` [{ family, given } | { literal }], `issued` { "date-parts" },
 *   `DOI`, `URL`, `number` — where a preprint's archive ID goes) plus `library` (its name) and
 *   `citekey`. A string searches title, publication title, short title, year and citation key
 *   (not DOIs), so a paper is looked for by title and matched here by DOI, arXiv id or title.
 * - `item.export(citekeys, translator, libraryID?)` → the exported text; error -32602 when a
 *   key is missing or duplicated.
 * - There is no `autoexport.list`: auto-exports cannot be asked for (see autoExport.ts).
 */
import { isRecord } from '../guards';
import { postJson, type HttpOptions } from '../net/http';
import { normaliseArxivId, type Paper } from '../paper';
import { ZoteroError, zoteroFailure } from './zoteroError';

export interface BbtOptions {
  /** The checked loopback origin of Zotero's server. */
  baseUrl: string;
  http: HttpOptions;
}

/** One item of a search, as much of it as LitFeed shows or matches on. */
export interface BbtItem {
  citekey: string;
  title: string;
  /** The library's name: `item.export` takes it to find the key in that library. */
  library?: string;
  /** "Vaswani, Shazeer, …" for the pick list. */
  authors: string[];
  year?: string;
  doi?: string;
  /** The archive ID (`arXiv:2401.00001`) or report number, when Zotero has one. */
  number?: string;
  url?: string;
}

export const BBT_TRANSLATORS = { bibtex: 'Better BibTeX', biblatex: 'Better BibLaTeX' } as const;

const METHOD_NOT_FOUND = -32601;

/** The result of `method`, or a ZoteroError saying why there is none. */
export async function callBbt(options: BbtOptions, method: string, params: unknown[]): Promise<unknown> {
  let answer: unknown;
  try {
    answer = await postJson(
      `${options.baseUrl}/better-bibtex/json-rpc`,
      { jsonrpc: '2.0', method, params, id: 1 },
      { ...options.http, retries: 0 },
    );
  } catch (err) {
    throw zoteroFailure(err, 'no-bbt');
  }
  if (!isRecord(answer)) throw new ZoteroError('failed', `Better BibTeX answered ${method} with no JSON-RPC object`);
  if (isRecord(answer.error)) {
    const { code, message } = answer.error;
    const text = `Better BibTeX: ${typeof message === 'string' ? message : 'error'} (${String(code)})`;
    throw new ZoteroError(code === METHOD_NOT_FOUND && method === 'api.ready' ? 'bbt-old' : 'failed', text);
  }
  return answer.result;
}

/** Better BibTeX's version, or a ZoteroError (`no-bbt`, `bbt-old`, `not-running`, …). */
export async function bbtReady(options: BbtOptions): Promise<string> {
  const result = await callBbt(options, 'api.ready', []);
  return isRecord(result) && typeof result.betterbibtex === 'string' ? result.betterbibtex : '';
}

export async function searchItems(options: BbtOptions, terms: string): Promise<BbtItem[]> {
  const result = await callBbt(options, 'item.search', [terms]);
  if (!Array.isArray(result)) throw new ZoteroError('failed', 'Better BibTeX answered item.search without a list');
  return result.map(bbtItem).filter((item): item is BbtItem => item !== undefined);
}

/** The entries of `citekeys` as the translator writes them, from the library named `library`. */
export async function exportEntries(
  options: BbtOptions,
  citekeys: string[],
  translator: string,
  library?: string,
): Promise<string> {
  const params: unknown[] = library === undefined ? [citekeys, translator] : [citekeys, translator, library];
  const result = await callBbt(options, 'item.export', params);
  if (typeof result !== 'string') throw new ZoteroError('bbt-old', 'Better BibTeX answered item.export without text');
  return result;
}

function bbtItem(raw: unknown): BbtItem | undefined {
  if (!isRecord(raw) || typeof raw.citekey !== 'string' || raw.citekey === '') return undefined;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const authors = Array.isArray(raw.author)
    ? raw.author
        .map((a) => (isRecord(a) ? (text(a.family) ?? text(a.literal)) : undefined))
        .filter((a): a is string => a !== undefined)
    : [];
  const parts = isRecord(raw.issued) ? raw.issued['date-parts'] : undefined;
  const year = Array.isArray(parts) && Array.isArray(parts[0]) ? parts[0][0] : undefined;
  const item: BbtItem = { citekey: raw.citekey, title: text(raw.title) ?? raw.citekey, authors };
  const optional = {
    library: text(raw.library),
    year: typeof year === 'number' || typeof year === 'string' ? String(year) : undefined,
    doi: text(raw.DOI),
    number: text(raw.number),
    url: text(raw.URL),
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(item, { [key]: value });
  return item;
}

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .toLowerCase();

/** Whether a search hit is `paper`: the same DOI, the same arXiv id, or the same title. */
export function isSamePaper(item: BbtItem, paper: Paper): boolean {
  const arxivId = paper.arxivId || normaliseArxivId(paper.id);
  const dois = [paper.doi, paper.publication?.doi].filter((d): d is string => !!d).map((d) => d.toLowerCase());
  if (item.doi && dois.includes(item.doi.toLowerCase())) return true;
  if (arxivId) {
    const inItem = [item.number, item.url, item.doi].some(
      (v) => v !== undefined && new RegExp(`(^|[/:.])${arxivId.replace(/\./g, '\\.')}(v\\d+)?$`, 'i').test(v),
    );
    if (inItem) return true;
  }
  return fold(item.title) === fold(paper.title);
}

/** The Zotero item that is `paper`, found by its title, or undefined. */
export async function findPaper(options: BbtOptions, paper: Paper): Promise<BbtItem | undefined> {
  const hits = await searchItems(options, paper.title);
  return hits.find((item) => isSamePaper(item, paper));
}
