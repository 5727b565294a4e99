/**
 * The words of the abstract view that are not paper data, in the user's language: the page's
 * strings (sent with each paper) and the names of its links.
 */
import * as vscode from 'vscode';
import type { PageStrings } from '../../webview/protocol';

export function linkLabels() {
  return {
    huggingFace: vscode.l10n.t('Hugging Face'),
    arxiv: vscode.l10n.t('arXiv'),
    pdf: vscode.l10n.t('PDF'),
    code: vscode.l10n.t('Code'),
    project: vscode.l10n.t('Project page'),
  };
}

export function pageStrings(): PageStrings {
  return {
    authors: vscode.l10n.t('Authors'),
    moreAuthors: vscode.l10n.t('and {0} more', '{0}'),
    fewerAuthors: vscode.l10n.t('show fewer'),
    published: vscode.l10n.t('Published {0}', '{0}'),
    listed: vscode.l10n.t('Listed {0}', '{0}'),
    upvotes: vscode.l10n.t('{0} upvotes', '{0}'),
    oneUpvote: vscode.l10n.t('1 upvote'),
    comments: vscode.l10n.t('{0} comments', '{0}'),
    oneComment: vscode.l10n.t('1 comment'),
    githubStars: vscode.l10n.t('{0} GitHub stars', '{0}'),
    organization: vscode.l10n.t('Organization'),
    abstract: vscode.l10n.t('Abstract'),
    noAbstract: vscode.l10n.t('No abstract available.'),
    aiSummary: vscode.l10n.t('AI summary'),
    keywords: vscode.l10n.t('Keywords'),
    links: vscode.l10n.t('Links'),
    actions: vscode.l10n.t('Actions'),
    cite: vscode.l10n.t('Cite'),
    copyBibtex: vscode.l10n.t('Copy BibTeX'),
    openNotes: vscode.l10n.t('Notes'),
    editTags: vscode.l10n.t('Tags…'),
    tags: vscode.l10n.t('Tags'),
    saveToZotero: vscode.l10n.t('Save to Zotero'),
    save: vscode.l10n.t('Save to reading list'),
    unsave: vscode.l10n.t('Remove from reading list'),
    openPdf: vscode.l10n.t('Open PDF'),
    openHuggingFace: vscode.l10n.t('Open on Hugging Face'),
    thumbnail: vscode.l10n.t('Paper thumbnail'),
    citedIn: vscode.l10n.t('Cited in'),
    openPlace: vscode.l10n.t('Go to the citation in {0}', '{0}'),
    morePlaces: vscode.l10n.t('and {0} more', '{0}'),
    onHuggingFace: vscode.l10n.t('On Hugging Face'),
    models: vscode.l10n.t('Models'),
    datasets: vscode.l10n.t('Datasets'),
    spaces: vscode.l10n.t('Spaces'),
    likes: vscode.l10n.t('♥ {0}', '{0}'),
    downloads: vscode.l10n.t('{0} downloads', '{0}'),
    moreOnHuggingFace: vscode.l10n.t('{0} more on Hugging Face', '{0}'),
    submittedBy: vscode.l10n.t('Submitted by {0}', '{0}'),
    similarPapers: vscode.l10n.t('Similar papers'),
    similarity: vscode.l10n.t('{0} % similar', '{0}'),
  };
}
