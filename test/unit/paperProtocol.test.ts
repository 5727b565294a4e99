import * as assert from 'node:assert/strict';
import { readPageMessage, readSavedPaper, readSavedPaperId } from '../../src/webview/protocol';

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

  it('recovers a paper from saved state, filling missing lists', () => {
    const paper = readSavedPaper({
      paperId: 'p1',
      paper: { id: 'p1', title: 'T', authors: ['A', 3], source: 'hf-daily' },
    });
    assert.equal(paper?.id, 'p1');
    assert.deepEqual(paper?.authors, ['A']);
    assert.deepEqual(paper?.aiKeywords, []);
    assert.deepEqual(paper?.links, {});
    assert.equal(paper?.abstract, '');
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
      { paperId: 'b', paper: { id: 'a', title: 'T' } },
    ]) {
      assert.equal(readSavedPaper(state), undefined, JSON.stringify(state));
    }
    assert.equal(readSavedPaperId({ paperId: 7 }), undefined);
  });
});
