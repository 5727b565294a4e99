/**
 * The look-ups the cite-any-paper features ask for, as one interface: the UI builds it from
 * the settings (base URLs, politeness gates, the disk cache), the orchestrators
 * (`published.ts`, `titleSearch.ts`) take it as a parameter, and tests hand in fakes or a
 * client pointed at fixture servers.
 *
 * Every method rejects with an `HttpError` (or a format error naming the service) when the
 * service fails; "nothing found" is an empty answer, never an error.
 */
import type { Paper } from '../paper';
import type { Work } from './work';

export interface TitleQuery {
  title: string;
  /** The first author's family name, when known: narrows Crossref's and DBLP's answers. */
  author?: string;
}

export interface LookupServices {
  /** arXiv export API `id_list`: the papers of these versionless ids that arXiv has. */
  arxivByIds(ids: readonly string[], signal?: AbortSignal): Promise<Paper[]>;
  /** arXiv export API `search_query` over titles (and authors when given). */
  arxivSearch(query: TitleQuery, signal?: AbortSignal): Promise<Paper[]>;
  /** Hugging Face's paper API for one arXiv id: its extras (upvotes, AI summary, links), or undefined. */
  huggingFacePaper(arxivId: string, signal?: AbortSignal): Promise<Paper | undefined>;
  /** Crossref `/works/{doi}`; undefined on 404. */
  crossrefWork(doi: string, signal?: AbortSignal): Promise<Work | undefined>;
  /** Crossref `/works?query.bibliographic=…` (plus `query.author`), best first. */
  crossrefSearch(query: TitleQuery, signal?: AbortSignal): Promise<Work[]>;
  /** DBLP `/search/publ/api?format=json`, best first; CoRR records included, marked as preprints. */
  dblpSearch(query: TitleQuery, signal?: AbortSignal): Promise<Work[]>;
  /** DBLP `/rec/{key}.bib`: one record's BibTeX turned into a Work; undefined on 404. */
  dblpRecord(key: string, signal?: AbortSignal): Promise<Work | undefined>;
  /** ACL Anthology `/{id}.bib`; undefined on 404. */
  aclRecord(id: string, signal?: AbortSignal): Promise<Work | undefined>;
  /** Semantic Scholar graph `/paper/{id}` with `id` as `arXiv:…` or `DOI:…`; undefined on 404. */
  semanticScholarPaper(id: string, signal?: AbortSignal): Promise<Work | undefined>;
}
