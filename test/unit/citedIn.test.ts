/**
 * The abstract view's "Cited in" section: the messages that carry the places (and their
 * readers, which trust nothing), and the real page script drawing them in jsdom.
 */
import * as assert from 'node:assert/strict';
import { paperViewModel } from '../../src/core/view/paperView';
import {
  DEFAULT_PAGE_STRINGS,
  MAX_PLACES,
  NOT_CITED,
  readCitedList,
  readHostMessage,
  readPageMessage,
} from '../../src/webview/protocol';
import { arxivPaper } from '../helpers/paper';
import { openPaperPage, pageBundle, showMessage, type PaperPage } from './helpers/paperPage';

const p = arxivPaper('1706.03762', { title: 'Attention Is All You Need', authors: ['Ashish Vaswani'] });
const model = paperViewModel(p);

describe('cited in: protocol', () => {
  it('reads an openPlace message: an index into the list sent and the label clicked', () => {
    assert.deepEqual(readPageMessage({ type: 'openPlace', index: 2, label: 'paper.tex:42', uri: 'file:///etc' }), {
      type: 'openPlace',
      index: 2,
      label: 'paper.tex:42',
    });
    assert.deepEqual(readPageMessage({ type: 'openPlace', index: 0, label: '' }), {
      type: 'openPlace',
      index: 0,
      label: '',
    });
  });

  it('rejects an openPlace message that is not an index and a label', () => {
    for (const data of [
      { type: 'openPlace' },
      { type: 'openPlace', label: 'paper.tex:42' },
      { type: 'openPlace', index: -1, label: 'a' },
      { type: 'openPlace', index: 1.5, label: 'a' },
      { type: 'openPlace', index: '0', label: 'a' },
      { type: 'openPlace', index: Number.NaN, label: 'a' },
      { type: 'openPlace', index: Infinity, label: 'a' },
      { type: 'openPlace', index: MAX_PLACES, label: 'a' },
      { type: 'openPlace', index: 2 ** 53, label: 'a' },
      { type: 'openPlace', index: 0 },
      { type: 'openPlace', index: 0, label: 7 },
      { type: 'openPlace', index: 0, label: ['paper.tex:42'] },
      { type: 'openPlace', index: 0, label: 'x'.repeat(5000) },
      { type: 'openPlace', uri: 'file:///etc/passwd' },
      { type: 'openplace', index: 0, label: 'a' },
    ]) {
      assert.equal(readPageMessage(data), undefined, JSON.stringify(data).slice(0, 80));
    }
  });

  it('reads a list of labels with a count of the rest', () => {
    assert.deepEqual(readCitedList({ labels: ['a.tex:1', 'b.tex:2'], more: 3 }), {
      labels: ['a.tex:1', 'b.tex:2'],
      more: 3,
    });
    for (const more of [-1, 1.5, '3', undefined, Infinity]) {
      assert.equal(readCitedList({ labels: ['a.tex:1'], more }).more, 0, String(more));
    }
  });

  it('drops a list whole when any label is not one, so indexes stay the host’s', () => {
    for (const value of [
      undefined,
      null,
      'a.tex:1',
      ['a.tex:1'],
      { labels: 'a.tex:1' },
      { labels: ['a.tex:1', 2] },
      { labels: ['a.tex:1', { toString: 'x' }] },
      { labels: ['a.tex:1', null] },
      { labels: Array.from({ length: MAX_PLACES + 1 }, (_, i) => `a.tex:${i}`) },
      { labels: ['x'.repeat(5000)] },
    ]) {
      assert.deepEqual(readCitedList(value), NOT_CITED, JSON.stringify(value)?.slice(0, 80));
    }
  });

  it('reads the places in show and cited messages; a show without them cites nothing', () => {
    const show = readHostMessage({ ...(showMessage(model, p) as object), cited: { labels: ['a.tex:1'], more: 0 } });
    assert.deepEqual(show?.type === 'show' && show.cited, { labels: ['a.tex:1'], more: 0 });
    const old = readHostMessage(showMessage(model, p));
    assert.deepEqual(old?.type === 'show' && old.cited, NOT_CITED);
    assert.deepEqual(readHostMessage({ type: 'cited', paperId: 'x', cited: { labels: ['b.tex:2'] } }), {
      type: 'cited',
      paperId: 'x',
      cited: { labels: ['b.tex:2'], more: 0 },
    });
    assert.deepEqual(readHostMessage({ type: 'cited', paperId: 'x', cited: { labels: [1] } }), {
      type: 'cited',
      paperId: 'x',
      cited: NOT_CITED,
    });
    assert.equal(readHostMessage({ type: 'cited', cited: { labels: [] } }), undefined);
    assert.equal(readHostMessage({ type: 'cited', paperId: 3, cited: { labels: [] } }), undefined);
  });

  it('has English defaults for the section’s words', () => {
    assert.equal(DEFAULT_PAGE_STRINGS.citedIn, 'Cited in');
    assert.match(DEFAULT_PAGE_STRINGS.openPlace, /\{0\}/);
    assert.match(DEFAULT_PAGE_STRINGS.morePlaces, /\{0\}/);
  });
});

/** Each tries to become markup or run `pwn()` if a label were ever parsed as HTML. */
const HOSTILE_LABELS = [
  '<img src=x onerror="pwn(\'img\')">.tex:1',
  '<script>pwn("script")</script>:2',
  '"><b onmouseover="pwn(\'attr\')">x</b>:3',
  '[x](command:workbench.action.terminal.new):4',
  '$\\href{javascript:pwn("href")}{x}$:5',
];

function showWith(labels: string[], more = 0): unknown {
  return { ...(showMessage(model, p) as object), cited: { labels, more } };
}

const section = (page: PaperPage) => page.root.querySelector('section.cited-in');
const placeButtons = (page: PaperPage) => Array.from(page.root.querySelectorAll<HTMLButtonElement>('button.place'));

describe('cited in: the page (real page script in jsdom)', function () {
  this.timeout(30_000);

  before(async () => {
    await pageBundle();
  });

  it('shows no section for a paper cited nowhere', async () => {
    const page = await openPaperPage();
    page.send(showMessage(model, p));
    assert.ok(page.root.querySelector('h1'), 'the paper was drawn');
    assert.equal(section(page), null);
    page.send(showWith([]));
    assert.equal(section(page), null);
  });

  it('lists the places as buttons right under the actions, with a heading and a count of the rest', async () => {
    const page = await openPaperPage();
    page.send(showWith(['paper.tex:42', 'chapters/intro.tex:7'], 4));
    const s = section(page);
    assert.ok(s);
    assert.equal(s.previousElementSibling?.className, 'actions');
    assert.equal(s.querySelector('h2')?.textContent, 'Cited in');
    assert.equal(s.getAttribute('aria-labelledby'), s.querySelector('h2')?.id);
    const buttons = placeButtons(page);
    assert.deepEqual(
      buttons.map((b) => b.textContent),
      ['paper.tex:42', 'chapters/intro.tex:7'],
    );
    // Real buttons: in the tab order, activated by Enter and Space, drawn with the focus ring.
    for (const b of buttons) {
      assert.equal(b.type, 'button');
      assert.ok(b.tabIndex >= 0);
      assert.equal(b.disabled, false);
    }
    assert.equal(buttons[0]?.title, 'Go to the citation in paper.tex:42');
    assert.equal(s.querySelector('.more-places')?.textContent, 'and 4 more');
  });

  it('asks the host for a place by its index and label, never by a URI', async () => {
    const page = await openPaperPage();
    page.send(showWith(['paper.tex:42', 'intro.tex:7']));
    placeButtons(page)[1]?.click();
    assert.deepEqual(page.posted.slice(1), [{ type: 'openPlace', index: 1, label: 'intro.tex:7' }]);
    assert.ok(readPageMessage(page.posted[1]), 'the host accepts what the page sends');
  });

  it('shows hostile labels as text and runs none of them', async () => {
    const page = await openPaperPage();
    page.send(showWith(HOSTILE_LABELS));
    assert.deepEqual(
      placeButtons(page).map((b) => b.textContent),
      HOSTILE_LABELS,
    );
    const s = section(page);
    assert.ok(s);
    assert.deepEqual(
      Array.from(s.querySelectorAll('*')).map((e) => e.tagName.toLowerCase()),
      ['h2', 'ul', ...HOSTILE_LABELS.flatMap(() => ['li', 'button'])],
    );
    for (const b of placeButtons(page)) {
      assert.deepEqual(
        b.getAttributeNames().sort(),
        ['class', 'title', 'type'],
        'no attribute but the ones the page sets',
      );
      b.dispatchEvent(new page.window.MouseEvent('mouseover', { bubbles: true }));
      b.focus();
    }
    assert.deepEqual(page.pwned, []);
  });

  it('updates the section in place when the host sends new places for the same paper', async () => {
    const page = await openPaperPage();
    page.send(showWith(['paper.tex:42']));
    const title = page.root.querySelector('h1');
    page.send({ type: 'cited', paperId: p.id, cited: { labels: ['paper.tex:42', 'intro.tex:7'], more: 0 } });
    assert.deepEqual(
      placeButtons(page).map((b) => b.textContent),
      ['paper.tex:42', 'intro.tex:7'],
    );
    assert.equal(page.root.querySelector('h1'), title, 'the rest of the page was not redrawn');
    page.send({ type: 'cited', paperId: 'another', cited: { labels: ['other.tex:1'], more: 0 } });
    assert.equal(placeButtons(page).length, 2, 'places for another paper are ignored');
    page.send({ type: 'cited', paperId: p.id, cited: { labels: [], more: 0 } });
    assert.equal(section(page), null);
    page.send({ type: 'cited', paperId: p.id, cited: { labels: ['back.tex:3'], more: 0 } });
    assert.equal(section(page)?.previousElementSibling?.className, 'actions');
  });

  it('keeps the places in its state and draws them at once after a reload', async () => {
    const first = await openPaperPage();
    first.send(showWith(['paper.tex:42']));
    first.send({ type: 'cited', paperId: p.id, cited: { labels: ['paper.tex:42', 'intro.tex:7'], more: 0 } });
    const reloaded = await openPaperPage(first.state());
    assert.deepEqual(
      placeButtons(reloaded).map((b) => b.textContent),
      ['paper.tex:42', 'intro.tex:7'],
    );
  });

  it('draws no places from saved state that holds a broken list', async () => {
    const first = await openPaperPage();
    first.send(showWith(['paper.tex:42']));
    const state = { ...(first.state() as object), cited: { labels: ['<b>x</b>', { bad: true }] } };
    const reloaded = await openPaperPage(state);
    assert.ok(reloaded.root.querySelector('h1'));
    assert.equal(section(reloaded), null);
  });
});
