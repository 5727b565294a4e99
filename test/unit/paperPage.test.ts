/**
 * The abstract view's page as a reader meets it: the real page script in jsdom, fed
 * view models built from Papers by the real core code.
 */
import * as assert from 'node:assert/strict';
import type { Paper } from '../../src/core/paper';
import { paperViewModel } from '../../src/core/view/paperView';
import { paper as makePaper } from '../helpers/paper';
import { openPaperPage, pageBundle, showMessage } from './helpers/paperPage';

/** A paper with every field the view shows filled, so a test overrides only what it is about. */
function paper(overrides: Partial<Paper> = {}): Paper {
  return makePaper({
    id: '2401.00001',
    arxivId: '2401.00001',
    title: 'LR^2VQ: $\\sim$43times Faster Quantisation',
    authors: ['Ada Lovelace', 'Alan Turing'],
    abstract:
      'We show $x^2 + y^2 = z^2$ and\n$$\\int_0^1 f(x)\\,dx$$\n\nSecond paragraph with \\emph{emphasis} and $\\unknowncmd{z}$ left as text.',
    published: '2024-01-02',
    feedDay: '2024-01-03',
    upvotes: 1234,
    numComments: 1,
    aiSummary: 'Summary with $\\alpha$.',
    aiKeywords: ['quantisation', 'vq'],
    organization: 'Lab',
    links: {
      huggingFace: 'https://huggingface.co/papers/2401.00001',
      arxivAbs: 'https://arxiv.org/abs/2401.00001',
      pdf: 'https://arxiv.org/pdf/2401.00001',
      code: 'https://github.com/o/r',
    },
    ...overrides,
  });
}

describe('abstract view page (real page script in jsdom)', function () {
  this.timeout(30_000);

  before(async () => {
    await pageBundle();
  });

  it('says ready first and draws nothing until the host posts', async () => {
    const page = await openPaperPage();
    assert.deepEqual(page.posted, [{ type: 'ready' }]);
    assert.equal(page.root.childElementCount, 0);
  });

  it('draws title, authors, dates, counts, abstract, summary, keywords and links', async () => {
    const p = paper();
    const page = await openPaperPage();
    page.send(showMessage(paperViewModel(p), p));
    const root = page.root;
    assert.equal(root.querySelector('h1')?.id, 'paper-title');
    assert.equal(root.querySelector('h1 sup')?.textContent, '2');
    assert.ok(root.querySelector('h1')?.textContent?.includes('× Faster'));
    assert.deepEqual(
      Array.from(root.querySelectorAll('.author-list li')).map((li) => li.textContent),
      ['Ada Lovelace', 'Alan Turing'],
    );
    assert.equal(root.querySelector('.authors-toggle'), null);
    const times = Array.from(root.querySelectorAll('time'));
    assert.deepEqual(
      times.map((t) => [t.getAttribute('datetime'), t.textContent]),
      [
        ['2024-01-02', 'Jan 2, 2024'],
        ['2024-01-03', 'Jan 3, 2024'],
      ],
    );
    assert.equal(root.querySelector('.upvotes')?.textContent, `${(1234).toLocaleString()} upvotes`);
    assert.equal(root.querySelector('.organization')?.textContent, 'Lab');
    assert.equal(root.querySelectorAll('.abstract p').length, 2);
    assert.equal(root.querySelector('.abstract em')?.textContent, 'emphasis');
    assert.ok(root.querySelector('.ai-summary .katex'));
    assert.deepEqual(
      Array.from(root.querySelectorAll('.chips li')).map((li) => li.textContent),
      ['quantisation', 'vq'],
    );
    assert.deepEqual(
      Array.from(root.querySelectorAll('nav.links button.link')).map((b) => [b.textContent, b.getAttribute('title')]),
      [
        ['Hugging Face', 'https://huggingface.co/papers/2401.00001'],
        ['arXiv', 'https://arxiv.org/abs/2401.00001'],
        ['PDF', 'https://arxiv.org/pdf/2401.00001'],
        ['Code', 'https://github.com/o/r'],
      ],
    );
  });

  it('renders math with KaTeX: $\\sim$ as ∼, inline and display formulas', async () => {
    const p = paper();
    const page = await openPaperPage();
    page.send(showMessage(paperViewModel(p), p));
    const titleMath = page.root.querySelector('h1 .katex');
    assert.ok(titleMath, 'no KaTeX in the title');
    assert.equal(titleMath.querySelector('annotation')?.textContent, '\\sim');
    assert.ok(titleMath.querySelector('.katex-html')?.textContent?.includes('∼'));
    const abstract = page.root.querySelector('.abstract');
    assert.ok(abstract?.querySelector('.math .katex'), 'no inline formula');
    assert.ok(abstract?.querySelector('.math-display .katex-display'), 'no display formula');
  });

  it('shows a fragment KaTeX does not know as the text it was written as, and the rest still renders', async () => {
    const p = paper();
    const page = await openPaperPage();
    page.send(showMessage(paperViewModel(p), p));
    const fallbacks = Array.from(page.root.querySelectorAll('.abstract .math-fallback')).map((e) => e.textContent);
    assert.deepEqual(fallbacks, ['$\\unknowncmd{z}$']);
    assert.ok(page.root.querySelector('.abstract p:last-child')?.textContent?.includes('left as text.'));
  });

  it('shows a formula that fails to parse, or expands forever, as text', async () => {
    const p = paper({ abstract: 'A $\\frac{1}{$ B $\\def\\x{\\x\\x}\\x$ C $\\href{https://x.org}{y}$ D' });
    const page = await openPaperPage();
    page.send(showMessage(paperViewModel(p), p));
    const fallbacks = Array.from(page.root.querySelectorAll('.abstract .math-fallback')).map((e) => e.textContent);
    assert.deepEqual(fallbacks, ['$\\frac{1}{$', '$\\def\\x{\\x\\x}\\x$', '$\\href{https://x.org}{y}$']);
    assert.equal(page.root.querySelector('.abstract .katex'), null);
    assert.equal(
      page.root.querySelector('.abstract p')?.textContent,
      'A $\\frac{1}{$ B $\\def\\x{\\x\\x}\\x$ C $\\href{https://x.org}{y}$ D',
    );
  });

  it('says "1 upvote" and "1 comment" for one, the plural for other numbers', async () => {
    const one = paper({ upvotes: 1, numComments: 1 });
    const page = await openPaperPage();
    page.send(showMessage(paperViewModel(one), one));
    assert.equal(page.root.querySelector('.meta .upvotes')?.textContent, '1 upvote');
    assert.equal(page.root.querySelector('.meta .comments')?.textContent, '1 comment');
    const two = paper({ upvotes: 2, numComments: 0 });
    page.send(showMessage(paperViewModel(two), two));
    assert.equal(page.root.querySelector('.meta .upvotes')?.textContent, '2 upvotes');
    assert.equal(page.root.querySelector('.meta .comments')?.textContent, '0 comments');
  });

  it('says so when there is no abstract', async () => {
    const p = paper({ abstract: '' });
    const page = await openPaperPage();
    page.send(showMessage(paperViewModel(p), p));
    assert.equal(page.root.querySelector('.abstract .empty')?.textContent, 'No abstract available.');
  });

  it('collapses a long author list behind a real button that toggles and is remembered', async () => {
    const authors = Array.from({ length: 20 }, (_, i) => `Author ${i + 1}`);
    const p = paper({ authors });
    const page = await openPaperPage();
    page.send(showMessage(paperViewModel(p), p));
    const toggle = page.root.querySelector<HTMLButtonElement>('button.authors-toggle');
    assert.ok(toggle);
    assert.equal(toggle.type, 'button');
    assert.equal(toggle.textContent, 'and 12 more');
    assert.equal(toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(page.root.querySelectorAll('.author-list li').length, 8);
    toggle.click();
    assert.equal(page.root.querySelectorAll('.author-list li').length, 20);
    assert.equal(toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(toggle.textContent, 'show fewer');
    assert.equal((page.state() as { authorsExpanded: boolean }).authorsExpanded, true);
    const reloaded = await openPaperPage(page.state());
    assert.equal(reloaded.root.querySelectorAll('.author-list li').length, 20);
  });

  it('posts actions and link requests, and never navigates', async () => {
    const p = paper();
    const page = await openPaperPage();
    page.send(showMessage(paperViewModel(p), p));
    for (const action of ['cite', 'copyBibtex', 'save', 'tags', 'openNotes', 'openPdf', 'openHuggingFace']) {
      page.root.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`)?.click();
    }
    page.root.querySelector<HTMLButtonElement>('button.link[data-kind="code"]')?.click();
    assert.deepEqual(page.posted.slice(1), [
      { type: 'action', action: 'cite' },
      { type: 'action', action: 'copyBibtex' },
      { type: 'action', action: 'save' },
      { type: 'action', action: 'tags' },
      { type: 'action', action: 'openNotes' },
      { type: 'action', action: 'openPdf' },
      { type: 'action', action: 'openHuggingFace' },
      { type: 'openLink', url: 'https://github.com/o/r' },
    ]);
    assert.equal(page.window.location.href, 'https://webview.test/index.html');
    assert.equal(page.root.querySelectorAll('a').length, 0);
  });

  it('makes every action a keyboard-reachable button', async () => {
    const p = paper();
    const page = await openPaperPage();
    page.send(showMessage(paperViewModel(p), p));
    const buttons = Array.from(page.root.querySelectorAll<HTMLButtonElement>('button'));
    assert.ok(buttons.length >= 9);
    for (const b of buttons) {
      assert.equal(b.type, 'button');
      assert.equal(b.tabIndex, 0);
      assert.ok((b.textContent ?? '').trim().length > 0);
    }
  });

  it('keeps keyboard focus on the same button when the host shows the paper again', async () => {
    const p = paper();
    const page = await openPaperPage();
    page.send(showMessage(paperViewModel(p), p));
    page.root.querySelector<HTMLButtonElement>('button[data-action="openNotes"]')?.focus();
    page.send(showMessage(paperViewModel(p), p));
    const focused = page.document.activeElement as HTMLButtonElement | null;
    assert.equal(focused?.dataset.action, 'openNotes');
    assert.ok(page.root.contains(focused), 'the redrawn button, not the replaced one');
  });

  it('leaves out Open PDF and Open on Hugging Face when there are no such links', async () => {
    const p = paper({ arxivId: undefined, links: { code: 'https://github.com/o/r' } });
    const page = await openPaperPage();
    page.send(showMessage(paperViewModel(p), p));
    assert.equal(page.root.querySelector('button[data-action="openPdf"]'), null);
    assert.equal(page.root.querySelector('button[data-action="openHuggingFace"]'), null);
    assert.ok(page.root.querySelector('button[data-action="cite"]'));
  });

  it('updates the save button in place when the host reports the saved state', async () => {
    const p = paper();
    const page = await openPaperPage();
    page.send(showMessage(paperViewModel(p), p));
    const save = page.root.querySelector<HTMLButtonElement>('button[data-action="save"]');
    assert.equal(save?.getAttribute('aria-pressed'), 'false');
    assert.equal(save?.textContent, 'Save to reading list');
    page.send({ type: 'saved', saved: true });
    assert.equal(page.root.querySelector('button[data-action="save"]'), save, 'the button was replaced');
    assert.equal(save?.getAttribute('aria-pressed'), 'true');
    assert.equal(save?.textContent, 'Remove from reading list');
  });

  it('shows the paper\u2019s tags as chips, as text, and redraws them in place when the host reports new ones', async () => {
    const p = paper();
    const page = await openPaperPage();
    page.send(showMessage(paperViewModel(p), p));
    assert.equal(page.root.querySelector('.tags'), null, 'no chips without tags');
    assert.equal(page.root.querySelector('button[data-action="tags"]')?.textContent, 'Tags…');
    page.send({ type: 'saved', saved: true, tags: ['<b>bold</b>', '"q" #1', 7, '機械学習'] });
    const chips = () => Array.from(page.root.querySelectorAll('.tags li')).map((li) => li.textContent);
    assert.deepEqual(chips(), ['<b>bold</b>', '"q" #1', '機械学習']);
    assert.equal(page.root.querySelector('.tags b'), null, 'a tag is text, never markup');
    assert.equal(page.root.querySelector('.tags')?.getAttribute('aria-label'), 'Tags');
    const reloaded = await openPaperPage(page.state());
    assert.deepEqual(
      Array.from(reloaded.root.querySelectorAll('.tags li')).map((li) => li.textContent),
      ['<b>bold</b>', '"q" #1', '機械学習'],
      'kept in the page state',
    );
    page.send({ type: 'saved', saved: false, tags: [] });
    assert.deepEqual(chips(), []);
    assert.equal(page.root.querySelector('.tags'), null);
  });

  it('uses the strings the host sends', async () => {
    const p = paper({ authors: Array.from({ length: 20 }, (_, i) => `A${i}`) });
    const page = await openPaperPage();
    page.send({
      type: 'show',
      model: paperViewModel(p),
      saved: false,
      paper: p,
      strings: { moreAuthors: 'und {0} weitere', cite: 'Zitieren' },
    });
    assert.equal(page.root.querySelector('.authors-toggle')?.textContent, 'und 12 weitere');
    assert.equal(page.root.querySelector('button[data-action="cite"]')?.textContent, 'Zitieren');
    assert.equal(page.root.querySelector('button[data-action="copyBibtex"]')?.textContent, 'Copy BibTeX');
  });

  it('keeps the paper in its state and draws it at once after a reload, before the host answers', async () => {
    const p = paper();
    const page = await openPaperPage();
    page.send(showMessage(paperViewModel(p), p, true));
    const state = page.state() as { paperId: string; paper: Paper; saved: boolean };
    assert.equal(state.paperId, '2401.00001');
    assert.deepEqual(state.paper, JSON.parse(JSON.stringify(p)));
    assert.equal(state.saved, true);
    const reloaded = await openPaperPage(state);
    assert.deepEqual(reloaded.posted, [{ type: 'ready' }]);
    assert.ok(reloaded.root.querySelector('h1')?.textContent?.includes('Faster'));
  });

  it('forgets the author toggle when another paper is shown', async () => {
    const p = paper({ authors: Array.from({ length: 20 }, (_, i) => `A${i}`) });
    const page = await openPaperPage();
    page.send(showMessage(paperViewModel(p), p));
    page.root.querySelector<HTMLButtonElement>('.authors-toggle')?.click();
    const other = { ...p, id: 'other', arxivId: undefined };
    page.send(showMessage(paperViewModel(other), other));
    assert.equal(page.root.querySelectorAll('.author-list li').length, 8);
    assert.equal((page.state() as { authorsExpanded: boolean }).authorsExpanded, false);
  });
});
