/**
 * Between the look-up services' `Work` and LitFeed's `Paper`: the work a writer picks becomes
 * a paper that is stored, shown and cited like a feed paper; an arXiv paper becomes a work so
 * that it can be merged with the other services' answers.
 */
import { hashText } from '../checksum';
import { isArxivDoi } from '../cite/publishedFields';
import { arxivLinks, normaliseArxivId, paperYear, type Paper, type PaperLinks } from '../paper';
import { familyKey, normaliseTitle } from './match';
import type { Work } from './work';

/** The arXiv side of a title search, as a work. */
export function paperToWork(paper: Paper): Work {
  const work: Work = { service: 'arxiv', title: paper.title, authors: paper.authors };
  const arxivId = paper.arxivId ?? normaliseArxivId(paper.id);
  if (arxivId !== undefined) work.arxivId = arxivId;
  const year = paperYear(paper);
  if (year !== undefined) work.year = year;
  // arXiv's `doi` is the published version's, as the authors entered it.
  if (paper.doi !== undefined) work.doi = paper.doi.trim().toLowerCase();
  if (paper.publication !== undefined) work.publication = paper.publication;
  if (paper.abstract !== '') work.abstract = paper.abstract;
  const url = paper.links.arxivAbs ?? (arxivId !== undefined ? arxivLinks(arxivId).arxivAbs : undefined);
  if (url !== undefined) work.url = url;
  return work;
}

/** The ACL Anthology id in an anthology URL (`https://aclanthology.org/N19-1423/`). */
function aclId(url: string | undefined): string | undefined {
  return /^https?:\/\/(?:www\.)?aclanthology\.org\/([A-Za-z0-9.-]+?)(?:\.pdf|\.bib)?\/?$/.exec(url ?? '')?.[1];
}

/** 32-bit FNV-1a, hex: a stable id for a work no service gives an identifier for. */
function hash(text: string): string {
  return hashText(text).toString(16).padStart(8, '0');
}

function paperId(work: Work, arxivId: string | undefined, doi: string | undefined): string {
  if (arxivId !== undefined) return arxivId;
  const ownDoi = doi ?? work.publication?.doi;
  if (ownDoi !== undefined) return `doi:${ownDoi}`;
  if (work.dblpKey !== undefined) return `dblp:${work.dblpKey}`;
  const acl = aclId(work.url);
  if (acl !== undefined) return `acl:${acl}`;
  const first = work.families?.[0] ?? work.authors[0] ?? '';
  return `lookup:${hash(`${normaliseTitle(work.title)}|${familyKey(first)}|${work.year ?? ''}`)}`;
}

/**
 * The paper for a picked work. `extras` is what arXiv or Hugging Face hold for the same arXiv
 * id (categories, the full date, upvotes, AI summary, code links); the work's own fields win
 * for what it says about the publication. `doi` keeps the DOI the work itself carries (the
 * published record's, or the one arXiv gives); arXiv's own 10.48550 DOI is dropped because the
 * arXiv id says the same. The publication always carries its DOI when the work is that record.
 */
export function workToPaper(work: Work, extras?: Paper): Paper {
  const arxivId = work.arxivId ?? extras?.arxivId ?? (extras !== undefined ? normaliseArxivId(extras.id) : undefined);
  const workDoi = work.doi !== undefined && !isArxivDoi(work.doi) ? work.doi.toLowerCase() : undefined;
  const doi = workDoi ?? (extras?.doi !== undefined && !isArxivDoi(extras.doi) ? extras.doi : undefined);

  const links: PaperLinks = { ...extras?.links };
  if (arxivId !== undefined) Object.assign(links, arxivLinks(arxivId));
  else if (work.url !== undefined && /^https:\/\//i.test(work.url) && links.project === undefined) {
    links.project = work.url;
  }

  const paper: Paper = {
    ...extras,
    id: paperId(work, arxivId, doi),
    title: work.title,
    authors: work.authors,
    abstract: work.abstract ?? (extras?.abstract || ''),
    aiKeywords: extras?.aiKeywords ?? [],
    links,
    source: 'lookup',
  };
  delete paper.feedDay;
  if (arxivId !== undefined) paper.arxivId = arxivId;
  else delete paper.arxivId;
  // ISO 8601 reduced precision: the year is all most services know.
  const published = extras?.published ?? work.year;
  if (published !== undefined) paper.published = published;
  if (doi !== undefined) paper.doi = doi;
  else delete paper.doi;
  const publication = work.publication ?? extras?.publication;
  if (publication !== undefined) {
    paper.publication =
      publication.doi === undefined && workDoi !== undefined && work.publication !== undefined
        ? { ...publication, doi: workDoi }
        : publication;
  }
  return paper;
}
