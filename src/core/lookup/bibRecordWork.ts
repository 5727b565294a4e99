/**
 * DBLP (`GET {dblp}/rec/{key}.bib`) and the ACL Anthology (`GET {acl}/{id}.bib`) each answer
 * one BibTeX entry. `parseBib` reads its structure (fields as written); the LaTeX the two
 * services put in titles, names and venues (`Doll{\'{a}}r`, `Allen{-}Zhu`, `{IEEE}`, `\&`)
 * is decoded here to plain Unicode. The parser could decode it too, but only through an
 * option `parseBib` does not take, and these services use a small, known set of commands.
 */
import { apiUrl } from '../net/baseUrl';
import { getText, type HttpOptions } from '../net/http';
import { HttpError } from '../net/httpError';
import { normaliseArxivId, type Publication } from '../paper';
import { parseBib, type BibRecord } from '../cite/bibDocument';
import { bibNames, plainField } from '../cite/latexPlain';
import { LookupFormatError, fourDigitYear, lowerDoi, plainPages } from './markup';
import { newPublication } from './publication';
import type { Work } from './work';

export const ACL_ANTHOLOGY_BASE_URL = 'https://aclanthology.org';

export type BibRecordService = 'dblp' | 'acl';

export const BIBTEX_ACCEPT = 'application/x-bibtex, text/x-bibtex;q=0.9, text/plain;q=0.8, */*;q=0.5';

// ---------------------------------------------------------------------------------------------
// Entries

/** A field taken verbatim (URLs, DOIs, ids): no LaTeX to decode there, and `~` or `%` must stay. */
function verbatim(record: BibRecord, name: string): string | undefined {
  const raw = record.fields[name]?.replace(/[{}\s]/g, '');
  return raw === undefined || raw === '' ? undefined : raw;
}

/** The arXiv id of a record: its `eprint`, DBLP's CoRR `volume` (`abs/1706.03762`), or an arXiv URL. */
function arxivIdOf(record: BibRecord): string | undefined {
  const prefix = (plainField(record, 'eprinttype') ?? plainField(record, 'archiveprefix') ?? '').toLowerCase();
  const volume = plainField(record, 'volume');
  const url = verbatim(record, 'url');
  const candidates = [
    prefix === 'arxiv' ? verbatim(record, 'eprint') : undefined,
    volume?.startsWith('abs/') ? volume.slice(4) : undefined,
    url !== undefined ? /arxiv\.org\/(?:abs|pdf)\/(.+?)(?:\.pdf)?$/i.exec(url)?.[1] : undefined,
  ];
  for (const candidate of candidates) {
    const id = candidate !== undefined ? normaliseArxivId(candidate) : undefined;
    if (id !== undefined) return id;
  }
  return undefined;
}

function isPreprint(record: BibRecord): boolean {
  const journal = plainField(record, 'journal');
  if (journal !== undefined) return /^corr$/i.test(journal) || /^arxiv\b/i.test(journal);
  if (plainField(record, 'booktitle') !== undefined) return false;
  return (plainField(record, 'eprinttype') ?? plainField(record, 'archiveprefix') ?? '').toLowerCase() === 'arxiv';
}

function publicationOf(
  record: BibRecord,
  service: BibRecordService,
  year?: string,
  doi?: string,
): Publication | undefined {
  if (isPreprint(record)) return undefined;
  let kind: Publication['kind'];
  let venue: string | undefined;
  if (record.type === 'article') {
    kind = 'article';
    venue = plainField(record, 'journal');
  } else if (record.type === 'inproceedings' || record.type === 'conference' || record.type === 'incollection') {
    kind = 'inproceedings';
    venue = plainField(record, 'booktitle');
  } else {
    return undefined;
  }
  if (venue === undefined) return undefined;
  const pages = record.fields.pages;
  return newPublication(kind, venue, service, {
    year,
    volume: plainField(record, 'volume'),
    number: plainField(record, 'number'),
    pages: pages !== undefined && pages.trim() !== '' ? plainPages(pages.replace(/[{}]/g, '').trim()) : undefined,
    publisher: plainField(record, 'publisher'),
    doi,
  });
}

/**
 * The first entry of `text` as a Work; undefined when that entry has no title. Throws when
 * the text is not BibTeX with an entry.
 */
export async function workFromBibtex(text: string, service: BibRecordService): Promise<Work | undefined> {
  const parsed = await parseBib(text);
  const label = service === 'dblp' ? 'DBLP' : 'the ACL Anthology';
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw new LookupFormatError(
      service,
      `${label} answered BibTeX that does not parse (${first?.message ?? 'no detail'})`,
    );
  }
  const record = parsed.entries.find((e) => e.type !== 'string' && e.type !== 'preamble' && e.type !== 'comment');
  // An HTML page (a login portal, an error page) parses as BibTeX without entries.
  if (record === undefined) throw new LookupFormatError(service, `${label} answered no BibTeX entry`);
  const title = plainField(record, 'title');
  if (title === undefined) return undefined;

  const authors: string[] = [];
  const families: string[] = [];
  for (const name of bibNames(record.fields.author ?? '')) {
    authors.push(name.display);
    if (name.family !== undefined) families.push(name.family);
  }

  const work: Work = { service, title, authors };
  if (families.length === authors.length && families.length > 0) work.families = families;
  const year = fourDigitYear(plainField(record, 'year'));
  if (year !== undefined) work.year = year;
  const doi = lowerDoi(verbatim(record, 'doi'));
  if (doi !== undefined) work.doi = doi;
  const arxivId = arxivIdOf(record);
  if (arxivId !== undefined) work.arxivId = arxivId;
  if (service === 'dblp' && record.key.startsWith('DBLP:')) work.dblpKey = record.key.slice('DBLP:'.length);
  const publication = publicationOf(record, service, year, doi);
  if (publication !== undefined) work.publication = publication;
  const abstract = plainField(record, 'abstract');
  if (abstract !== undefined) work.abstract = abstract;
  const url = verbatim(record, 'url');
  if (url !== undefined) work.url = url;
  return work;
}

// ---------------------------------------------------------------------------------------------
// Requests

/** A DBLP record key: path segments of letters, digits and `-_.` (`conf/nips/VaswaniSPUJGKP17`). */
const DBLP_KEY = /^[A-Za-z0-9][\w.-]*(?:\/[\w.-]+)+$/;

export function dblpRecordUrl(baseUrl: string, key: string): string {
  const bare = key.trim().replace(/^DBLP:/, '');
  if (!DBLP_KEY.test(bare) || bare.split('/').some((s) => s === '.' || s === '..')) {
    throw new RangeError(`"${key}" is not a DBLP record key`);
  }
  return apiUrl(baseUrl, `/rec/${bare}.bib`).toString();
}

/** An ACL Anthology id: `2020.acl-main.1` or `P19-1001`. */
const ACL_ID = /^(?:(?:19|20)\d{2}\.[a-z][a-z0-9]*-[a-z0-9]+\.\d{1,4}|[A-Z]\d{2}-\d{4})$/i;

export function aclRecordUrl(baseUrl: string, id: string): string {
  const bare = id.trim();
  if (!ACL_ID.test(bare)) throw new RangeError(`"${id}" is not an ACL Anthology id`);
  return apiUrl(baseUrl, `/${encodeURIComponent(bare)}.bib`).toString();
}

function bibtexHttp(http: HttpOptions | undefined): HttpOptions {
  return { ...http, headers: { accept: BIBTEX_ACCEPT, ...http?.headers } };
}

async function fetchRecord(url: string, service: BibRecordService, http?: HttpOptions): Promise<Work | undefined> {
  let text: string;
  try {
    text = (await getText(url, bibtexHttp(http))).text;
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) return undefined;
    throw err;
  }
  return workFromBibtex(text, service);
}

export function fetchDblpRecord(o: { baseUrl: string; key: string; http?: HttpOptions }): Promise<Work | undefined> {
  return fetchRecord(dblpRecordUrl(o.baseUrl, o.key), 'dblp', o.http);
}

export function fetchAclRecord(o: { baseUrl: string; id: string; http?: HttpOptions }): Promise<Work | undefined> {
  return fetchRecord(aclRecordUrl(o.baseUrl, o.id), 'acl', o.http);
}
