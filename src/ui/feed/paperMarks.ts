import { compileWatchList, type WatchMatcher } from '../../core/tracking/watchList';
import type { Paper } from '../../core/paper';
import type { PaperMarker } from './feedTree';
import type { Settings } from '../settings';
import type { UserState } from '../tracking/userState';
import type { CitedPlace, PaperCitations } from '../refs/citedPlaces';

const NOWHERE: readonly CitedPlace[] = [];

/**
 * The marks every tree draws: read and saved from the user's state, watched from the watch
 * list, cited from the workspace's citation index once the lazily loaded bundle hands it over.
 */
export class PaperMarks implements PaperMarker {
  private watch!: WatchMatcher;
  private citations: PaperCitations | undefined;
  private notes: { has(paper: Paper): boolean } | undefined;

  constructor(
    private readonly user: UserState,
    settings: Settings,
  ) {
    this.setWatchList(settings);
  }

  /** Compiled once per settings change, not per paper drawn. */
  setWatchList(settings: Settings): void {
    this.watch = compileWatchList({ keywords: settings.watchKeywords, authors: settings.watchAuthors });
  }

  watchMatch(paper: Paper) {
    return this.watch.isEmpty ? undefined : this.watch.matchPaper(paper);
  }

  isRead(paper: Paper): boolean {
    return this.user.isRead(paper);
  }

  isSaved(paper: Paper): boolean {
    return this.user.isSaved(paper);
  }

  /**
   * The trees do not listen to `citations` themselves: whoever hands it over redraws them when
   * it changes (and again after handing it over, for rows drawn without it).
   */
  setCitations(citations: PaperCitations | undefined): void {
    this.citations = citations;
  }

  /** Which papers have notes, once the lazily loaded bundle hands it over (redrawn as `setCitations`). */
  setNotes(notes: { has(paper: Paper): boolean } | undefined): void {
    this.notes = notes;
  }

  hasNotes(paper: Paper): boolean {
    try {
      return this.notes?.has(paper) ?? false;
    } catch {
      return false;
    }
  }

  citedPlaces(paper: Paper): readonly CitedPlace[] {
    const citations = this.citations;
    if (!citations) return NOWHERE;
    try {
      return citations.isCited(paper) ? citations.places(paper) : NOWHERE;
    } catch {
      // An index still being built, or broken, must not take the trees down with it.
      return NOWHERE;
    }
  }
}
