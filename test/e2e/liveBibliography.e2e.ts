/**
 * The live bibliography as a writer meets it in code-server: paper.tex cites two keys its
 * refs.bib defines and one near miss. The mouse rests on a defined key and the entry's hover
 * appears; the near miss is underlined, Ctrl+. lists its fixes, and "Replace with …" rewrites
 * the key. Assertions read the widgets and the editor on screen. Screenshots:
 * test-results/e2e-hover.png and test-results/e2e-quickfix.png.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { resultsDir } from '../../scripts/vscode-server/browser';
import { repoRoot } from '../../scripts/vscode-server/codeServer';
import { clean, editorText, openFileAtLine, waitFor, type Workbench, startWorkbench } from './e2eSupport';

/** A .bib another tool wrote: an @string macro, `Last, First` names, a braced acronym, math in a title. */
const BIB = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'bib', 'foreign-live.bib'), 'utf8');

const HOVER_LINE = 'Sparse kernels are fast~\\citep[p.~3]{Smith2020}.';
const MISS_LINE = 'A later study~\\cite{Smith2021} disagrees.';
const TEX = [
  '\\documentclass{article}',
  '\\begin{document}',
  HOVER_LINE,
  'Attention is enough~\\cite{vaswani2017attention}.',
  MISS_LINE,
  '\\bibliography{refs}',
  '\\end{document}',
  '',
].join('\n');

/** The entry's title as the hover shows it: nothing typesets math there, so `$\sim$` reads as `∼`. */
const TITLE = 'A GPU Study of ∼10x Speed-ups';

/** The screen box of `key` on the editor line holding `lineText` (Monaco splits a line into token spans). */
async function keyBox(page: Page, lineText: string, key: string): Promise<{ x: number; y: number }> {
  return waitFor(`"${key}" on screen`, async () =>
    page.evaluate(
      ({ lineText, key }) => {
        const nbsp = (s: string) => s.replace(/\u00a0/g, ' ');
        const line = [...document.querySelectorAll('.editor-instance .view-line')].find((l) =>
          nbsp(l.textContent ?? '').includes(lineText),
        );
        if (!line) return undefined;
        const at = nbsp(line.textContent ?? '').indexOf(key);
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let seen = 0;
        let started = false;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent?.length ?? 0;
          if (!started && at < seen + length) {
            range.setStart(node, at - seen);
            started = true;
          }
          if (started && at + key.length <= seen + length) {
            range.setEnd(node, at + key.length - seen);
            const r = range.getBoundingClientRect();
            return r.width > 0 ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : undefined;
          }
          seen += length;
        }
        return undefined;
      },
      { lineText, key },
    ),
  );
}

/** A screenshot as it stands: the pointer stays where it is, so the widget it opened stays too. */
async function snapshot(page: Page, file: string): Promise<void> {
  await page.screenshot({ path: path.join(resultsDir(repoRoot), file) });
}

describe('the live bibliography in code-server (e2e)', function () {
  this.timeout(120_000);
  let wb: Workbench;

  before(async function () {
    this.timeout(180_000);
    wb = await startWorkbench('live-bibliography');
    fs.writeFileSync(path.join(wb.workspace, 'refs.bib'), BIB);
    fs.writeFileSync(path.join(wb.workspace, 'paper.tex'), TEX);
    await openFileAtLine(wb.page, 'paper.tex', HOVER_LINE);
  });

  after(async () => {
    await wb?.shot('live-bibliography-last').catch(() => undefined);
    await wb?.close();
  });

  it('the mouse on a cited key shows its entry: title, authors, year and venue, abstract and links', async () => {
    const { page } = wb;
    const hover = page.locator('.monaco-editor .monaco-hover').filter({ hasText: 'Go to Entry' });
    // The hover comes after the pointer rests; one that was dismissed by a redraw is asked again.
    const text = await waitFor(
      'the entry’s hover',
      async () => {
        const box = await keyBox(page, HOVER_LINE, 'Smith2020');
        await page.mouse.move(box.x - 3, box.y);
        await page.mouse.move(box.x, box.y);
        const shown = await hover
          .first()
          .waitFor({ state: 'visible', timeout: 5_000 })
          .then(() => true)
          .catch(() => false);
        return shown ? clean(await hover.first().innerText()) : undefined;
      },
      60_000,
    );
    await snapshot(page, 'e2e-hover.png');
    assert.ok(text.includes(TITLE), `the title, its math as text: ${text}`);
    assert.ok(text.includes('John Smith, Karl Müller'), `the authors: ${text}`);
    assert.ok(text.includes('2020 · Journal of Machine Learning Research'), `year and venue (@string): ${text}`);
    assert.ok(text.includes('We measure sparse kernels'), `the abstract: ${text}`);
    assert.ok(text.includes('Open in LitFeed'), `the link to the abstract view: ${text}`);
    assert.ok(text.includes('Go to Entry'), `the link to the entry: ${text}`);
    assert.ok(!/&nbsp;|&amp;|\\\(|\\\{/.test(text), `no markdown escapes left on screen: ${text}`);
    // The whole widget is on screen, not cut off by the window.
    const box = await hover.first().boundingBox();
    assert.ok(
      box && box.y >= 0 && box.x >= 0 && box.y + box.height <= 900 && box.x + box.width <= 1400,
      `${JSON.stringify(box)}`,
    );
    await page.mouse.move(700, 780);
    await hover.first().waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('a near-miss key is underlined; Ctrl+. offers to find it or replace it, and the replacement rewrites it', async () => {
    const { page } = wb;
    // One warning: the near miss (the other two keys are in refs.bib).
    await waitFor(
      'the warning squiggle under the near miss',
      async () => {
        return (await page.locator('.editor-instance .squiggly-warning').count()) === 1;
      },
      60_000,
    );
    const box = await keyBox(page, MISS_LINE, 'Smith2021');
    const squiggle = await page.locator('.editor-instance .squiggly-warning').first().boundingBox();
    assert.ok(
      squiggle &&
        squiggle.x <= box.x &&
        box.x <= squiggle.x + squiggle.width &&
        Math.abs(squiggle.y + squiggle.height / 2 - box.y) < squiggle.height,
      `the squiggle is under Smith2021: ${JSON.stringify({ squiggle, key: box })}`,
    );
    await page.mouse.click(box.x, box.y);
    // Away from the text, so the key's own hover does not cover the menu.
    await page.mouse.move(700, 780);
    const menu = page.locator('.action-widget:not(.action-list-submenu-panel)');
    const replace = menu.locator('.monaco-list-row', { hasText: "Replace with 'Smith2020'" }).first();
    const find = menu.locator('.monaco-list-row', { hasText: "Find and add 'Smith2021'…" }).first();
    await waitFor(
      'the quick fix menu with both fixes',
      async () => {
        if (!(await menu.isVisible().catch(() => false))) await page.keyboard.press('Control+.');
        await replace.waitFor({ state: 'visible', timeout: 5_000 });
        await find.waitFor({ state: 'visible', timeout: 5_000 });
        return true;
      },
      60_000,
    );
    const items = clean(await menu.innerText());
    await snapshot(page, 'e2e-quickfix.png');
    assert.ok(items.includes('Replace with an existing key…'), `the pick of any key: ${items}`);
    const menuBox = await menu.boundingBox();
    assert.ok(menuBox && menuBox.y + menuBox.height <= 900, `the menu fits the window: ${JSON.stringify(menuBox)}`);

    // Chosen with the keyboard once the pointer has focused it (as a person's click would).
    await waitFor(
      '"Replace with \'Smith2020\'" focused',
      async () => {
        await replace.hover();
        return (await replace.getAttribute('class'))?.includes('focused');
      },
      10_000,
    );
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: 10_000 });
    await waitFor('the key replaced on screen', async () =>
      (await editorText(page)).includes('A later study~\\cite{Smith2020} disagrees.'),
    );
    const text = await editorText(page);
    assert.ok(!text.includes('Smith2021'), `the near miss is gone: ${text}`);
    assert.ok(text.includes(HOVER_LINE), 'the other citations stay as written');
    await waitFor(
      'no warning left',
      async () => (await page.locator('.editor-instance .squiggly-warning').count()) === 0,
      60_000,
    );
  });
});
