/**
 * The abstract view's "Similar papers" section: the view model, the protocol's reader, and the
 * real page script (jsdom) drawing it last, as text, and sending a click back as an index.
 */
import * as assert from 'node:assert/strict';
import { similarView, MAX_SIMILAR } from '../../src/core/view/similarView';
import { paperViewModel } from '../../src/core/view/paperView';
import { readPageMessage, readSimilarView } from '../../src/webview/protocol';
import { paper as makePaper } from '../helpers/paper';
import { openPaperPage, pageBundle, showMessage } from './helpers/paperPage';

const shown = makePaper({ id: '2401.00001', arxivId: '2401.00001', title: 'Shown', abstract: 'An abstract.' });
const hits = [
  {
    paper: makePaper({ id: 'a', title: 'Near $\\sim$ Paper', authors: ['Ada One'], published: '2023-01-01' }),
    similarity: 0.62,
  },
  { paper: makePaper({ id: 'b', title: '<img src=x onerror=pwn()>', authors: ['X', 'Y'] }), similarity: 0.31 },
];

describe('similar papers in the abstract view', function () {
  this.timeout(30_000);
  before(() => pageBundle());

  it('the view model: titles as text, first author and year, at most ten', () => {
    const view = similarView(shown.id, hits);
    assert.deepEqual(view.items[0], { title: 'Near ∼ Paper', detail: 'Ada One · 2023', similarity: 0.62 });
    const many = Array.from({ length: 30 }, (_, i) => ({ paper: makePaper({ id: `p${i}` }), similarity: 0.1 }));
    assert.equal(similarView(shown.id, many).items.length, MAX_SIMILAR);
  });

  it('the reader refuses a list that is not the host\u2019s, whole', () => {
    const good = similarView(shown.id, hits);
    assert.deepEqual(readSimilarView(good), good);
    assert.equal(
      readSimilarView({ ...good, items: [...good.items, { title: 'x', detail: '', similarity: 2 }] }),
      undefined,
    );
    assert.equal(readSimilarView({ paperId: '', items: [] }), undefined);
    assert.equal(readSimilarView({ paperId: 'x', items: Array(11).fill(good.items[0]) }), undefined);
    assert.deepEqual(readPageMessage({ type: 'openSimilar', index: 1, title: 'T' }), {
      type: 'openSimilar',
      index: 1,
      title: 'T',
    });
    assert.equal(readPageMessage({ type: 'openSimilar', index: 10, title: 'T' }), undefined);
    assert.equal(readPageMessage({ type: 'openSimilar', index: -1, title: 'T' }), undefined);
  });

  it('draws the list last, as text, and posts a click as its index and title', async () => {
    const page = await openPaperPage();
    page.send(showMessage(paperViewModel(shown), shown));
    assert.equal(page.root.querySelector('section.similar'), null, 'no section before the host says');
    page.send({ type: 'similar', similar: similarView(shown.id, hits) });
    const section = page.root.querySelector('section.similar');
    assert.ok(section);
    assert.equal(section.querySelector('h2')?.textContent, 'Similar papers');
    const buttons = [...section.querySelectorAll('button')];
    assert.deepEqual(
      buttons.map((b) => b.textContent),
      ['Near ∼ Paper', '<img src=x onerror=pwn()>'],
    );
    assert.deepEqual(page.pwned, []);
    const facts = [...(section.querySelector('li')?.querySelectorAll('.counts') ?? [])].map((c) => c.textContent);
    assert.deepEqual(facts, ['Ada One · 2023', '62 % similar']);
    buttons[1].click();
    assert.deepEqual(page.posted.at(-1), { type: 'openSimilar', index: 1, title: '<img src=x onerror=pwn()>' });
    // The Hugging Face section may come later: it goes before, the similar papers stay last.
    page.send({
      type: 'hfLinks',
      links: {
        paperId: shown.id,
        paperUrl: 'https://huggingface.co/papers/2401.00001',
        groups: [],
        submittedBy: 'Someone',
      },
    });
    const article = page.root.querySelector('article');
    assert.equal(article?.lastElementChild?.className, 'similar');
    assert.ok(page.root.querySelector('section.hf-links'));
  });

  it('ignores a list for another paper, and keeps the list across a reload', async () => {
    const page = await openPaperPage();
    page.send(showMessage(paperViewModel(shown), shown));
    page.send({ type: 'similar', similar: similarView('someone-else', hits) });
    assert.equal(page.root.querySelector('section.similar'), null);
    page.send({ type: 'similar', similar: similarView(shown.id, hits) });
    const reloaded = await openPaperPage(page.state());
    assert.equal(reloaded.root.querySelectorAll('section.similar button').length, 2);
  });
});
