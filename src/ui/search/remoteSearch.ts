import type * as vscode from 'vscode';
import type { FeedStore } from '../../core/feed/store';
import { errorMessage } from '../../core/guards';
import type { Paper } from '../../core/paper';
import type { PaperLibrary } from '../../core/search/library';
import { searchHuggingFace } from '../../core/sources/hfSearch';
import type { Network } from '../network';

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
    await cacheSearchResults(store, papers, today(), log);
    library.add(papers);
    return papers.map((p) => library.get(p.id) ?? p);
  };
}

/** Search results are cached like feed papers (under today's day of the `hf-search` source). */
async function cacheSearchResults(
  store: FeedStore,
  papers: Paper[],
  day: string,
  log: vscode.LogOutputChannel,
): Promise<void> {
  if (papers.length === 0) return;
  try {
    const { day: old } = await store.readDay('hf-search', day);
    const byId = new Map((old?.papers ?? []).map((p) => [p.id, p]));
    for (const p of papers) byId.set(p.id, p);
    await store.writeDay({ source: 'hf-search', day, fetchedAt: new Date().toISOString(), papers: [...byId.values()] });
  } catch (err) {
    log.warn(`caching search results failed: ${errorMessage(err)}`);
  }
}
