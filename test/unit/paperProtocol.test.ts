import * as assert from 'node:assert/strict';
import type { Paper } from '../../src/core/paper';
import { paperViewModel } from '../../src/core/view/paperView';
import {
  DEFAULT_PAGE_STRINGS,
  readHostMessage,
  readPageMessage,
  readSavedPaper,
  readSavedPaperId,
  readState,
  readStrings,
} from '../../src/webview/protocol';

const paper: Paper = {
  id: 'p1',
  title: 'T',
  authors: ['A'],
  abstract: 'Abstract.',
  aiKeywords: ['k'],
  links: { huggingFace: 'https://huggingface.co/papers/p1' },
  source: 'hf-daily',
};

describe('paper view protocol readers', () => {
  it('accepts the page messages it knows', () => {
    assert.deepEqual(readPageMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(readPageMessage({ type: 'openLink', url: 'https://arxiv.org/abs/1' }), {
      type: 'openLink',
      url: 'https://arxiv.org/abs/1',
    });
    for (const action of ['cite', 'copyBibtex', 'save', 'openPdf', 'openHuggingFace']) {
      assert.deepEqual(readPageMessage({ type: 'action', action }), { type: 'action', action });
    }
  });

  it('drops extra fields instead of passing them on', () => {
    assert.deepEqual(readPageMessage({ type: 'ready', command: 'workbench.action.terminal.new' }), { type: 'ready' });
  });

  it('rejects anything else', () => {
    for (const data of [
      undefined,
      null,
      'ready',
      [],
      { type: 'openLink' },
      { type: 'openLink', url: 42 },
      { type: 'action', action: 'runCommand' },
      { type: 'action', action: '__proto__' },
      { type: 'show' },
      { type: 'executeCommand', command: 'x' },
    ]) {
      assert.equal(readPageMessage(data), undefined, JSON.stringify(data));
    }
  });

  it('recovers a paper from saved state as decodePaper reads a stored one', () => {
    assert.deepEqual(readSavedPaper({ paperId: 'p1', paper }), paper);
    const repaired = readSavedPaper({
      paperId: 'p1',
      paper: {
        id: 'p1',
        title: 'T',
        authors: ['A'],
        abstract: '',
        source: '../x',
        upvotes: 'many',
        links: { pdf: 'https://arxiv.org/pdf/p1', evil: 'javascript:x', code: 7 },
        later: 'a field from a newer version',
      },
    });
    assert.deepEqual(repaired, {
      id: 'p1',
      title: 'T',
      authors: ['A'],
      abstract: '',
      source: 'hf-daily',
      aiKeywords: [],
      links: { pdf: 'https://arxiv.org/pdf/p1' },
      later: 'a field from a newer version',
    });
    assert.equal(readSavedPaperId({ paperId: 'p1' }), 'p1');
  });

  it('finds no paper in state that does not hold one, or whose id disagrees', () => {
    for (const state of [
      undefined,
      null,
      'x',
      {},
      { paper: null },
      { paper: { id: 1, title: 'T' } },
      { paper: { id: '', title: 'T' } },
      { paper: { id: 'a' } },
      { paper: { id: 'a', title: 'T' } },
      { paper: { ...paper, authors: ['A', 3] } },
      { paper: { ...paper, abstract: { html: '<b>' } } },
      { paper: { ...paper, title: ['T'] } },
      { paperId: 'b', paper },
    ]) {
      assert.equal(readSavedPaper(state), undefined, JSON.stringify(state));
    }
    assert.equal(readSavedPaperId({ paperId: 7 }), undefined);
  });
});

describe('paper view protocol readers, page side', () => {
  const model = paperViewModel(paper);

  it('accepts a show message, with the saved flag only when it is true', () => {
    const message = readHostMessage({ type: 'show', model, saved: true, strings: { cite: 'Zitieren' }, paper });
    assert.equal(message?.type, 'show');
    if (message?.type !== 'show') return;
    assert.equal(message.model, model);
    assert.equal(message.saved, true);
    assert.equal(message.strings.cite, 'Zitieren');
    assert.equal(message.strings.save, DEFAULT_PAGE_STRINGS.save);
    assert.deepEqual(message.paper, paper);
    for (const saved of ['true', 1, {}, undefined]) {
      const m = readHostMessage({ type: 'show', model, saved, strings: {}, paper });
      assert.equal(m?.type === 'show' && m.saved, false, JSON.stringify(saved));
    }
    assert.deepEqual(readHostMessage({ type: 'saved', saved: true, extra: 'x' }), {
      type: 'saved',
      saved: true,
      tags: [],
    });
    assert.deepEqual(readHostMessage({ type: 'saved', saved: 'yes' }), { type: 'saved', saved: false, tags: [] });
    assert.deepEqual(readHostMessage({ type: 'saved', saved: true, tags: ['a', 1, null, 'A', 'x'.repeat(500)] }), {
      type: 'saved',
      saved: true,
      tags: ['a', 'x'.repeat(60)],
    });
    assert.deepEqual(readHostMessage({ type: 'saved', saved: true, tags: 'a' }), {
      type: 'saved',
      saved: true,
      tags: [],
    });
    const show = readHostMessage({ type: 'show', model, saved: true, tags: ['t', {}], strings: {}, paper });
    assert.deepEqual(show?.type === 'show' && show.tags, ['t']);
  });

  it('rejects anything else', () => {
    for (const data of [
      undefined,
      null,
      'show',
      42,
      [],
      { type: 'show' },
      { type: 'show', model: 'x', paper },
      { type: 'show', model: { id: 1, title: 'T' }, paper },
      { type: 'show', model: { id: 'p1' }, paper },
      { type: 'show', model, paper: 'p1' },
      { type: 'show', model, paper: [paper] },
      { type: 'show', model: [model], paper },
      { type: 'ready' },
      { type: 'eval', code: 'pwn()' },
    ]) {
      assert.equal(readHostMessage(data), undefined, JSON.stringify(data));
    }
  });

  it('takes only the known strings, and only strings', () => {
    assert.deepEqual(readStrings(undefined), DEFAULT_PAGE_STRINGS);
    assert.deepEqual(readStrings(['Cite']), DEFAULT_PAGE_STRINGS);
    const strings = readStrings(
      JSON.parse('{"cite": "Citer", "save": 7, "evil": "x", "__proto__": {"abstract": "polluted"}}') as unknown,
    );
    assert.equal(strings.cite, 'Citer');
    assert.equal(strings.save, DEFAULT_PAGE_STRINGS.save);
    assert.equal(strings.abstract, DEFAULT_PAGE_STRINGS.abstract);
    assert.deepEqual(Object.keys(strings).sort(), Object.keys(DEFAULT_PAGE_STRINGS).sort());
    // The defaults themselves are never written to.
    assert.equal(DEFAULT_PAGE_STRINGS.cite, 'Cite');
  });

  it('reads its own saved state back, and nothing else as state', () => {
    const state = {
      paperId: 'p1',
      paper,
      model,
      saved: false,
      strings: DEFAULT_PAGE_STRINGS,
      authorsExpanded: true,
    };
    assert.deepEqual(readState(JSON.parse(JSON.stringify(state))), JSON.parse(JSON.stringify(state)));
    for (const value of [
      undefined,
      null,
      'state',
      [],
      {},
      { ...state, paperId: 1 },
      { ...state, model: null },
      { ...state, model: { id: 'p1' } },
      { ...state, paper: 'p1' },
    ]) {
      assert.equal(readState(value), undefined, JSON.stringify(value));
    }
  });
});
