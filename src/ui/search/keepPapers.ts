import type * as vscode from 'vscode';
import type { FeedStore } from '../../core/feed/store';
import { errorMessage } from '../../core/guards';
import type { Paper, SourceId } from '../../core/paper';

/**
 * Papers found outside the feed (Hugging Face search results, looked-up papers) are kept like
 * feed papers, under today's day of their own source, so they work offline, in search and in
 * completion. A failure to write costs only that: it is logged, never shown.
 */
export async function keepPapers(
  store: FeedStore,
  source: Extract<SourceId, 'hf-search' | 'lookup'>,
  papers: readonly Paper[],
  day: string,
  log: vscode.LogOutputChannel,
): Promise<void> {
  if (papers.length === 0) return;
  try {
    const { day: old } = await store.readDay(source, day);
    const byId = new Map((old?.papers ?? []).map((p) => [p.id, p]));
    for (const p of papers) byId.set(p.id, p);
    await store.writeDay({ source, day, fetchedAt: new Date().toISOString(), papers: [...byId.values()] });
  } catch (err) {
    log.warn(`keeping ${source} papers failed: ${errorMessage(err)}`);
  }
}
