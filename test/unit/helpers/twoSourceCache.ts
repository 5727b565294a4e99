/**
 * A cache with the same papers from two sources: Hugging Face's, 30 a day over ten days from
 * 2026-11-10, and arXiv's copies of every third of them, with categories Hugging Face lacks.
 * Returns the papers written per `source/day`.
 */
import type { FeedStore } from '../../../src/core/feed/store';
import type { Paper } from '../../../src/core/paper';

export async function writeTwoSourceCache(store: FeedStore, hf: readonly Paper[]): Promise<Map<string, Paper[]>> {
  const byDay = new Map<string, Paper[]>();
  const arxiv = hf
    .filter((_, i) => i % 3 === 0)
    .map((p) => ({ ...p, source: 'arxiv' as const, categories: ['cs.LG'] }));
  for (const [source, list] of [
    ['hf-daily', hf],
    ['arxiv', arxiv],
  ] as const) {
    for (let d = 0; d < 10; d++) {
      const day = `2026-11-${String(10 + d).padStart(2, '0')}`;
      const papers = list.slice(d * 30, d * 30 + 30);
      if (papers.length === 0) continue;
      byDay.set(`${source}/${day}`, papers);
      await store.writeDay({ source, day, fetchedAt: '2026-11-20T08:00:00Z', papers });
    }
  }
  return byDay;
}
