/**
 * The candidate stage keeps its per-paper arrays (scores, and the lists of papers a query
 * reached) between queries and grows them with the index: a query must leave nothing behind
 * for the next, whatever the previous one reached, and a grown index must answer as a fresh one.
 */
import * as assert from 'node:assert/strict';
import type { Paper } from '../../src/core/paper';
import { PaperIndex } from '../../src/core/search/paperIndex';
import { paper } from '../helpers/paper';

const TOPICS = ['attention', 'diffusion', 'retrieval', 'alignment', 'pruning', 'agents', 'graphs', 'speech'];

/** Papers sharing common words, so that a query reaches most of them. */
function papers(count: number, from = 0): Paper[] {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const topic = TOPICS[i % TOPICS.length];
    const other = TOPICS[(i * 5 + 3) % TOPICS.length];
    return paper({
      id: `p${i}`,
      title: `Scaling ${topic} models for ${other} number ${i}`,
      authors: [`Author ${i % 97}`],
      abstract: `We study ${topic} and ${other} models at scale.`,
      feedDay: `2025-0${1 + (i % 9)}-1${i % 10}`,
    });
  });
}

const answer = (index: PaperIndex, query: string) => index.search(query, 20).map((h) => [h.paper.id, h.score]);

const QUERIES = ['models', 'scaling attention models', 'difusion pruning', 'mo', 'author 12 graphs', 'speech numb'];

describe('search: candidate scratch between queries', () => {
  it('answers a query the same before and after queries reaching other papers', () => {
    const index = new PaperIndex(papers(600));
    const first = QUERIES.map((q) => answer(index, q));
    // Queries in another order, each reaching most of the index, must not leak into the next.
    const again = [...QUERIES].reverse().map((q) => answer(index, q));
    assert.deepEqual(again.reverse(), first);
  });

  it('answers as a freshly built index once grown past its scratch arrays', () => {
    const grown = new PaperIndex(papers(300));
    for (const q of QUERIES) grown.search(q, 20);
    grown.add(papers(2700, 300));
    const fresh = new PaperIndex(papers(3000));
    for (const q of QUERIES) assert.deepEqual(answer(grown, q), answer(fresh, q), q);
  });

  it('never returns removed papers, however many a query reached before their removal', () => {
    const index = new PaperIndex(papers(900));
    assert.ok(index.search('models', 50).length > 0);
    const removed = papers(900).filter((_, i) => i % 3 === 0);
    index.remove(removed.map((p) => p.id));
    const gone = new Set(removed.map((p) => p.id));
    for (const q of QUERIES) {
      for (const hit of index.search(q, 50)) assert.ok(!gone.has(hit.paper.id), `${q}: ${hit.paper.id}`);
    }
    const live = new PaperIndex(papers(900).filter((p) => !gone.has(p.id)));
    for (const q of QUERIES) assert.deepEqual(answer(index, q), answer(live, q), q);
  });
});
