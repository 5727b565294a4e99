/**
 * The look-up services (`LookupServices`) over HTTP: every request is answered from the disk
 * cache while its answer is fresh; otherwise it waits its turn at the host's politeness gate,
 * goes out through `getText` (retries, Retry-After, size cap, cancellation), is parsed, and
 * only then stored. When a service cannot be reached (network down, 5xx, a rate limit beyond
 * what the retries absorb, a login page instead of an answer), a stale stored answer is used:
 * what was seen once keeps working offline.
 *
 * Raw texts are cached rather than parsed results, so a better parser reads old answers
 * better, and the services' own URL builders and parsers are reused as they are.
 */
import { checkContactEmail } from './contactEmail';
import { errorMessage } from '../guards';
import { silentLogger, type Logger } from '../log';
import { defaultUserAgent, getText, httpDefaults, type HttpOptions } from '../net/http';
import { HttpError, describeNotJson } from '../net/httpError';
import type { Politeness } from '../net/politeness';
import type { Paper } from '../paper';
import { ARXIV_BASE_URL } from '../sources/arxiv';
import { ARXIV_ATOM_ACCEPT, arxivIdListUrl, arxivSearchUrl, checkArxivIds, lookupPapersFromFeed } from './arxivLookup';
import { ACL_ANTHOLOGY_BASE_URL, aclRecordUrl, BIBTEX_ACCEPT, dblpRecordUrl, workFromBibtex } from './bibRecordWork';
import type { CachedAnswer, LookupCache } from './cache';
import {
  CROSSREF_BASE_URL,
  crossrefSearchUrl,
  crossrefWorkUrl,
  parseCrossrefList,
  parseCrossrefWork,
} from './crossref';
import { DBLP_BASE_URL, dblpSearchUrl, parseDblpSearch } from './dblp';
import { HUGGING_FACE_BASE_URL, huggingFacePaperUrl, parseHuggingFacePaper } from './huggingFacePaper';
import { parseSemanticScholarPaper, SEMANTIC_SCHOLAR_BASE_URL, semanticScholarPaperUrl } from './semanticScholar';
import type { LookupServices, TitleQuery } from './services';

export interface LookupBaseUrls {
  arxiv: string;
  huggingFace: string;
  crossref: string;
  dblp: string;
  semanticScholar: string;
  aclAnthology: string;
}

export const LOOKUP_BASE_URLS: LookupBaseUrls = {
  arxiv: ARXIV_BASE_URL,
  huggingFace: HUGGING_FACE_BASE_URL,
  crossref: CROSSREF_BASE_URL,
  dblp: DBLP_BASE_URL,
  semanticScholar: SEMANTIC_SCHOLAR_BASE_URL,
  aclAnthology: ACL_ANTHOLOGY_BASE_URL,
};

export interface LookupClientOptions {
  /** Already checked with `checkBaseUrl`. */
  baseUrls: LookupBaseUrls;
  /** Timeout, User-Agent, log and the given signal, for one request. */
  http(signal?: AbortSignal): HttpOptions;
  /** Crossref's `mailto=` (its polite pool), and appended to the User-Agent as `(mailto:…)`. */
  contactEmail?: string;
  /** One gate per host, shared with every other caller talking to that host. */
  gates: { arxiv: Politeness; dblp: Politeness; semanticScholar: Politeness; crossref?: Politeness };
  cache?: LookupCache;
  /** Where "answered from a stale copy" is noted; defaults to the HTTP options' log. */
  log?: Logger;
}

/** The least time between two requests to each host. */
export const LOOKUP_INTERVALS_MS = { arxiv: 3000, dblp: 1000, semanticScholar: 1000 } as const;

/** How many ids go into one arXiv `id_list` request. */
const ARXIV_IDS_PER_REQUEST = 100;

const JSON_ACCEPT = 'application/json';

interface Request<T> {
  url: string;
  gate?: Politeness;
  accept: string;
  /** Reads a 200 body; throws, naming the service, on one that is not the documented shape. */
  parse(text: string): T | Promise<T>;
  /** What a 404 means, for look-ups of one thing; without it a 404 is an error. */
  notFound?: () => T;
  /** Least first backoff, for hosts that want retries spaced out as much as requests. */
  minBackoffMs?: number;
  /** Sooner than the cache's own time-to-live: for answers that change when a paper is published. */
  freshForMs?: number;
}

/**
 * Searches, arXiv's record (its DOI and journal reference arrive on publication) and Semantic
 * Scholar's (its venue does) go out of date: a day, so Update Preprints sees a paper published
 * since. Records by DOI or key do not change and keep the cache's own time-to-live.
 */
const CHANGING_ANSWER_MS = 24 * 60 * 60 * 1000;

/** Failures where an older answer is better than none: the service is down, slow or refusing. */
function isOutage(err: unknown): boolean {
  if (!(err instanceof HttpError)) return false;
  if (err.kind === 'network' || err.kind === 'timeout') return true;
  return (
    err.kind === 'status' && err.status !== undefined && (err.status >= 500 || err.status === 429 || err.status === 408)
  );
}

function hostOf(url: string): string {
  return new URL(url).host;
}

function parseJson(url: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpError({
      kind: 'parse',
      url,
      attempts: 1,
      cause: err,
      message: describeNotJson(hostOf(url), text, null, err),
    });
  }
}

export function lookupClient(options: LookupClientOptions): LookupServices {
  const urls = options.baseUrls;
  const mailto = checkContactEmail(options.contactEmail);
  const cache = options.cache;
  const log = options.log ?? options.http().log ?? silentLogger;

  function httpFor(request: Request<unknown>, signal: AbortSignal | undefined): HttpOptions {
    const base = options.http(signal);
    const agent = base.userAgent ?? defaultUserAgent(base.clientVersion);
    const http: HttpOptions = {
      ...base,
      // The caller's agent may name the address already (the UI's does); once is enough.
      userAgent: mailto && !agent.includes(`mailto:${mailto}`) ? `${agent} (mailto:${mailto})` : agent,
      headers: { ...base.headers, accept: request.accept },
    };
    if (signal) http.signal = signal;
    if (request.minBackoffMs !== undefined) {
      http.backoffMs = Math.max(base.backoffMs ?? httpDefaults.backoffMs, request.minBackoffMs);
    }
    return http;
  }

  /** A stored answer read as `request` reads a fresh one; undefined when it no longer parses. */
  async function fromStore<T>(request: Request<T>, stored: CachedAnswer): Promise<{ value: T } | undefined> {
    try {
      if (stored.notFound) return request.notFound ? { value: request.notFound() } : undefined;
      if (stored.text !== undefined) return { value: await request.parse(stored.text) };
    } catch {
      // Stored by an older version, or damaged: asked for again.
    }
    return undefined;
  }

  function cancelled(url: string): HttpError {
    return new HttpError({ kind: 'aborted', url, attempts: 0, message: `request to ${hostOf(url)} was cancelled` });
  }

  async function ask<T>(request: Request<T>, signal?: AbortSignal): Promise<T> {
    const { url } = request;
    if (signal?.aborted) throw cancelled(url);
    const stored = cache ? await cache.get(url) : undefined;
    if (stored?.fresh && (request.freshForMs === undefined || stored.ageMs < request.freshForMs)) {
      const hit = await fromStore(request, stored);
      if (hit) return hit.value;
    }

    const stale = async (err: unknown): Promise<T> => {
      const old = stored ? await fromStore(request, stored) : undefined;
      if (!old) throw err;
      log.warn(`${hostOf(url)}: ${errorMessage(err)}; using the answer stored earlier for ${url}`);
      return old.value;
    };

    const http = httpFor(request, signal);
    let text: string;
    try {
      const fetchText = () => getText(url, http);
      text = (await (request.gate ? request.gate.run(url, fetchText, signal) : fetchText())).text;
    } catch (err) {
      if (signal?.aborted) throw err instanceof HttpError && err.kind === 'aborted' ? err : cancelled(url);
      if (err instanceof HttpError && err.status === 404 && request.notFound) {
        await cache?.set(url, { notFound: true });
        return request.notFound();
      }
      if (isOutage(err)) return stale(err);
      throw err;
    }

    let value: T;
    try {
      value = await request.parse(text);
    } catch (err) {
      // A login page or a cut-off body in place of the answer is an outage too.
      return stale(err);
    }
    await cache?.set(url, { text });
    return value;
  }

  const json =
    <T>(read: (body: unknown) => T) =>
    (url: string) =>
    (text: string) =>
      read(parseJson(url, text));

  function jsonRequest<T>(url: string, read: (body: unknown) => T, extra: Partial<Request<T>> = {}): Request<T> {
    return { url, accept: JSON_ACCEPT, parse: json(read)(url), ...extra };
  }

  async function arxivByIds(ids: readonly string[], signal?: AbortSignal): Promise<Paper[]> {
    const clean = checkArxivIds(ids);
    const papers: Paper[] = [];
    for (let i = 0; i < clean.length; i += ARXIV_IDS_PER_REQUEST) {
      const chunk = clean.slice(i, i + ARXIV_IDS_PER_REQUEST);
      papers.push(...(await ask(arxivRequest(arxivIdListUrl(urls.arxiv, chunk)), signal)));
    }
    return papers;
  }

  function arxivRequest(url: string): Request<Paper[]> {
    return {
      url,
      gate: options.gates.arxiv,
      accept: ARXIV_ATOM_ACCEPT,
      parse: lookupPapersFromFeed,
      freshForMs: CHANGING_ANSWER_MS,
      // Backoff delays run from half to all of `backoffMs`: twice the interval keeps retries polite.
      minBackoffMs: 2 * Math.max(options.gates.arxiv.intervalMs, LOOKUP_INTERVALS_MS.arxiv),
    };
  }

  return {
    arxivByIds,

    arxivSearch: (query: TitleQuery, signal?: AbortSignal) =>
      ask(arxivRequest(arxivSearchUrl(urls.arxiv, query)), signal),

    huggingFacePaper: (arxivId: string, signal?: AbortSignal) =>
      ask(
        jsonRequest<Paper | undefined>(huggingFacePaperUrl(urls.huggingFace, arxivId), parseHuggingFacePaper, {
          notFound: () => undefined,
        }),
        signal,
      ),

    crossrefWork: (doi: string, signal?: AbortSignal) =>
      ask(
        jsonRequest(crossrefWorkUrl(urls.crossref, doi, mailto), parseCrossrefWork, {
          gate: options.gates.crossref,
          notFound: () => undefined,
        }),
        signal,
      ),

    crossrefSearch: (query: TitleQuery, signal?: AbortSignal) =>
      ask(
        jsonRequest(crossrefSearchUrl(urls.crossref, query, 5, mailto), parseCrossrefList, {
          gate: options.gates.crossref,
          freshForMs: CHANGING_ANSWER_MS,
        }),
        signal,
      ),

    dblpSearch: (query: TitleQuery, signal?: AbortSignal) =>
      ask(
        jsonRequest(dblpSearchUrl(urls.dblp, query, 10), parseDblpSearch, {
          gate: options.gates.dblp,
          freshForMs: CHANGING_ANSWER_MS,
        }),
        signal,
      ),

    dblpRecord: (key: string, signal?: AbortSignal) =>
      ask(
        {
          url: dblpRecordUrl(urls.dblp, key),
          gate: options.gates.dblp,
          accept: BIBTEX_ACCEPT,
          parse: (text) => workFromBibtex(text, 'dblp'),
          notFound: () => undefined,
        },
        signal,
      ),

    aclRecord: (id: string, signal?: AbortSignal) =>
      ask(
        {
          url: aclRecordUrl(urls.aclAnthology, id),
          accept: BIBTEX_ACCEPT,
          parse: (text) => workFromBibtex(text, 'acl'),
          notFound: () => undefined,
        },
        signal,
      ),

    semanticScholarPaper: (id: string, signal?: AbortSignal) =>
      ask(
        jsonRequest(semanticScholarPaperUrl(urls.semanticScholar, id), parseSemanticScholarPaper, {
          gate: options.gates.semanticScholar,
          notFound: () => undefined,
          freshForMs: CHANGING_ANSWER_MS,
        }),
        signal,
      ),
  };
}
