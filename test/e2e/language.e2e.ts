/**
 * LitFeed in German: a window whose display language is `de` shows LitFeed's view titles, day
 * rows, counts and the abstract view in German, with German dates, and nothing of LitFeed's in
 * English or cut off. VS Code's own words stay English (no language pack is installed offline).
 * Screenshots: test-results/e2e-language-de-feed.png, e2e-language-de-paper.png.
 */
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import { expectedThisWeek, utcDay } from '../fixtures/server/hfFixtureServer';
import { SIDEBAR_ROWS, sidebarRows, startWorkbench, waitFor, webviewFrame, type Workbench } from './e2eSupport';

/** Elements whose text is wider than their box (cut off, or ending in an ellipsis). */
async function cutOff(page: Page, selector: string): Promise<string[]> {
  return page
    .locator(selector)
    .evaluateAll((els) =>
      els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => (el as HTMLElement).innerText),
    );
}

describe('LitFeed in German (e2e)', function () {
  this.timeout(120_000);
  let wb: Workbench;
  let page: Page;
  const today = expectedThisWeek()
    .filter((p) => p.day === utcDay(new Date()))
    .sort((a, b) => b.upvotes - a.upvotes);

  before(async function () {
    this.timeout(300_000);
    wb = await startWorkbench('language', {}, undefined, 'de');
    ({ page } = wb);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.shot('language-de-failed').catch(() => undefined);
  });

  after(async () => {
    await wb?.close();
  });

  it('shows the views, day rows and counts in German', async () => {
    await page.locator('.part.activitybar [aria-label^="LitFeed"]').first().click();
    const rows = await waitFor('the German day rows', async () => {
      const r = await sidebarRows(page);
      return r.some((row) => row.startsWith('Heute')) && today.every((p) => r.some((row) => row.includes(p.title)))
        ? r
        : undefined;
    });
    // Day rows end in their count ("4 Paper · 3 ungelesen"); the fixture's titles start "Fixture Paper".
    const dayRows = rows.filter((r) => /\d+ Paper\b/.test(r) && !r.startsWith('Fixture Paper'));
    assert.ok(dayRows.length > 0, `day rows: ${JSON.stringify(rows)}`);
    for (const row of dayRows) {
      // "Heute", "Gestern" or a German date ("Mo., 23. Nov. 2026"), then "3 Paper".
      assert.match(row, /^(Heute|Gestern|Ohne Datum|[A-Z][a-z]\., \d{1,2}\. [A-ZÄ][a-zä]+\.? \d{4}) ?\d+ Paper/, row);
      assert.match(row, /\d+ Paper\b/, row);
      assert.doesNotMatch(row, /\b(Today|Yesterday|papers?|unread)\b/, row);
    }

    const headers = (await page.locator('.part.sidebar .pane-header').allInnerTexts()).join(' | ');
    assert.match(headers, /Leseliste/i, headers);
    assert.match(headers, /Neu auf arXiv/i, headers);
    // The feed's description: the ISO week, "KW 48, 2026".
    assert.match(headers, /KW \d{1,2}, \d{4}/, headers);
    assert.doesNotMatch(headers, /Reading List|New on arXiv|Week \d/i, headers);
    // The feed's own header makes room for its toolbar and shortens "Daily Papers" (a name, the
    // same in every language); the others must fit.
    assert.deepStrictEqual(await cutOff(page, '.part.sidebar .pane-header:not(.expanded) .title'), []);
    assert.deepStrictEqual(
      await cutOff(page, `${SIDEBAR_ROWS}[aria-level="1"] .label-name`),
      [],
      'a day row is cut off',
    );
    await wb.shot('language-de-feed');
  });

  it('shows the abstract view in German', async () => {
    const paper = today[0];
    await page.locator(SIDEBAR_ROWS, { hasText: paper.title }).first().click();
    const frame = await webviewFrame(page, '#paper-title');
    await waitFor('the paper in the abstract view', async () =>
      (await frame.locator('#paper-title').innerText()).includes(paper.title),
    );
    const buttons = await frame.locator('.actions button').allInnerTexts();
    for (const label of ['Zitieren', 'BibTeX kopieren', 'Zur Leseliste hinzufügen', 'Notizen']) {
      assert.ok(buttons.includes(label), `"${label}" in ${JSON.stringify(buttons)}`);
    }
    const text = await frame.locator('body').innerText();
    assert.match(text, /\d+ Upvotes/, 'the upvotes');
    assert.match(text, /Veröffentlicht \d{1,2}\. [A-ZÄ][a-zä]+\.? \d{4}/, 'the publication date, written in German');
    for (const english of ['Authors', 'Copy BibTeX', 'Save to reading list', 'Published', 'Keywords', 'comments']) {
      assert.ok(!text.includes(english), `"${english}" is still English:\n${text}`);
    }
    const cut = await frame
      .locator('.actions button, h2')
      .evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent));
    assert.deepStrictEqual(cut, [], 'a button or heading is cut off');
    await wb.shot('language-de-paper');
  });
});
