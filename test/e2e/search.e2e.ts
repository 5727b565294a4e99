/**
 * Issue 15 as a person sees it in code-server: with a month of old days in the cache, "Search
 * Papers…" finds a paper of one of them — which only the search index that LitFeed builds in a
 * worker thread of the real extension host holds — and opening it shows the whole paper, read
 * from its day file. Screenshot: test-results/e2e-search-old-day.png.
 */
import * as assert from 'assert';
import { FeedStore } from '../../src/core/feed/store';
import { paper } from '../helpers/paper';
import { clean, framesText, QUICK_ROWS, startWorkbench, typeIntoCommand, waitFor, type Workbench } from './e2eSupport';

/** A paper cached long ago, among 1,500 others. */
const OLD_PAPER = paper({
  id: '2301.04242',
  arxivId: '2301.04242',
  title: 'Quokka Distillation for Sparse Retrieval',
  authors: ['Wilhelmina Oakes', 'Tobias Reed'],
  abstract: 'Marsupial-inspired distillation compresses sparse retrievers into small students.',
  feedDay: '2025-03-14',
  upvotes: 3,
});

/** Thirty days of March 2025 in the cache, 50 papers each, the quokka paper among them. */
async function writeOldDays(storageDir: string): Promise<void> {
  const store = new FeedStore(storageDir);
  for (let d = 0; d < 30; d++) {
    const day = `2025-03-${String(d + 1).padStart(2, '0')}`;
    const papers = Array.from({ length: 50 }, (_, i) =>
      paper({
        id: `2503.${String(d * 100 + i).padStart(5, '0')}`,
        title: `Archive study ${d}-${i} of ocean sediment cores`,
        authors: [`Archivist ${i}`],
        abstract: `Sediment record number ${i} from day ${d}.`,
        feedDay: day,
      }),
    );
    if (day === OLD_PAPER.feedDay) papers.push(OLD_PAPER);
    await store.writeDay({ source: 'hf-daily', day, fetchedAt: `${day}T08:00:00Z`, papers });
  }
}

describe('search over the whole cache in code-server (e2e)', function () {
  this.timeout(120_000);
  let wb: Workbench;

  before(async function () {
    this.timeout(300_000);
    // The old days stay cached through the start-up refresh.
    wb = await startWorkbench('search', { 'litfeed.cache.retentionDays': 3650 }, writeOldDays);
  });

  after(async () => {
    if (wb) await wb.shot('search-last').catch(() => undefined);
    await wb?.close();
  });

  it('"Search Papers…" finds a paper of a day cached long ago and opens it whole', async () => {
    const { page } = wb;
    await page.locator('.part.activitybar [aria-label^="LitFeed"]').first().click();
    await typeIntoCommand(page, 'LitFeed: Search Papers', 'quoka distilation for sparce retrieval');
    // On this first start the index is built while the pick waits; then the paper comes first.
    const first = await waitFor(
      'the old paper first in the results',
      async () => {
        const r = clean(
          await page
            .locator(`${QUICK_ROWS}[data-index="0"]`)
            .innerText()
            .catch(() => ''),
        );
        return r.includes(OLD_PAPER.title) ? r : undefined;
      },
      60_000,
    );
    await wb.shot('search-old-day');
    assert.ok(first.includes(OLD_PAPER.authors[0]), `the row shows the authors: ${first}`);
    assert.ok(first.includes('2025-03-14'), `the row shows the day: ${first}`);
    await page.keyboard.press('Enter');
    // The hit is the index's summary; the abstract comes from the day file.
    await waitFor(`the abstract of "${OLD_PAPER.title}"`, async () =>
      (await framesText(page)).includes(OLD_PAPER.abstract.slice(0, 40)),
    );
  });
});
