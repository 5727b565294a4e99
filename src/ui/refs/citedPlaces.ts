import type * as vscode from 'vscode';
import type { Paper } from '../../core/paper';

/** One place in the workspace where a paper is cited. */
export interface CitedPlace {
  /** The document's URI, as `vscode.Uri.toString()` gives it. */
  uri: string;
  /** What a reader sees: the path relative to the workspace and the 1-based line, `paper.tex:42`. */
  label: string;
  /** 0-based line and character of the citation key. */
  line: number;
  character: number;
}

/**
 * Where the workspace's documents cite LitFeed's papers: a paper is cited when an entry of a
 * bibliography some document uses stands for it (same arXiv id or DOI) and a document cites
 * that entry's key. Built in the background; `onDidChange` fires when the answer may differ.
 */
export interface PaperCitations {
  isCited(paper: Paper): boolean;
  places(paper: Paper): readonly CitedPlace[];
  readonly onDidChange: vscode.Event<void>;
}
