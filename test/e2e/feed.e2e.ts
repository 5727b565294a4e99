/**
 * What a person sees: the packaged litfeed.vsix installed into code-server, driven in
 * Chromium. Every assertion reads the screen (tree rows, editor text, frames, notifications).
 * Screenshots go to test-results/e2e-*.png.
 *
 * Needs: `npm run package` (litfeed.vsix), `npx tsc`, and the cached code-server
 * (node scripts/vscode-server/install.js).
 */
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import { expectedThisWeek, utcDay, type FixtureServer } from '../fixtures/server/hfFixtureServer';
import {
  SIDEBAR_ROWS,
  clean,
  runFromPalette,
  sidebarRows,
  startWorkbench,
  waitFor,
  type Workbench,
  framesText,
} from './e2eSupport';

/** Text of every editor and every frame (webviews live in nested iframes). */
async function visibleDocumentText(page: Page): Promise<string> {
  const editors = clean((await page.locator('.editor-instance .view-lines').allInnerTexts()).join('\n'));
  return `${editors}\n${await framesText(page)}`;
}

describe('LitFeed in code-server (e2e)', function () {
  this.timeout(120_000);
  let wb: Workbench;
  let fixture: FixtureServer;
  let page: Page;
  const expected = expectedThisWeek();
  const today = expected.filter((p) => p.day === utcDay(new Date())).sort((a, b) => b.upvotes - a.upvotes);

  const shot = (name: string) => wb.shot(name);

  before(async function () {
    this.timeout(300_000);
    // LITFEED_E2E_VSIX (read by e2eSupport): check another build, e.g. a deliberately
    // broken one, with the same suite.
    wb = await startWorkbench('feed');
    ({ fixture, page } = wb);
  });

  after(async () => {
    if (page) await shot('last').catch(() => undefined);
    // Closing the fixture server a second time (the offline test stopped it) is harmless.
    await wb?.close();
  });

  it('shows day groups and papers from the fixture server after a click on the LitFeed icon', async () => {
    await page.locator('.part.activitybar [aria-label^="LitFeed"]').first().click();
    const rows = await waitFor('the Today group and its papers in the sidebar', async () => {
      const r = await sidebarRows(page);
      return today.every((p) => r.some((row) => row.includes(p.title))) && r.some((row) => row.startsWith('Today'))
        ? r
        : undefined;
    });
    await shot('01-tree');
    const todayAt = rows.findIndex((r) => r.startsWith('Today'));
    const titles = rows.slice(todayAt + 1, todayAt + 1 + today.length);
    assert.deepStrictEqual(
      titles.map((r) => today.find((p) => r.includes(p.title))?.title),
      today.map((p) => p.title),
      `rows under Today: ${JSON.stringify(titles)}`,
    );
    assert.ok(titles[0].includes(`▲ ${today[0].upvotes}`), `top row "${titles[0]}" shows its upvotes`);
    assert.ok(titles[0].includes(today[0].firstAuthor), `top row "${titles[0]}" shows the first author`);
    assert.ok(
      fixture.requests.some((r) => r.startsWith('/api/daily_papers')),
      'the extension asked the fixture server',
    );
  });

  it('runs "LitFeed: Refresh Feed" from the command palette', async () => {
    const before = fixture.requests.length;
    await runFromPalette(page, 'LitFeed: Refresh Feed');
    await waitFor('a new request to the fixture server', async () => fixture.requests.length > before);
    await waitFor('the papers after the refresh', async () => {
      const r = await sidebarRows(page);
      return today.every((p) => r.some((row) => row.includes(p.title)));
    });
    await shot('02-refreshed');
  });

  it('opens a clicked paper and shows its abstract', async () => {
    const paper = today[0];
    await page.locator(SIDEBAR_ROWS, { hasText: paper.title }).first().click();
    await waitFor(`"${paper.abstractStart}" on screen`, async () =>
      (await visibleDocumentText(page)).includes(paper.abstractStart),
    );
    await shot('03-paper');
  });

  it('shows the offline state and keeps the papers when the server is gone', async () => {
    await fixture.close();
    await runFromPalette(page, 'LitFeed: Refresh Feed');
    const toast = await waitFor('a notification saying the refresh failed', async () => {
      const text = clean(
        await page
          .locator('.notifications-toasts')
          .innerText()
          .catch(() => ''),
      );
      return /refresh failed/i.test(text) ? text : undefined;
    });
    assert.match(toast, /cached/i, `the notification says the cached feed is shown: ${toast}`);
    // The view itself says it is offline (its message or its title-bar description).
    const view = await waitFor('an offline/stale marker in the LitFeed view', async () => {
      const text = clean(await page.locator('.part.sidebar').innerText());
      const title = (await page.locator('.part.sidebar .pane-header, .part.sidebar .title').allTextContents()).join(
        ' ',
      );
      const all = `${text}\n${title}`;
      return /offline|stale/i.test(all) ? all : undefined;
    });
    await page.waitForTimeout(500);
    await shot('04-offline');
    assert.match(view, /offline|stale/i);
    const rows = await sidebarRows(page);
    for (const p of today) {
      assert.ok(
        rows.some((r) => r.includes(p.title)),
        `"${p.title}" disappeared when offline`,
      );
    }
  });
});
