import { addDays } from './dates';
import type { Paper } from './paper';

export type SortOrder = 'upvotes' | 'date' | 'title';
export const SORT_ORDERS: readonly SortOrder[] = ['upvotes', 'date', 'title'];

export function isSortOrder(value: unknown): value is SortOrder {
  return typeof value === 'string' && (SORT_ORDERS as readonly string[]).includes(value);
}

export interface DayGroup {
  /** `YYYY-MM-DD`, or `undated` for papers without a feed day. */
  day: string;
  papers: Paper[];
}

// One collator, made on first use: `localeCompare` with options builds one per call, which
// made sorting a week of papers a large part of drawing the first screen.
let titleCollator: Intl.Collator | undefined;
const byTitle = (a: Paper, b: Paper) => (titleCollator ??= new Intl.Collator(undefined, { sensitivity: 'base' })).compare(a.title, b.title);

const comparators: Record<SortOrder, (a: Paper, b: Paper) => number> = {
  upvotes: (a, b) => (b.upvotes ?? 0) - (a.upvotes ?? 0) || byTitle(a, b),
  date: (a, b) => (b.published ?? '').localeCompare(a.published ?? '') || byTitle(a, b),
  title: byTitle,
};

export function sortPapers(papers: readonly Paper[], order: SortOrder): Paper[] {
  return [...papers].sort(comparators[order]);
}

/** Papers grouped by feed day, newest day first, each group sorted by `order`. */
export function groupByDay(papers: readonly Paper[], order: SortOrder): DayGroup[] {
  const groups = new Map<string, Paper[]>();
  for (const paper of papers) {
    const day = paper.feedDay ?? 'undated';
    let list = groups.get(day);
    if (!list) groups.set(day, (list = []));
    list.push(paper);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === 'undated' ? 1 : b === 'undated' ? -1 : b.localeCompare(a)))
    .map(([day, list]) => ({ day, papers: sortPapers(list, order) }));
}

/** "Today", "Yesterday", or the date written out, e.g. "Wed, 25 Nov 2026". */
export function dayLabel(day: string, today: string, locale?: string): string {
  if (day === today) return 'Today';
  if (day === addDays(today, -1)) return 'Yesterday';
  if (day === 'undated') return 'Undated';
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale ?? 'en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** Compact age for "cached 3 h ago" style labels. */
export function ageLabel(fromIso: string, now: Date): string {
  const ms = now.getTime() - Date.parse(fromIso);
  if (!Number.isFinite(ms)) return 'at an unknown time';
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}
