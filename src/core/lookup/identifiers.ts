import { collapseWhitespace } from '../paper';

/** What the "Cite Paper by ID, DOI or Title" box was given, once recognised. */
export type LookupInput =
  /** `id` is versionless (`2401.00001`, `hep-th/9901001`, `math.GT/0309136`). */
  | { kind: 'arxiv'; id: string; version?: number }
  /** A bare DOI: case kept, URL-decoded, trailing punctuation trimmed. */
  | { kind: 'doi'; doi: string }
  | { kind: 'huggingFace'; arxivId: string }
  /** A dblp record key without the `DBLP:` prefix, e.g. `conf/nips/VaswaniSPUJGKP17`. */
  | { kind: 'dblp'; key: string }
  /** An ACL Anthology id: `2020.acl-main.1` (lower case) or `P19-1001` (upper case). */
  | { kind: 'acl'; id: string }
  /** Anything else, whitespace collapsed: a title or author query. */
  | { kind: 'query'; text: string };

type ArxivMatch = { id: string; version?: number };

// New-style ids began in April 2007; the number gained a fifth digit in January 2015.
const ARXIV_NEW = /^(\d{2})(\d{2})\.(\d{4,5})(?:v(\d+))?$/;
const ARXIV_OLD = /^([a-z-]+)(\.[A-Z]{2})?\/(\d{2})(\d{2})(\d{3})(?:v(\d+))?$/;

// The archives that issued old-style ids (1991 to March 2007); anything else is not an id.
const OLD_ARCHIVES = new Set([
  'acc-phys',
  'adap-org',
  'alg-geom',
  'ao-sci',
  'astro-ph',
  'atom-ph',
  'bayes-an',
  'chao-dyn',
  'chem-ph',
  'cmp-lg',
  'comp-gas',
  'cond-mat',
  'cs',
  'dg-ga',
  'funct-an',
  'gr-qc',
  'hep-ex',
  'hep-lat',
  'hep-ph',
  'hep-th',
  'math',
  'math-ph',
  'mtrl-th',
  'nlin',
  'nucl-ex',
  'nucl-th',
  'patt-sol',
  'physics',
  'plasm-ph',
  'q-alg',
  'q-bio',
  'quant-ph',
  'solv-int',
  'supr-con',
]);

function versionOf(raw: string | undefined): number | undefined | null {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  // `v0` and absurd numbers are typos, not versions; null marks the whole id as invalid.
  return v >= 1 && v <= 999 ? v : null;
}

function withVersion(id: string, version: number | undefined): ArxivMatch {
  return version === undefined ? { id } : { id, version };
}

/** An arXiv id exactly as arXiv issues them, with its version split off; undefined otherwise. */
export function parseArxivId(raw: string): ArxivMatch | undefined {
  const n = ARXIV_NEW.exec(raw);
  if (n) {
    const [, yy, mm, num, v] = n;
    const yymm = Number(yy + mm);
    const month = Number(mm);
    if (month < 1 || month > 12 || yymm < 704) return undefined;
    if (num.length !== (yymm < 1501 ? 4 : 5) || Number(num) === 0) return undefined;
    const version = versionOf(v);
    return version === null ? undefined : withVersion(`${yy}${mm}.${num}`, version);
  }
  const o = ARXIV_OLD.exec(raw);
  if (o) {
    const [, archive, subject, yy, mm, num, v] = o;
    const month = Number(mm);
    const year = Number(yy) + (Number(yy) >= 91 ? 1900 : 2000);
    const yymm = year * 100 + month;
    if (!OLD_ARCHIVES.has(archive) || month < 1 || month > 12) return undefined;
    if (yymm < 199108 || yymm > 200703 || Number(num) === 0) return undefined;
    const version = versionOf(v);
    return version === null ? undefined : withVersion(`${archive}${subject ?? ''}/${yy}${mm}${num}`, version);
  }
  return undefined;
}

// Registrant codes have four or more digits (`10.1038`), optionally subdivided (`10.1000.10`).
const DOI = /^10\.\d{4,}(?:\.\d+)*\/\S+$/;
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;

function decodePercent(text: string): string {
  if (!/%[0-9a-f]{2}/i.test(text)) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Closing brackets and sentence punctuation a pasted DOI picks up, unless the DOI opened them. */
function trimDoiTail(doi: string): string {
  let s = doi;
  for (;;) {
    const last = s.at(-1);
    if (last === undefined) return s;
    if ('.,;:\'"'.includes(last)) {
      s = s.slice(0, -1);
      continue;
    }
    const open = { ')': '(', ']': '[', '>': '<', '}': '{' }[last];
    if (open !== undefined && count(s, open) < count(s, last)) {
      s = s.slice(0, -1);
      continue;
    }
    return s;
  }
}

function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

function fromDoi(raw: string): LookupInput | undefined {
  const doi = trimDoiTail(decodePercent(raw));
  if (!DOI.test(doi)) return undefined;
  const arxiv = ARXIV_DOI.exec(doi);
  if (arxiv) {
    // arXiv's DataCite DOIs name a preprint: look it up as one (Crossref does not hold them).
    const m = parseArxivId(arxiv[1]) ?? parseArxivId(arxiv[1].toLowerCase());
    return m ? { kind: 'arxiv', ...m } : undefined;
  }
  return { kind: 'doi', doi };
}

// dblp keys start with the kind of record; person pages (`homepages/`, `pid/`) are not papers.
const DBLP_KEY = /^(?:conf|journals|books|series|reference|phd|tr|ms)(?:\/[A-Za-z0-9][\w+.'-]*){2,3}$/;

function fromDblpKey(raw: string): LookupInput | undefined {
  return DBLP_KEY.test(raw) ? { kind: 'dblp', key: raw } : undefined;
}

/** The arXiv id dblp names a `CoRR abs/YYMM.NNNNN` record after, e.g. `journals/corr/abs-1706-03762`. */
export function arxivIdOfCorrKey(key: string): string | undefined {
  const m = /^(?:DBLP:)?journals\/corr\/abs-(\d{4})-(\d{4,5})$/.exec(key);
  // Older CoRR records (`journals/corr/KingmaB14`) are named after their authors instead.
  return m ? parseArxivId(`${m[1]}.${m[2]}`)?.id : undefined;
}

const ACL_NEW = /^(?:19|20)\d{2}\.[a-z][a-z0-9]*-[a-z0-9]+\.\d{1,4}$/i;
const ACL_OLD = /^[A-Z]\d{2}-\d{4}$/i;

function fromAclId(raw: string): LookupInput | undefined {
  if (ACL_NEW.test(raw)) return { kind: 'acl', id: raw.toLowerCase() };
  if (ACL_OLD.test(raw)) return { kind: 'acl', id: raw.toUpperCase() };
  return undefined;
}

const ARXIV_HOSTS = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org', 'browse.arxiv.org']);
const HF_HOSTS = new Set(['huggingface.co', 'www.huggingface.co', 'hf.co']);
// `doi.acm.org` is the ACM's former resolver, still found in the `doi` fields of older .bib files.
const DOI_HOSTS = new Set(['doi.org', 'dx.doi.org', 'www.doi.org', 'doi.acm.org']);
const DBLP_HOSTS = new Set(['dblp.org', 'www.dblp.org', 'dblp.uni-trier.de', 'dblp.dagstuhl.de']);
const ACL_HOSTS = new Set(['aclanthology.org', 'www.aclanthology.org']);
const ACLWEB_HOSTS = new Set(['aclweb.org', 'www.aclweb.org']);

function fromArxivPath(path: string): LookupInput | undefined {
  const m = /^\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?$/.exec(path);
  const id = m ? parseArxivId(m[1]) : undefined;
  return id ? { kind: 'arxiv', ...id } : undefined;
}

function fromHfPath(path: string): LookupInput | undefined {
  const m = /^\/papers\/([^/]+)\/?$/.exec(path);
  const id = m ? parseArxivId(m[1]) : undefined;
  // Hugging Face pages papers under new-style ids only and ignores versions.
  return id && !id.id.includes('/') ? { kind: 'huggingFace', arxivId: id.id } : undefined;
}

function fromDblpPath(path: string): LookupInput | undefined {
  // `/rec/bibtex/KEY` and friends are the site's older routes to the same record.
  const m = /^\/rec\/(?:(?:bibtex|bib|bib1|bib2|html|xml)\/)?(.+?)(?:\.(?:html|bib|xml|ris|nt|rdf|ttl))?\/?$/.exec(
    path,
  );
  return m ? fromDblpKey(m[1]) : undefined;
}

function fromAclPath(path: string): LookupInput | undefined {
  // Papers live at `/ID/` with format suffixes; the 2019-era site also had `/papers/P/P19/ID/`.
  const m = /^\/(?:papers\/[A-Z]\/[A-Z]\d{2}\/)?([^/]+?)(?:\.(?:pdf|bib|xml|mods\.xml|endf|ris))?\/?$/i.exec(path);
  return m ? fromAclId(m[1]) : undefined;
}

function fromUrl(url: URL): LookupInput | undefined {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username !== '' || url.password !== '' || url.port !== '') return undefined;
  const host = url.hostname.toLowerCase();
  const path = decodePercent(url.pathname);
  if (ARXIV_HOSTS.has(host)) return fromArxivPath(path);
  if (HF_HOSTS.has(host)) return fromHfPath(path);
  // The DOI is everything after the host; `url.pathname` keeps it percent-encoded.
  if (DOI_HOSTS.has(host)) return fromDoi(url.pathname.slice(1));
  if (DBLP_HOSTS.has(host)) return fromDblpPath(path);
  if (ACL_HOSTS.has(host)) return fromAclPath(path);
  if (ACLWEB_HOSTS.has(host) && path.startsWith('/anthology/')) return fromAclPath(path.slice('/anthology'.length));
  return undefined;
}

const KNOWN_HOSTS = [ARXIV_HOSTS, HF_HOSTS, DOI_HOSTS, DBLP_HOSTS, ACL_HOSTS, ACLWEB_HOSTS];

/** A URL's scheme-less form (`arxiv.org/abs/…`) counts only for the known hosts. */
function withScheme(token: string): string | undefined {
  if (/^https?:\/\//i.test(token)) return token;
  // `math.GT/0309136` and `10.1038/…` have the shape of a scheme-less URL too.
  const host = /^([a-z0-9.-]+)\//i.exec(token)?.[1].toLowerCase();
  return host !== undefined && KNOWN_HOSTS.some((hosts) => hosts.has(host)) ? `https://${token}` : undefined;
}

function parseUrl(token: string): URL | undefined {
  const full = withScheme(token);
  if (full === undefined) return undefined;
  try {
    return new URL(full);
  } catch {
    return undefined;
  }
}

const WRAPPERS: [string, string][] = [
  ['<', '>'],
  ['(', ')'],
  ['[', ']'],
  ['"', '"'],
  ["'", "'"],
  ['“', '”'],
  ['`', '`'],
];

function unwrap(text: string): string {
  let s = text;
  for (let again = true; again && s.length >= 2;) {
    again = false;
    for (const [open, close] of WRAPPERS) {
      if (s.startsWith(open) && s.endsWith(close)) {
        s = s.slice(1, -1).trim();
        again = true;
        break;
      }
    }
  }
  return s;
}

function recogniseToken(token: string): LookupInput | undefined {
  const url = parseUrl(token);
  if (url !== undefined) return fromUrl(url);
  const arxiv = parseArxivId(token);
  if (arxiv) return { kind: 'arxiv', ...arxiv };
  if (/^10\./.test(token)) return fromDoi(token);
  return fromDblpKey(token) ?? fromAclId(token);
}

const TRAILING_PUNCTUATION = /[.,;:]+$/;

function fromPrefixed(prefix: string, rest: string): LookupInput | undefined {
  if (prefix === 'arxiv') {
    const m = parseArxivId(rest);
    return m && { kind: 'arxiv', ...m };
  }
  if (prefix === 'doi') return /^10\./.test(rest) ? fromDoi(rest) : undefined;
  return fromDblpKey(rest);
}

/**
 * Recognises an identifier the input box was given as a whole; anything else is a query.
 * A sentence that merely contains an id ("see 2401.00001 for details") stays a query: the
 * writer may be searching for a title with a number in it, and guessing which word they meant
 * would cite the wrong paper.
 */
export function recogniseInput(text: string): LookupInput {
  const query: LookupInput = { kind: 'query', text: collapseWhitespace(text) };
  // Sentence punctuation and brackets around a pasted id; a DOI's own tail is trimmed later,
  // more carefully, since brackets can be part of it.
  const s = unwrap(query.text.replace(TRAILING_PUNCTUATION, ''))
    .replace(TRAILING_PUNCTUATION, '')
    // A DOI or URL copied out of a .bib file keeps its TeX escapes (`10.1007/978-3-030-58558-7\_29`),
    // and a URL parser would read the backslash as a slash.
    .replace(/\\([_%&#])/g, '$1');
  const prefixed = /^(arxiv|doi|dblp)\s*:\s*(\S+)$/i.exec(s) ?? /^(arxiv|doi)\s+(\S+)$/i.exec(s);
  if (prefixed) return fromPrefixed(prefixed[1].toLowerCase(), prefixed[2]) ?? query;
  if (/\s/.test(s)) return query;
  return recogniseToken(s) ?? query;
}
