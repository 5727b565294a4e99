/**
 * Ranges of feed days (a day, an ISO week, a month). At the root because both the sources (the
 * query a range becomes) and the feed (the days it covers) use them, and neither imports the other.
 */
import { addDays, daysOfIsoWeek, daysOfMonth, isoWeekOf } from './dates';

/** What the feed view is showing: one day, the ISO week or the month around `anchor`. */
export type RangeKind = 'day' | 'week' | 'month';

export interface FeedRange {
  kind: RangeKind;
  /** Any day inside the range, `YYYY-MM-DD`. */
  anchor: string;
}

export const RANGE_KINDS: readonly RangeKind[] = ['day', 'week', 'month'];

export function isRangeKind(value: unknown): value is RangeKind {
  return typeof value === 'string' && (RANGE_KINDS as readonly string[]).includes(value);
}

/** Every calendar day of the range, oldest first. */
export function rangeDays(range: FeedRange): string[] {
  switch (range.kind) {
    case 'day':
      return [range.anchor];
    case 'week':
      return daysOfIsoWeek(isoWeekOf(range.anchor));
    case 'month':
      return daysOfMonth(range.anchor.slice(0, 7));
  }
}

/** The days of the range that can have been listed already (not after `today`). */
export function pastRangeDays(range: FeedRange, today: string): string[] {
  return rangeDays(range).filter((d) => d <= today);
}

/** The Hugging Face query parameter naming this range (`date=`, `week=`, `month=`). */
export function rangeQuery(range: FeedRange): [name: string, value: string] {
  switch (range.kind) {
    case 'day':
      return ['date', range.anchor];
    case 'week':
      return ['week', isoWeekOf(range.anchor)];
    case 'month':
      return ['month', range.anchor.slice(0, 7)];
  }
}

/** The range one step earlier (`direction` -1) or later (+1). */
export function shiftRange(range: FeedRange, direction: 1 | -1): FeedRange {
  switch (range.kind) {
    case 'day':
      return { kind: 'day', anchor: addDays(range.anchor, direction) };
    case 'week':
      return { kind: 'week', anchor: addDays(range.anchor, 7 * direction) };
    case 'month': {
      const [y, m] = range.anchor.slice(0, 7).split('-').map(Number);
      const next = new Date(Date.UTC(y, m - 1 + direction, 1));
      const year = String(next.getUTCFullYear()).padStart(4, '0');
      const month = String(next.getUTCMonth() + 1).padStart(2, '0');
      return { kind: 'month', anchor: `${year}-${month}-01` };
    }
  }
}

/** A stable string for maps and single-flight keys, e.g. `week:2026-W48`. */
export function rangeKey(range: FeedRange): string {
  return rangeQuery(range).join(':');
}

/** True when the range contains `today` or lies after it. */
export function rangeReachesToday(range: FeedRange, today: string): boolean {
  const days = rangeDays(range);
  return days[days.length - 1] >= today;
}
