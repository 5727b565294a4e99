/**
 * The one way tests make a Paper: `paper({ ... })` fills every required field with a plain
 * value derived from the id, so a test states only the fields it is about.
 * `arxivPaper(id, ...)` also gives the arXiv id and the links arXiv papers carry.
 */
import type { Paper } from '../../src/core/paper';

export function paper(fields: Partial<Paper> = {}): Paper {
  const id = fields.id ?? fields.arxivId ?? 'test-paper';
  return {
    id,
    title: `Title ${id}`,
    authors: [],
    abstract: '',
    aiKeywords: [],
    links: {},
    source: 'hf-daily',
    ...fields,
  };
}

/** A paper with an arXiv id: `arxivId`, and the abstract and PDF links, follow from `id`. */
export function arxivPaper(id: string, fields: Partial<Paper> = {}): Paper {
  return paper({
    id,
    arxivId: id,
    ...fields,
    links: { arxivAbs: `https://arxiv.org/abs/${id}`, pdf: `https://arxiv.org/pdf/${id}`, ...fields.links },
  });
}
