import { compileWatchList, type WatchMatcher } from '../../core/tracking/watchList';
import type { Paper } from '../../core/paper';
import type { PaperMarker } from './feedTree';
import type { Settings } from '../settings';
import type { UserState } from '../tracking/userState';

/** The marks every tree draws: read and saved from the user's state, watched from the watch list. */
export class PaperMarks implements PaperMarker {
  private watch!: WatchMatcher;

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
}
