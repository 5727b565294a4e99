import * as vscode from 'vscode';
import type { SortOrder } from '../../core/feed/dayGroups';
import { MIN_POSITIVES } from '../../core/recs/minPositives';
import type { RankingState } from './paperMarks';

/**
 * What a view in the "For you" order says while the order falls back: how many kept papers
 * it has and needs, and what it shows until then. Undefined in other orders, once trained,
 * or before the first count (the lazily loaded bundle is still starting).
 */
export function forYouNote(sort: SortOrder, state: RankingState | undefined): string | undefined {
  if (sort !== 'forYou' || !state || state.trained || state.kept === undefined) return undefined;
  return vscode.l10n.t(
    'For you learns from the papers you save, cite or take notes on: {0} of {1} so far. Until then, watch-list matches come first, then the most upvoted.',
    state.kept,
    MIN_POSITIVES,
  );
}
