import * as assert from 'node:assert/strict';
import type { Paper } from '../../src/core/paper';
import type { PaperMarker } from '../../src/ui/feed/feedTree';
import { statusCounts } from '../../src/ui/feed/statusCounts';
import { paper } from '../helpers/paper';

const papers = ['r1', 'u1', 'u2', 'w1', 'w2-read'].map((id) => paper({ id }));
const marker: PaperMarker = {
  isRead: (p: Paper) => p.id.startsWith('r') || p.id.endsWith('-read'),
  watchMatch: (p: Paper) => (p.id.startsWith('w') ? { keywords: ['x'], authors: [] } : undefined),
  isSaved: () => false,
};

describe('status bar counts', () => {
  it('counts the unread papers shown, and the unread ones the watch list matches', () => {
    assert.deepEqual(statusCounts(papers, false, marker), { unread: 3, watched: 1 });
  });

  it('counts nothing for the bundled sample', () => {
    assert.deepEqual(statusCounts(papers, true, marker), { unread: 0, watched: 0 });
  });

  it('counts nothing when nothing is shown', () => {
    assert.deepEqual(statusCounts([], false, marker), { unread: 0, watched: 0 });
  });
});
