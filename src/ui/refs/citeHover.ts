import * as vscode from 'vscode';
import { localCount } from '../displayLanguage';
import { entryPaper } from '../../core/refs/entryPaper';
import { authorYear, entrySummary, titleText } from '../../core/refs/entrySummary';
import type { Paper } from '../../core/paper';
import type { Bibliographies, FoundEntry } from './bibliographies';
import type { DocumentCitations } from './documentCitations';

const ABSTRACT_PREVIEW = 320;
const AUTHORS_SHOWN = 6;

/** Finds the paper LitFeed holds for an entry (same arXiv id or DOI), for upvotes and the abstract. */
export type KnownPaper = (ids: { arxivId?: string; doi?: string }) => Promise<Paper | undefined>;

/**
 * A citation key's hover: the entry's title, authors, year, venue and the start of its
 * abstract (math left as TeX: hovers do not typeset it), with links to open the paper in
 * LitFeed's abstract view, its PDF, and the entry in its .bib.
 */
export class CitationHover implements vscode.HoverProvider {
  constructor(
    private readonly bibs: Bibliographies,
    private readonly scans: DocumentCitations,
    private readonly known: KnownPaper,
  ) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const cited = this.scans.keyAt(doc, position);
    if (!cited) return undefined;
    const found = (await this.bibs.forDocument(doc))?.find(cited.key);
    if (!found || found.entry.broken !== undefined) return undefined;
    const range = new vscode.Range(doc.positionAt(cited.start), doc.positionAt(cited.end));
    const summary = entrySummary(found.entry);
    return new vscode.Hover(this.markdown(found, await this.known(summary)), range);
  }

  markdown(found: FoundEntry, paper: Paper | undefined): vscode.MarkdownString {
    const summary = entrySummary(found.entry);
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: ['litfeed.openPaper'] };
    md.appendMarkdown('**')
      .appendText(titleText(summary.title) || found.entry.key)
      .appendMarkdown('**\n\n');
    const authors = summary.authors.length > 0 ? summary.authors : (paper?.authors ?? []);
    if (authors.length > 0) {
      const shown = authors.slice(0, AUTHORS_SHOWN).join(', ');
      md.appendText(authors.length > AUTHORS_SHOWN ? vscode.l10n.t('{0}, et al.', shown) : shown).appendMarkdown(
        '\n\n',
      );
    }
    const facts = [summary.year, summary.venue].filter((f): f is string => f !== undefined);
    if (paper?.upvotes !== undefined) facts.push(`▲ ${localCount(paper.upvotes)}`);
    if (summary.arxivId) facts.push(`arXiv:${summary.arxivId}`);
    if (facts.length > 0) md.appendText(facts.join(' · ')).appendMarkdown('\n\n');
    const abstract = (summary.abstract ?? paper?.abstract ?? '').replace(/\s+/g, ' ').trim();
    if (abstract !== '') {
      md.appendText(
        abstract.length > ABSTRACT_PREVIEW ? `${abstract.slice(0, ABSTRACT_PREVIEW).trimEnd()}…` : abstract,
      ).appendMarkdown('\n\n');
    }
    const links: string[] = [];
    const shown = paper ?? entryPaper(found.entry, summary);
    links.push(
      `[$(book) ${vscode.l10n.t('Open in LitFeed')}](command:litfeed.openPaper?${encodeURIComponent(JSON.stringify([shown]))})`,
    );
    const pdf = paper?.links.pdf ?? shown.links.pdf;
    if (pdf) links.push(`[$(file-pdf) ${vscode.l10n.t('Open PDF')}](${pdf})`);
    const at = found.uri.with({ fragment: `L${found.entry.line}` });
    links.push(
      `[$(go-to-file) ${vscode.l10n.t('Go to Entry')}](${at.toString()} "${escapeTitle(vscode.workspace.asRelativePath(found.uri))}")`,
    );
    md.appendMarkdown(links.join(' · '));
    md.appendMarkdown('\n\n');
    md.appendText(`${found.entry.key} — ${authorYear(summary)}`);
    return md;
  }
}

function escapeTitle(text: string): string {
  return text.replace(/["\\]/g, '\\$&');
}
