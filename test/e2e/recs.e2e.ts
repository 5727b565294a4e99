/**
 * "For you" and "Similar papers" as a person sees them in code-server: the feed in the For you
 * order, learned from five notes files (one of the signals), a row's tooltip saying which kept
 * paper it is like, and the abstract view listing similar papers, one click opening another.
 * Screenshots: test-results/e2e-recs-tooltip.png, e2e-recs-similar.png (the README's
 * docs/screenshots/for-you.png and similar-papers.png are copies of them).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { showFeedRow, SIDEBAR_ROWS, startWorkbench, waitFor, webviewFrame, type Workbench } from './e2eSupport';

// test/fixtures/server/papers.json: five papers get notes, two do not.
const NOTED = [
  { id: '2611.90001', title: 'Fixture Paper Alpha: Lattice Attention for Long Documents' },
  { id: '2611.90002', title: 'Fixture Paper Beta: Counting Tokens Without Counting' },
  { id: '2611.90003', title: 'Fixture Paper Gamma: Small Models Grade Large Proofs' },
  { id: '2611.90005', title: 'Fixture Paper Epsilon: Retrieval That Admits Ignorance' },
  { id: '2611.90007', title: 'Fixture Paper Eta: Typeset Abstracts for Quadratic Attention' },
];
const UNNOTED = 'Fixture Paper Delta: Yesterday';

/** A notes file as LitFeed writes it (core/notes/noteFile.ts): the header names the paper. */
function note(paper: { id: string; title: string }): string {
  return (
    `---\ntitle: ${JSON.stringify(paper.title)}\narxiv: ${JSON.stringify(paper.id)}\nkey: ${JSON.stringify(paper.id)}\n` +
    `id: ${JSON.stringify(paper.id)}\n---\n\n# ${paper.title}\n\n` +
    'Attention over long documents and tokens; quadratic cost, lattice structure, retrieval of passages. ' +
    'A diffusion sampler could be tried on the same data.\n'
  );
}

describe('For you and similar papers in code-server (e2e)', function () {
  this.timeout(120_000);
  let wb: Workbench;
  let notes: string;

  before(async function () {
    this.timeout(180_000);
    notes = fs.mkdtempSync(path.join(os.tmpdir(), 'litfeed-e2e-notes-'));
    for (const paper of NOTED) fs.writeFileSync(path.join(notes, `${paper.id}.md`), note(paper));
    wb = await startWorkbench('recs', { 'litfeed.feed.sort': 'forYou', 'litfeed.notes.folder': notes });
  });

  after(async () => {
    await wb?.shot('recs-last').catch(() => undefined);
    await wb?.close();
    fs.rmSync(notes, { recursive: true, force: true });
  });

  it('orders the feed For you once five papers have notes, and a row’s tooltip says which it is like', async () => {
    const { page } = wb;
    await showFeedRow(page, UNNOTED);
    const row = page.locator(SIDEBAR_ROWS, { hasText: UNNOTED }).first();
    const hover = page.locator('.monaco-hover').filter({ hasText: 'For you, like' });
    // The model trains in the background; until it has, the tooltip has no reason in it. A
    // tooltip comes a moment after the pointer rests, and is asked for again by moving away.
    await waitFor(
      'a tooltip naming a paper it is like',
      async () => {
        await page.mouse.move(5, 5);
        await row.hover();
        const shown = await hover
          .first()
          .waitFor({ state: 'visible', timeout: 3000 })
          .then(() => true)
          .catch(() => undefined);
        return shown;
      },
      60_000,
    );
    // Spaces as read on screen: the hover's Markdown keeps some as no-break spaces.
    const text = (await hover.first().innerText()).replace(/\s+/g, ' ');
    assert.ok(
      NOTED.some((p) => text.includes(`For you, like: ${p.title}`)),
      `the tooltip names a paper with notes: ${text}`,
    );
    assert.ok(!text.includes('$'), 'no TeX in the tooltip');
    await wb.shot('recs-tooltip');
  });

  it('lists similar papers under the abstract; a click opens one in the view', async () => {
    const { page } = wb;
    await page.mouse.move(5, 5);
    await page.locator(SIDEBAR_ROWS, { hasText: NOTED[0].title }).first().click();
    const frame = await webviewFrame(page, '#paper-title');
    await waitFor('the paper in the abstract view', async () =>
      (await frame.locator('#paper-title').innerText()).includes('Fixture Paper Alpha'),
    );
    const items = frame.locator('section.similar li');
    await waitFor('the similar papers', async () => ((await items.count()) > 0 ? true : undefined), 30_000);
    assert.strictEqual((await frame.locator('section.similar h2').innerText()).trim().toLowerCase(), 'similar papers');
    const titles = (await frame.locator('section.similar button').allInnerTexts()).map((t) => t.trim());
    assert.ok(titles.length <= 5, titles.join(' | '));
    assert.ok(!titles.includes(NOTED[0].title), 'the paper is not similar to itself');
    assert.match(await items.first().locator('.similarity').innerText(), /^\d+\s?% similar$/);
    await frame.locator('section.similar').scrollIntoViewIfNeeded();
    await wb.shot('recs-similar');
    await frame.locator('section.similar button').first().click();
    await waitFor('the similar paper in the view', async () =>
      (await frame.locator('#paper-title').innerText()).includes(titles[0].replace(/^Fixture Paper /, '')),
    );
  });
});
