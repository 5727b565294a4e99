import type * as vscode from 'vscode';
import type { FeedStore } from '../../core/feed/store';
import type { Paper } from '../../core/paper';
import type { PaperLibrary } from '../../core/search/library';
import { searchHuggingFace } from '../../core/sources/hfSearch';
import type { Network } from '../network';
import { keepPapers } from './keepPapers';

export interface RemoteSearchDeps {
  store: FeedStore;
  library: PaperLibrary;
  net: Network;
  today(): string;
  log: vscode.LogOutputChannel;
}

/**
 * The Search pick's last resort, Hugging Face's paper search: results are cached and learned
 * by the library, and come back as the library's record when it knows a richer one.
 */
export function remoteSearch(deps: RemoteSearchDeps): (query: string, signal: AbortSignal) => Promise<Paper[]> {
  const { store, library, net, today, log } = deps;
  return async (query, signal) => {
    const { papers } = await searchHuggingFace({ baseUrl: net.huggingFace(), query, http: net.http(signal) });
    await keepPapers(store, 'hf-search', papers, today(), log);
    library.add(papers);
    return papers.map((p) => library.get(p.id) ?? p);
  };
}
