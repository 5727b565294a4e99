/**
 * Where a paper's PDF comes from. An arXiv paper's is downloaded from the configured arXiv
 * base (tests point it at a loopback server) and shown to the reader as arxiv.org's own
 * address; a paper from elsewhere uses the https PDF link it came with.
 */
import { arxivLinks, type Paper } from '../paper';

export interface PdfSource {
  /** What LitFeed downloads. */
  url: string;
  /** What "Open in browser" opens (through the link allow-list). */
  browserUrl: string;
}

export function pdfSourceOf(paper: Paper, arxivBaseUrl: string): PdfSource | undefined {
  const given = paper.links.pdf;
  if (paper.arxivId) {
    return {
      url: `${arxivBaseUrl.replace(/\/+$/, '')}/pdf/${paper.arxivId}`,
      browserUrl: given ?? arxivLinks(paper.arxivId).pdf ?? `https://arxiv.org/pdf/${paper.arxivId}`,
    };
  }
  return given !== undefined && /^https:\/\//i.test(given) ? { url: given, browserUrl: given } : undefined;
}
