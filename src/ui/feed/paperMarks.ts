import { compileWatchList, type WatchMatcher } from '../../core/tracking/watchList';
import type { Paper } from '../../core/paper';
import type { PaperMarker } from './feedTree';
import type { Settings } from '../settings';
import type { UserState } from '../tracking/userState';
import type { CitedPlace, PaperCitations } from '../refs/citedPlaces';

const NOWHERE: readonly CitedPlace[] = [];

/** Why the "For you" order ranks a paper where it does, for its tooltip. */
export interface RankReason {
  /** The title of the kept paper it is most like. */
  like?: string;
  /** Its words that weighed most. */
  words: string[];
}

/** The "For you" model as the trees see it (ui/recs/forYou.ts, from the lazily loaded bundle). */
export interface Ranking {
  /** Whether it learned from enough kept papers; until then the order falls back. */
  trained(): boolean;
  /** Kept papers counted so far; undefined before the first count. */
  kept(): number | undefined;
  score(paper: Paper): number;
  reason(paper: Paper): RankReason | undefined;
}

/** How the "For you" order stands, for the views' messages. */
export type RankingState = { trained: true } | { trained: false; kept: number | undefined };

/**
 * The marks every tree draws: read and saved from the user's state, watched from the watch
 * list, cited from the workspace's citation index once the lazily loaded bundle hands it over.
 */
export class PaperMarks implements PaperMarker {
  private watch!: WatchMatcher;
  private citations: PaperCitations | undefined;
  private notes: { has(paper: Paper): boolean } | undefined;
  private ranking: Ranking | undefined;

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

  /** The "For you" model, once the lazily loaded bundle hands it over (redrawn as `setCitations`). */
  setRanking(ranking: Ranking | undefined): void {
    this.ranking = ranking;
  }

  /** Undefined while no model is handed over (the lazily loaded bundle is not there yet). */
  rankingState(): RankingState | undefined {
    const ranking = this.ranking;
    if (!ranking) return undefined;
    return ranking.trained() ? { trained: true } : { trained: false, kept: ranking.kept() };
  }

  /**
   * The "For you" rank: the model's score once trained; until then watch-list matches first
   * (the order then falls back to upvotes, which break ties).
   */
  rank(paper: Paper): number {
    try {
      if (this.ranking?.trained()) return this.ranking.score(paper);
    } catch {
      // A model that cannot score a paper must not take the trees down: it ranks as untrained.
    }
    return this.watchMatch(paper) ? 1 : 0;
  }

  reason(paper: Paper): RankReason | undefined {
    try {
      return this.ranking?.reason(paper);
    } catch {
      return undefined;
    }
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
