/**
 * The abstract view as a person sees it in code-server: a paper with math in its abstract,
 * opened from the tree, typeset by KaTeX, readable in the light and the dark theme, links
 * that open through VS Code and links that are refused never shown.
 * Screenshots: test-results/e2e-paper-light.png, e2e-paper-dark.png, e2e-paper-link.png,
 * e2e-paper-hf-links.png (the README's docs/screenshots/hf-links.png is a copy of it).
 */
import * as assert from 'assert';
import type { Frame, Page } from 'playwright-core';
import {
  pickColorTheme,
  showFeedRow,
  SIDEBAR_ROWS,
  startWorkbench,
  waitFor,
  webviewFrame,
  type Workbench,
} from './e2eSupport';

// test/fixtures/server/papers.json, the paper with math, unicode authors and refused links.
const MATH = {
  id: '2611.90007',
  title: 'Fixture Paper Eta: Typeset Abstracts for Quadratic Attention',
  authors: ['Zoë Ångström-Müller', 'Łukasz Wróbel', 'Nguyễn Thị Minh'],
};

/** WCAG contrast ratio of two `rgb(...)` colours. */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? [])
      .slice(0, 3)
      .map(Number)
      .map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

async function colours(frame: Frame): Promise<{ text: string; background: string; heading: string }> {
  return frame.evaluate(() => {
    const p = document.querySelector('.abstract p');
    const h1 = document.querySelector('#paper-title');
    return {
      text: p ? getComputedStyle(p).color : '',
      background: getComputedStyle(document.body).backgroundColor,
      heading: h1 ? getComputedStyle(h1).color : '',
    };
  });
}

// The fixture paper the fixture server links models, datasets and Spaces to (test/fixtures/hf/).
const LINKED = { id: '2611.90001', title: 'Fixture Paper Alpha: Lattice Attention for Long Documents' };

async function openMathPaper(page: Page): Promise<Frame> {
  await showFeedRow(page, MATH.title);
  await page.locator(SIDEBAR_ROWS, { hasText: MATH.title }).first().click();
  const frame = await webviewFrame(page, '#paper-title');
  await waitFor('the math paper in the abstract view', async () =>
    (await frame.locator('#paper-title').innerText()).includes('Fixture Paper Eta'),
  );
  return frame;
}

describe('abstract view in code-server (e2e)', function () {
  this.timeout(90_000);
  let wb: Workbench;

  before(async function () {
    this.timeout(180_000);
    wb = await startWorkbench('paper');
  });

  after(async () => {
    await wb?.shot('paper-last').catch(() => undefined);
    await wb?.close();
  });

  it('shows the title, every author and the abstract with its math typeset by KaTeX', async () => {
    const frame = await openMathPaper(wb.page);
    assert.strictEqual((await frame.locator('#paper-title').innerText()).trim(), MATH.title);
    const authors = await frame.locator('.authors').innerText();
    for (const name of MATH.authors) {
      assert.ok(authors.includes(name), `"${name}" missing from the authors: ${authors}`);
    }
    const meta = await frame.locator('.meta').innerText();
    assert.match(meta, /30 upvotes/);
    assert.match(meta, /4 comments/);

    const abstract = frame.locator('section.abstract');
    assert.ok(
      (await abstract.locator('.katex').count()) >= 5,
      `KaTeX rendered ${await abstract.locator('.katex').count()} formulas`,
    );
    assert.strictEqual(await abstract.locator('.katex-display').count(), 1, 'the $$…$$ formula is a display formula');
    assert.strictEqual(
      await frame.locator('.katex-error, .math-fallback').count(),
      0,
      'a formula fell back to its source',
    );
    const text = await abstract.innerText();
    for (const raw of ['$', '\\sim', '\\emph', '\\times', '\\sqrt', 'O(n^2)', '\\epsilon']) {
      assert.ok(!text.includes(raw), `the abstract still shows "${raw}" as text:\n${text}`);
    }
    assert.strictEqual(
      (await abstract.locator('em').allInnerTexts()).join('|'),
      'every',
      '\\emph{every} is set in italics',
    );
    assert.ok(text.includes('43×'), `43\\times reads as 43×:\n${text}`);
    assert.ok((await frame.locator('section.ai-summary .katex').count()) >= 2, 'the AI summary’s math is typeset too');
  });

  it('shows only the links it would open: no http: project page, no javascript: code link', async () => {
    const frame = await openMathPaper(wb.page);
    const links = frame.locator('nav.links button.link');
    assert.deepStrictEqual(await links.allInnerTexts(), ['Hugging Face', 'arXiv', 'PDF']);
    for (const title of await links.evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''))) {
      assert.match(title, /^https:\/\/(huggingface\.co|arxiv\.org)\//);
    }
    const html = await frame.evaluate(() => document.documentElement.outerHTML);
    for (const refused of ['javascript:', 'example.org/eta-plain-http', 'alert(']) {
      assert.ok(!html.includes(refused), `the page holds "${refused}"`);
    }
  });

  it('shows what Hugging Face links to the paper: models, datasets and Spaces, submitter, comments, stars', async () => {
    const { page } = wb;
    await showFeedRow(page, LINKED.title);
    await page.locator(SIDEBAR_ROWS, { hasText: LINKED.title }).first().click();
    const frame = await webviewFrame(page, '#paper-title');
    await waitFor('the linked paper in the abstract view', async () =>
      (await frame.locator('#paper-title').innerText()).includes('Fixture Paper Alpha'),
    );
    const section = frame.locator('section.hf-links');
    await waitFor('the On Hugging Face section filled from the fixture server', async () =>
      (await frame.locator('section.hf-links .linked').count()) === 3 ? true : undefined,
    );
    assert.ok(wb.fixture.requests.includes(`/api/arxiv/${LINKED.id}/repos`), JSON.stringify(wb.fixture.requests));
    assert.ok(wb.fixture.requests.includes(`/api/papers/${LINKED.id}`));
    assert.strictEqual((await section.locator('h2').innerText()).trim().toLowerCase(), 'on hugging face');
    assert.deepStrictEqual(await section.locator('.linked h3').allInnerTexts(), ['Models', 'Datasets', 'Spaces']);
    const models = section.locator('.linked[data-kind="models"] li');
    assert.strictEqual(await models.count(), 10);
    assert.strictEqual(
      (await models.first().locator('button.link').innerText()).trim(),
      'fixture-lab/lattice-attention-large',
    );
    assert.match(await models.first().locator('.counts').innerText(), /♥ 1,280 · 340,512 downloads/);
    assert.strictEqual((await section.locator('.more-linked').innerText()).trim(), '2 more on Hugging Face');
    assert.deepStrictEqual(
      (await section.locator('.linked[data-kind="spaces"] button.link').allInnerTexts()).map((t) => t.trim()),
      ['fixture-lab/lattice-attention-demo', 'someone/long-document-qa'],
      'the private Space is not listed',
    );
    assert.strictEqual((await section.locator('.submitter').innerText()).trim(), 'Submitted by Fiona Submitter');
    assert.strictEqual((await frame.locator('.meta .comments button').innerText()).trim(), '3 comments');
    assert.match(
      await frame.locator('nav.links li', { has: frame.locator('button[data-kind="code"]') }).innerText(),
      /1,873 GitHub stars/,
    );
    for (const title of await section
      .locator('button.link')
      .evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''))) {
      assert.match(title, /^https:\/\/huggingface\.co\//);
    }
    await section.scrollIntoViewIfNeeded();
    await wb.shot('paper-hf-links');

    // A click opens on huggingface.co through VS Code, which asks first.
    await section.locator('.linked[data-kind="datasets"] button.link').first().click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    try {
      assert.ok(
        (await dialog.innerText()).includes('huggingface.co/datasets/fixture-lab/long-docs-eval'),
        await dialog.innerText(),
      );
    } finally {
      await page.keyboard.press('Escape');
    }
  });

  it('a click on "arXiv" goes through VS Code, which asks before opening the external site', async () => {
    const { page, context } = wb;
    const frame = await openMathPaper(page);
    const popups: Page[] = [];
    const onPage = (p: Page) => popups.push(p);
    context.on('page', onPage);
    try {
      await frame.locator('nav.links button.link', { hasText: 'arXiv' }).click();
      const dialog = page.locator('.monaco-dialog-box');
      const seen = await waitFor('a confirmation dialog or a new tab', async () => {
        if (popups.length > 0) return 'tab' as const;
        if (await dialog.isVisible().catch(() => false)) return 'dialog' as const;
        return undefined;
      });
      await wb.shot('paper-link');
      assert.strictEqual(seen, 'dialog', 'VS Code opened the site without asking');
      const question = await dialog.innerText();
      assert.match(question, /open the external website/i);
      assert.ok(question.includes('arxiv.org/abs/2611.90007'), `the dialog names the link: ${question}`);
      // "Open" hands the URL to the browser: a new tab, whose request the route blocks.
      await dialog.locator('.monaco-button', { hasText: /^Open$/ }).click();
      const tab = await waitFor('the new browser tab', async () => popups[0]);
      // The tab asked for exactly the paper's arXiv page; the route aborted it (an error page).
      await waitFor('the tab’s request for arxiv.org', async () =>
        wb.blocked.includes('https://arxiv.org/abs/2611.90007'),
      );
      await tab.close();
      // The workbench itself asks its extension gallery (open-vsx.org); everything else came from the click.
      const others = wb.blocked.filter(
        (u) => !u.startsWith('https://open-vsx.org/') && u !== 'https://arxiv.org/abs/2611.90007',
      );
      assert.deepStrictEqual(others, [], 'the browser tried to reach other sites');
    } finally {
      context.off('page', onPage);
      await page.keyboard.press('Escape');
    }
  });

  it('sets the abstract in the workbench’s proportional font, not the editor’s monospace', async () => {
    const frame = await openMathPaper(wb.page);
    const font = await frame.evaluate(() => {
      const p = document.querySelector('.abstract p');
      const root = getComputedStyle(document.documentElement);
      const style = p ? getComputedStyle(p) : undefined;
      const ctx = document.createElement('canvas').getContext('2d');
      if (ctx && style) ctx.font = `${style.fontSize} ${style.fontFamily}`;
      return {
        family: style?.fontFamily ?? '',
        ui: root.getPropertyValue('--vscode-font-family').trim(),
        editor: root.getPropertyValue('--vscode-editor-font-family').trim(),
        // In a monospace font the two are equally wide.
        narrow: ctx?.measureText('iiiiiiiiii').width ?? 0,
        wide: ctx?.measureText('MMMMMMMMMM').width ?? 0,
      };
    });
    // The computed value drops the quotes the variable may keep around single-word names.
    const plain = (family: string) => family.replace(/["']/g, '');
    assert.ok(font.ui && font.editor && plain(font.ui) !== plain(font.editor), JSON.stringify(font));
    assert.strictEqual(plain(font.family), plain(font.ui));
    assert.ok(font.narrow > 0 && font.narrow < font.wide * 0.6, `not a proportional font: ${JSON.stringify(font)}`);
  });

  it('is readable, formulas typeset, in Default Light Modern and Default Dark Modern', async () => {
    const { page } = wb;
    const measured: Record<string, { text: string; background: string; heading: string }> = {};
    // The picker labels "Default Light Modern" as "Light Modern" (the setting keeps the long name).
    for (const [theme, cls, name] of [
      ['Light Modern', 'vs', 'light'],
      ['Dark Modern', 'vs-dark', 'dark'],
    ] as const) {
      await openMathPaper(page);
      await pickColorTheme(page, theme, cls);
      const frame = await openMathPaper(page);
      await waitFor(`the abstract view in ${theme}`, async () => {
        const c = await colours(frame);
        const dark = contrast(c.background, 'rgb(0, 0, 0)') < 3;
        return (name === 'dark') === dark ? c : undefined;
      });
      assert.ok((await frame.locator('section.abstract .katex').count()) >= 5);
      await wb.shot(`paper-${name}`);
      measured[name] = await colours(frame);
      const ratio = contrast(measured[name].text, measured[name].background);
      assert.ok(
        ratio >= 4.5,
        `${theme}: abstract text ${measured[name].text} on ${measured[name].background} has contrast ${ratio.toFixed(2)}`,
      );
      assert.ok(
        contrast(measured[name].heading, measured[name].background) >= 4.5,
        `${theme}: the title is hard to read`,
      );
    }
    assert.notStrictEqual(
      measured.light.background,
      measured.dark.background,
      'the abstract view did not follow the theme',
    );
  });
});
