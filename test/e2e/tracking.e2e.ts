/**
 * Issue 6 as a person sees it in code-server: a watched keyword makes papers stand out and a
 * refresh announces them; "Search Papers…" finds a paper from a misspelled title, first, and
 * asks Hugging Face for what is not cached; a paper saved with its inline bookmark shows up
 * in the Reading List, which exports to a .bib; arXiv categories appear in their own view.
 * A saved paper is tagged and the Reading List grouped by the tag.
 * Screenshots: test-results/e2e-tracking-*.png (e2e-tracking-08-tags.png is the README's docs/screenshots/tags.png).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { expectedArxivPapers } from '../fixtures/server/arxivFixture';
import { expectedThisWeek, startHfFixtureServer, utcDay, type FixtureServer } from '../fixtures/server/hfFixtureServer';
import { SEARCH_ONLY } from '../fixtures/server/hfSearchFixture';
import {
  clean,
  contextMenuOnRow,
  runFromPalette,
  selectRow,
  sidebarRows,
  SIDEBAR_ROWS,
  startWorkbench,
  waitFor,
  type Workbench,
  framesText,
  QUICK_INPUT,
  QUICK_ROWS,
  typeIntoCommand,
} from './e2eSupport';

/** A view's pane in the LitFeed sidebar, found by its header. */
function pane(page: Page, title: string): Locator {
  return page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: title }) });
}

/** Expands a collapsed view pane with a click on its header (a click on an expanded one would collapse it). */
async function expandPane(page: Page, title: string): Promise<Locator> {
  const p = pane(page, title);
  const header = p.locator('.pane-header').first();
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  await waitFor(`the ${title} view expanded`, async () => (await header.getAttribute('aria-expanded')) === 'true');
  return p;
}

async function rowTexts(scope: Locator): Promise<string[]> {
  return (await scope.locator('.monaco-list-row').allInnerTexts()).map((t) => clean(t).replace(/\s+/g, ' ').trim());
}

/** Runs a palette command that opens a quick input of its own (runFromPalette waits for the palette to close). */
async function openFromPalette(page: Page, label: string): Promise<Locator> {
  await page.keyboard.press('F1');
  const input = page.locator(QUICK_INPUT);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${label}`);
  await page.locator(QUICK_ROWS, { hasText: label }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
  await waitFor(`the quick input of "${label}"`, async () => !(await input.inputValue()).startsWith('>'), 10_000);
  return input;
}

async function toastText(page: Page): Promise<string> {
  return clean(
    await page
      .locator('.notifications-toasts')
      .innerText()
      .catch(() => ''),
  );
}

describe('tracking in code-server (e2e)', function () {
  this.timeout(120_000);
  let wb: Workbench;
  let arxivServer: FixtureServer;
  const today = utcDay(new Date());
  const todays = expectedThisWeek()
    .filter((p) => p.day === today)
    .sort((a, b) => b.upvotes - a.upvotes);
  const byId = (id: string) => {
    const p = expectedThisWeek().find((e) => e.id === id);
    assert.ok(p, `fixture paper ${id} is not in this week`);
    return p;
  };
  // "attention" is in Alpha's and Eta's titles, nowhere else this week.
  const watched = [byId('2611.90001'), byId('2611.90007')];
  const gamma = byId('2611.90003');

  before(async function () {
    this.timeout(300_000);
    // arXiv comes from a second loopback fixture server (the same code answers /api/query).
    arxivServer = await startHfFixtureServer();
    wb = await startWorkbench('tracking', {
      'litfeed.watch.keywords': ['attention'],
      'litfeed.sources.arxiv.baseUrl': arxivServer.url,
      'litfeed.sources.arxiv.categories': ['cs.LG'],
    });
  });

  after(async () => {
    if (wb) await wb.shot('tracking-last').catch(() => undefined);
    await wb?.close();
    await arxivServer?.close();
  });

  it('a refresh that brings papers matching the watch list announces them, and they stand out under "Watched"', async () => {
    const { page } = wb;
    // Start offline (the extension activates with the view): nothing new is announced then.
    wb.fixture.mode = 'error';
    await page.locator('.part.activitybar [aria-label^="LitFeed"]').first().click();
    await waitFor(
      'the failed start-up refresh',
      async () => /Offline:/.test(clean(await page.locator('.part.sidebar').innerText())),
      60_000,
    );
    assert.ok(!/match your watch list/.test(await toastText(page)), 'a failed refresh announced matches');
    wb.fixture.mode = 'ok';
    await runFromPalette(page, 'LitFeed: Refresh Feed');
    const toast = await waitFor('the watch-list notification', async () => {
      const t = await toastText(page);
      return /match your watch list/.test(t) ? t : undefined;
    });
    assert.match(toast, new RegExp(`${watched.length} new papers match your watch list`), toast);
    const rows = await waitFor('Today, then Watched with the matching papers', async () => {
      const r = await sidebarRows(page);
      const at = r.findIndex((x) => x.startsWith('Today'));
      return at >= 0 && r[at + 1]?.startsWith('Watched') ? r.slice(at) : undefined;
    });
    await wb.shot('tracking-01-watch-announced');
    // Under Today: Watched (the matches, best upvoted first), then the others.
    const others = todays.filter((p) => !watched.some((w) => w.id === p.id));
    const expectedOrder = ['Watched', ...watched.map((p) => p.title), ...others.map((p) => p.title)];
    assert.deepStrictEqual(
      rows.slice(1, 1 + expectedOrder.length).map((r) => expectedOrder.find((t) => r.startsWith(t)) ?? r),
      expectedOrder,
      `rows: ${JSON.stringify(rows)}`,
    );
    assert.match(rows[1], /Watched\s*2 papers/);
    for (const p of watched) {
      const row = page.locator(SIDEBAR_ROWS, { hasText: p.title }).first();
      assert.strictEqual(await row.locator('.codicon-eye').count(), 1, `"${p.title}" has the eye icon`);
    }
    for (const p of others) {
      const row = page.locator(SIDEBAR_ROWS, { hasText: p.title }).first();
      assert.strictEqual(await row.locator('.codicon-eye').count(), 0, `"${p.title}" matches nothing but has the eye`);
    }
    // The notification's "Show" lists the matches.
    await page
      .locator('.notifications-toasts .notification-toast', { hasText: 'match your watch list' })
      .first()
      .hover();
    await page.locator('.notifications-toasts .monaco-button', { hasText: 'Show' }).first().click();
    const listed = await waitFor('the matches in a quick pick', async () => {
      const r = (await page.locator(QUICK_ROWS).allInnerTexts()).map(clean);
      // The quick input is the palette's widget reused: its command rows may linger a moment.
      const settled = !r.some((x) => x.startsWith('LitFeed:'));
      return settled && watched.every((p) => r.some((x) => x.includes(p.title))) ? r : undefined;
    });
    assert.strictEqual(listed.length, watched.length, JSON.stringify(listed));
    assert.ok(
      listed.every((r) => r.includes('attention')),
      `each match says which keyword: ${JSON.stringify(listed)}`,
    );
    await wb.shot('tracking-02-watch-show');
    await page.keyboard.press('Escape');
  });

  it('the tooltip of a watched paper says what it matches', async () => {
    const { page } = wb;
    await page.locator(SIDEBAR_ROWS, { hasText: watched[0].title }).first().hover();
    const hover = await waitFor('the tooltip with "matches:"', async () => {
      const t = clean(
        await page
          .locator('.monaco-hover, .workbench-hover')
          .allInnerTexts()
          .then((a) => a.join('\n')),
      );
      return t.includes('matches:') ? t : undefined;
    });
    assert.match(hover, /matches: attention/);
    await wb.shot('tracking-03-watch-tooltip');
    await page.mouse.move(700, 450);
  });

  it('"Search Papers…" puts the paper of a misspelled title first, and opens its abstract', async () => {
    const { page } = wb;
    // "Small Models Grade Large Proofs", typed in a hurry.
    await typeIntoCommand(page, 'LitFeed: Search Papers', 'smal modles grade larg proofs');
    const first = await waitFor('search results', async () => {
      // The list is virtual: DOM order is not screen order, data-index is.
      const r = await page
        .locator(`${QUICK_ROWS}[data-index="0"]`)
        .innerText()
        .catch(() => '');
      return r.trim() ? clean(r) : undefined;
    });
    await wb.shot('tracking-04-search-typo');
    assert.ok(first.includes(gamma.title), `first row: ${first}`);
    assert.ok(first.includes(gamma.firstAuthor), `first row shows the authors: ${first}`);
    assert.ok(first.includes(`▲ ${gamma.upvotes}`), `first row shows the upvotes: ${first}`);
    await page.keyboard.press('Enter');
    await waitFor(`the abstract of "${gamma.title}"`, async () =>
      (await framesText(page)).includes(gamma.abstractStart),
    );
  });

  it('"Search Hugging Face for …" finds a paper that is in no cached feed, and saves it from the pick', async () => {
    const { page } = wb;
    await typeIntoCommand(page, 'LitFeed: Search Papers', 'asking the hub');
    const ask = page
      .locator(QUICK_ROWS, { hasText: 'Search Hugging Face' })
      .filter({ hasText: 'asking the hub' })
      .first();
    await ask.waitFor({ state: 'visible', timeout: 10_000 });
    await ask.click();
    const row = page.locator(QUICK_ROWS, { hasText: SEARCH_ONLY.title }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    assert.ok(
      wb.fixture.requests.some((r) => r.startsWith('/api/papers/search?')),
      'the Hugging Face search was asked',
    );
    await row.hover();
    await row
      .locator('.action-label[aria-label="Save to Reading List"], .action-label[title="Save to Reading List"]')
      .first()
      .click();
    await row
      .locator('.action-label[aria-label="Remove from Reading List"], .action-label[title="Remove from Reading List"]')
      .first()
      .waitFor({ state: 'attached', timeout: 5_000 });
    await wb.shot('tracking-05-search-hub');
    await page.keyboard.press('Escape');
  });

  it('a paper saved with its inline bookmark appears in the Reading List view', async () => {
    const { page } = wb;
    const beta = byId('2611.90002');
    const row = page.locator(SIDEBAR_ROWS, { hasText: beta.title }).first();
    const title = clean(await row.locator('.label-name').first().innerText());
    await row.hover();
    await row.locator('.action-label[aria-label="Save to Reading List"]').click();
    const reading = await expandPane(page, 'Reading List');
    const rows = await waitFor('the saved papers in the Reading List', async () => {
      const r = await rowTexts(reading);
      return r.some((x) => x.includes(title)) && r.some((x) => x.includes(SEARCH_ONLY.title)) ? r : undefined;
    });
    await wb.shot('tracking-06-reading-list');
    assert.strictEqual(rows.length, 2, JSON.stringify(rows));
    const stamp = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short' }).format(new Date());
    for (const r of rows) {
      assert.ok(r.includes(`saved ${stamp}`), `a Reading List row shows its save date (${stamp}): ${r}`);
    }
    // The feed row now offers removal instead.
    await row.hover();
    await row
      .locator('.action-label[aria-label="Remove from Reading List"]')
      .waitFor({ state: 'attached', timeout: 5_000 });
  });

  it('"Export Reading List to BibTeX…" writes the saved papers to a .bib', async () => {
    const { page } = wb;
    const target = path.join(wb.workspace, 'reading-list.bib');
    // code-server's save dialog: a path box prefilled with <workspace>/reading-list.bib.
    const input = await openFromPalette(page, 'LitFeed: Export Reading List to BibTeX');
    await waitFor('the suggested file name', async () => (await input.inputValue()).endsWith('reading-list.bib'));
    await wb.shot('tracking-07-export-dialog');
    await page.keyboard.press('Enter');
    const text = await waitFor(`${target} on disk`, async () =>
      fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined,
    );
    assert.strictEqual((text.match(/^@/gm) ?? []).length, 2, text);
    assert.ok(text.includes(SEARCH_ONLY.id), text);
    assert.ok(await waitFor('the export notification', async () => /exported 2 papers/.test(await toastText(page))));
  });

  it('"Tag Paper…" gives a saved paper a new tag, and the Reading List groups by it', async () => {
    const { page } = wb;
    const beta = byId('2611.90002');
    const reading = await expandPane(page, 'Reading List');
    // Selected first: a tree refresh racing the menu can lose the row it was opened on, and the
    // command then acts on the selection. The feed shows the paper too: the Reading List's row.
    await selectRow(page, beta.title, reading);
    const input = page.locator(QUICK_INPUT);
    // Once in five CI runs the tag pick closed by itself right after it opened (its box went
    // inert, then hidden), the focus taken from it by something in the workbench; not seen in
    // nine watched runs here. The menu is opened again then; a pick that stays open and lacks
    // the new tag still fails.
    for (let attempt = 1; ; attempt++) {
      await contextMenuOnRow(page, beta.title, 'Tag Paper', reading);
      try {
        await input.waitFor({ state: 'visible', timeout: 10_000 });
        await input.fill('robotics');
        await page
          .locator(QUICK_ROWS, { hasText: 'New tag: robotics' })
          .first()
          .waitFor({ state: 'visible', timeout: 10_000 });
        break;
      } catch (err) {
        if (attempt === 2 || (await input.isVisible())) throw err;
        console.log(`      the tag pick closed by itself (attempt ${attempt}); opening it again`);
        await page.keyboard.press('Escape');
      }
    }
    await page.keyboard.press('Enter');
    await waitFor('the row saying its tag', async () =>
      (await rowTexts(reading)).some((r) => r.includes(beta.title.slice(0, 20)) && r.includes('robotics')),
    );
    await runFromPalette(page, 'LitFeed: Group Reading List by Tag');
    const rows = await waitFor('the Reading List grouped by tag', async () => {
      const r = await rowTexts(reading);
      return r.some((x) => x.startsWith('robotics')) && r.some((x) => x.startsWith('Untagged')) ? r : undefined;
    });
    const group = rows.findIndex((r) => r.startsWith('robotics'));
    assert.ok(
      rows[group + 1]?.includes(beta.title.slice(0, 20)),
      `the tagged paper under its tag: ${JSON.stringify(rows)}`,
    );
    await wb.shot('tracking-08-tags');
  });

  it('arXiv categories show up in their own view beside the Hugging Face feed', async () => {
    const { page } = wb;
    const arxiv = await expandPane(page, 'New on arXiv');
    await runFromPalette(page, 'LitFeed: Refresh arXiv Categories');
    const expected = expectedArxivPapers('cs.LG');
    await waitFor(
      'the cs.LG section',
      async () =>
        (await rowTexts(arxiv)).some((r) => r.startsWith('arXiv cs.LG') && r.includes(`${expected.length} papers`)),
      30_000,
    );
    const todayRow = arxiv.locator('.monaco-list-row', { hasText: /^Today/ }).first();
    if ((await todayRow.getAttribute('aria-expanded')) !== 'true') await todayRow.click();
    const todays = expected.filter((p) => p.day === today);
    const rows = await waitFor("today's arXiv papers", async () => {
      const r = await rowTexts(arxiv);
      return todays.every((p) => r.some((x) => x.includes(p.title))) ? r : undefined;
    });
    await wb.shot('tracking-08-arxiv');
    // The paper that is on Hugging Face too is one paper, with the Hub's upvotes.
    const alpha = rows.find((r) => r.includes(watched[0].title));
    assert.ok(alpha?.includes(`▲ ${watched[0].upvotes}`), `Alpha in the arXiv view: ${alpha}`);
    // The start-up fetch filled the view; the command fetches again, 3 s after the last call (arXiv's rule).
    const calls = await waitFor('the second arXiv request', async () => {
      const c = arxivServer.requests
        .map((r, i) => ({ r, t: arxivServer.requestTimes[i] }))
        .filter((c) => /^\/api\/query\?search_query=cat(%3A|:)cs\.LG/.test(c.r));
      return c.length >= 2 ? c : undefined;
    });
    assert.ok(calls[1].t - calls[0].t >= 2_900, `arXiv calls ${calls[1].t - calls[0].t} ms apart`);
    await waitFor(
      'the arXiv progress notification to close',
      async () => !/fetching arXiv/.test(await toastText(page)),
    );
    // The Daily Papers view is still there.
    assert.ok((await rowTexts(pane(page, 'Daily Papers'))).some((r) => r.includes(gamma.title)));
  });
});
