/**
 * A paper as a Zotero item, in the translator item format `/connector/saveItems` takes (the
 * JSON of Zotero.Item#fromJSON plus `attachments` and a connector `id`; see
 * zotero/zotero, chrome/content/zotero/xpcom/translation/translate_item.js, `saveItems`).
 * Field names are Zotero's schema's: a `preprint` has `repository` and `archiveID`; a
 * `journalArticle` `publicationTitle`, `volume`, `issue`, `pages`; a `conferencePaper`
 * `proceedingsTitle`, `publisher`, `volume`, `pages`. Creators are `{ firstName, lastName,
 * creatorType }`, or `{ name, creatorType }` for a one-field name (an organisation, a mononym).
 */
import { splitName } from '../cite/names';
import { cleanDoi, isArxivDoi } from '../cite/publishedFields';
import type { Paper } from '../paper';
import { arxivLinks, normaliseArxivId } from '../paper';

export type ZoteroCreator =
  { creatorType: 'author'; firstName: string; lastName: string } | { creatorType: 'author'; name: string };

export interface ZoteroAttachment {
  title: string;
  url: string;
  mimeType: string;
}

export interface ZoteroItem {
  /** The connector's key for the item within one save session. */
  id: string;
  itemType: 'preprint' | 'journalArticle' | 'conferencePaper';
  title: string;
  creators: ZoteroCreator[];
  abstractNote?: string;
  date?: string;
  url?: string;
  DOI?: string;
  repository?: string;
  archiveID?: string;
  publicationTitle?: string;
  proceedingsTitle?: string;
  volume?: string;
  issue?: string;
  pages?: string;
  publisher?: string;
  extra?: string;
  attachments: ZoteroAttachment[];
}

export function zoteroCreator(author: string): ZoteroCreator {
  const parts = splitName(author);
  if (parts.literal || parts.given === '') return { creatorType: 'author', name: author.replace(/\s+/g, ' ').trim() };
  return {
    creatorType: 'author',
    firstName: parts.suffix ? `${parts.given}, ${parts.suffix}` : parts.given,
    lastName: `${parts.particle} ${parts.family}`.trim(),
  };
}

/**
 * The item for `paper`: its published version's type and venue when a look-up found one,
 * else a preprint. `id` is the connector key (unique within the save).
 */
export function zoteroItem(paper: Paper, id: string): ZoteroItem {
  const arxivId = paper.arxivId || normaliseArxivId(paper.id);
  const links = arxivId ? { ...arxivLinks(arxivId), ...paper.links } : paper.links;
  const publication = paper.publication;
  const item: ZoteroItem = {
    id,
    itemType: publication ? (publication.kind === 'inproceedings' ? 'conferencePaper' : 'journalArticle') : 'preprint',
    title: paper.title,
    creators: paper.authors.filter((a) => a.trim() !== '').map(zoteroCreator),
    attachments: [],
  };
  if (paper.abstract) item.abstractNote = paper.abstract;
  const date = (publication?.year ?? '') || paper.published?.slice(0, 10);
  if (date) item.date = date;
  const url = links.arxivAbs ?? links.huggingFace;
  if (url) item.url = url;
  if (publication) {
    const venue = publication.venue;
    if (publication.kind === 'inproceedings') {
      item.proceedingsTitle = venue;
      if (publication.publisher) item.publisher = publication.publisher;
    } else {
      item.publicationTitle = venue;
      if (publication.number) item.issue = publication.number;
    }
    if (publication.volume) item.volume = publication.volume;
    if (publication.pages) item.pages = publication.pages;
    const doi = cleanDoi(publication.doi) ?? cleanDoi(paper.doi);
    if (doi && !isArxivDoi(doi)) item.DOI = doi;
  } else {
    if (arxivId) {
      item.repository = 'arXiv';
      item.archiveID = `arXiv:${arxivId}`;
    }
    // A preprint's DOI is the paper's own, or the one arXiv registers for every paper.
    const doi = cleanDoi(paper.doi) ?? (arxivId ? `10.48550/arXiv.${arxivId}` : undefined);
    if (doi) item.DOI = doi;
  }
  // Kept in Extra for every type: Better BibTeX reads `arXiv:` there into eprint fields.
  if (arxivId) item.extra = `arXiv: ${arxivId}`;
  if (links.pdf) item.attachments.push({ title: 'Full Text PDF', url: links.pdf, mimeType: 'application/pdf' });
  return item;
}
