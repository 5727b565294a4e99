/**
 * From what a writer typed in "Cite Paper by ID, DOI or Title…" to a Paper, or to the
 * candidates a title query found. An identifier goes to the one service that owns it (arXiv,
 * Crossref, DBLP, the ACL Anthology); a title goes to all title searches at once. A preprint
 * is then completed with its published version when the caller wants one.
 *
 * "Not found" is an answer (`missing`, with a sentence naming who was asked); a service that
 * fails throws its own error, whose message says which service and why.
 */
import { mergePapers } from '../feed/merge';
import { errorMessage } from '../guards';
import { paperYear, type Paper } from '../paper';
import type { LookupInput } from './identifiers';
import { findPublished, type LookupFailure } from './published';
import type { LookupServices } from './services';
import { searchWorks, type MergedWork } from './titleSearch';
import type { Work } from './work';
import { workToPaper } from './workPaper';

export type Resolution =
  | { kind: 'paper'; paper: Paper }
  | { kind: 'choices'; works: MergedWork[]; failures: LookupFailure[] }
  | { kind: 'missing'; message: string };

export interface ResolveOptions {
  /** Look for the published version of a preprint (the `preferPublished` setting). */
  published: boolean;
  signal?: AbortSignal;
  /** Where problems that do not stop the look-up go (Hugging Face down, a published-version step failing). */
  warn?: (message: string) => void;
}

export async function resolveInput(
  input: LookupInput,
  services: LookupServices,
  options: ResolveOptions,
): Promise<Resolution> {
  const { signal } = options;
  switch (input.kind) {
    case 'arxiv':
    case 'huggingFace': {
      const id = input.kind === 'arxiv' ? input.id : input.arxivId;
      const paper = await arxivPaper(id, services, options);
      return paper ? { kind: 'paper', paper } : { kind: 'missing', message: `arXiv has no paper ${id}` };
    }
    case 'doi': {
      const work = await services.crossrefWork(input.doi, signal);
      if (work) return { kind: 'paper', paper: await completeWork(work, services, options) };
      const s2 = await services.semanticScholarPaper(`DOI:${input.doi}`, signal);
      if (s2) return { kind: 'paper', paper: await completeWork(s2, services, options) };
      return { kind: 'missing', message: `neither Crossref nor Semantic Scholar knows the DOI ${input.doi}` };
    }
    case 'dblp': {
      const work = await services.dblpRecord(input.key, signal);
      if (!work) return { kind: 'missing', message: `DBLP has no record ${input.key}` };
      return { kind: 'paper', paper: await completeWork(work, services, options) };
    }
    case 'acl': {
      const work = await services.aclRecord(input.id, signal);
      if (!work) return { kind: 'missing', message: `the ACL Anthology has no paper ${input.id}` };
      return { kind: 'paper', paper: await completeWork(work, services, options) };
    }
    case 'query': {
      const { works, failures } = await searchWorks(input.text, services, signal);
      if (works.length === 0 && failures.length > 0) {
        throw new Error(failures.map((f) => f.message).join('; '));
      }
      if (works.length === 0) {
        return { kind: 'missing', message: `no paper found for "${input.text}" on arXiv, Crossref or DBLP` };
      }
      return { kind: 'choices', works, failures };
    }
  }
}

/**
 * The Paper for a work a service described: arXiv's record when the work has an arXiv id
 * (its abstract, categories and links are the richest), with the work's publication kept;
 * otherwise the work itself. A preprint gets its published version looked up.
 */
export async function completeWork(found: Work, services: LookupServices, options: ResolveOptions): Promise<Paper> {
  const work = await withFullRecord(found, services, options);
  if (work.arxivId !== undefined) {
    const fromArxiv = await arxivPaper(work.arxivId, services, { ...options, published: false }).catch((err) => {
      options.warn?.(`arXiv: ${errorMessage(err)}`);
      return undefined;
    });
    if (fromArxiv) {
      const paper = work.publication ? { ...fromArxiv, publication: work.publication } : fromArxiv;
      return options.published && !paper.publication ? withPublished(paper, services, options) : paper;
    }
  }
  const paper = workToPaper(work);
  return options.published && !paper.publication ? withPublished(paper, services, options) : paper;
}

/**
 * DBLP's search gives its short venue names (`CVPR`); its record of the paper gives the full
 * booktitle, pages, publisher and DOI, which is what an entry should carry.
 */
async function withFullRecord(work: Work, services: LookupServices, options: ResolveOptions): Promise<Work> {
  if (work.publication?.foundBy !== 'dblp' || work.dblpKey === undefined) return work;
  try {
    const record = await services.dblpRecord(work.dblpKey, options.signal);
    if (record?.publication) return { ...work, publication: record.publication };
  } catch (err) {
    if (options.signal?.aborted) throw err;
    options.warn?.(`DBLP: ${errorMessage(err)}`);
  }
  return work;
}

/** arXiv's record of `id`, with Hugging Face's extras when it has the paper. */
async function arxivPaper(id: string, services: LookupServices, options: ResolveOptions): Promise<Paper | undefined> {
  const [found] = await services.arxivByIds([id], options.signal);
  if (!found) return undefined;
  let paper: Paper = { ...found, source: 'lookup' };
  try {
    const hf = await services.huggingFacePaper(id, options.signal);
    if (hf && hf.id === paper.id) paper = mergePapers(paper, { ...hf, source: 'lookup' });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    options.warn?.(`Hugging Face: ${errorMessage(err)}`);
  }
  return options.published ? withPublished(paper, services, options) : paper;
}

async function withPublished(paper: Paper, services: LookupServices, options: ResolveOptions): Promise<Paper> {
  const year = paperYear(paper);
  // A paper carries what the finder needs (title, authors, arXiv id, DOI, journal reference) but its year.
  const result = await findPublished({ ...paper, ...(year !== undefined ? { year } : {}) }, services, options.signal);
  for (const failure of result.failures) options.warn?.(`${failure.service}: ${failure.message}`);
  return result.publication ? { ...paper, publication: result.publication } : paper;
}
