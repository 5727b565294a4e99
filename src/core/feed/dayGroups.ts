/**
 * The feed view's shape: papers sorted within a day, grouped by feed day newest first, and
 * the labels for days ("Today", "Yesterday", a date) and for a cache's age.
 */
import { dateFormat } from '../dateFormat';
import { addDays, newestFirst } from '../dates';
import type { Paper } from '../paper';

export type SortOrder = 'upvotes' | 'date' | 'title' | 'forYou';
export const SORT_ORDERS: readonly SortOrder[] = ['upvotes', 'date', 'title', 'forYou'];

/**
 * How the "For you" order ranks a paper, higher first (docs/recommendations.md): the model's
 * score once it is trained, watch-list matches before the rest until then. Ties go by upvotes.
 */
export type PaperRank = (paper: Paper) => number;

export function isSortOrder(value: unknown): value is SortOrder {
  return typeof value === 'string' && (SORT_ORDERS as readonly string[]).includes(value);
}

export interface DayGroup {
  /** `YYYY-MM-DD`, or `undated` for papers without a feed day. */
  day: string;
  papers: Paper[];
}

// Sorting by title uses the display language's collation, through one collator made on first
// use (`localeCompare` with options builds one per call). The first collator of a process
// loads ICU's collation data, about 8 ms here, so ties in the other orders — which the first
// screen sorts on every start — are broken by a cheaper key: the title in lower case, by code
// unit. For English titles the two orders agree; they differ on accents and punctuation only.
let titleCollator: Intl.Collator | undefined;
const byTitle = (a: Paper, b: Paper) =>
  (titleCollator ??= new Intl.Collator(undefined, { sensitivity: 'base' })).compare(a.title, b.title);

interface Keyed {
  paper: Paper;
  /** The "For you" rank, worked out once per paper. */
  rank: number;
  /** The tie-breaking key, computed once per paper instead of once per comparison. */
  title: string;
}
const byTitleKey = (a: Keyed, b: Keyed) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0);

const byUpvotes = (a: Keyed, b: Keyed) => (b.paper.upvotes ?? 0) - (a.paper.upvotes ?? 0) || byTitleKey(a, b);
const keyedComparators: Record<Exclude<SortOrder, 'title'>, (a: Keyed, b: Keyed) => number> = {
  upvotes: byUpvotes,
  forYou: (a, b) => b.rank - a.rank || byUpvotes(a, b),
  date: (a, b) => newestFirst(a.paper.published ?? '', b.paper.published ?? '') || byTitleKey(a, b),
};

/** `rank` is for the "For you" order; without one it is the upvote order. */
export function sortPapers(papers: readonly Paper[], order: SortOrder, rank?: PaperRank): Paper[] {
  if (order === 'title') return [...papers].sort(byTitle);
  const compare = keyedComparators[order];
  const rankOf = order === 'forYou' && rank ? rank : () => 0;
  return papers
    .map((paper): Keyed => ({ paper, rank: rankOf(paper), title: paper.title.toLowerCase() }))
    .sort(compare)
    .map((k) => k.paper);
}

/** Papers grouped by feed day, newest day first, each group sorted by `order`. */
export function groupByDay(papers: readonly Paper[], order: SortOrder, rank?: PaperRank): DayGroup[] {
  const groups = new Map<string, Paper[]>();
  for (const paper of papers) {
    const day = paper.feedDay ?? 'undated';
    let list = groups.get(day);
    if (!list) groups.set(day, (list = []));
    list.push(paper);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === 'undated' ? 1 : b === 'undated' ? -1 : newestFirst(a, b)))
    .map(([day, list]) => ({ day, papers: sortPapers(list, order, rank) }));
}

/** The words for the days that are not written as a date, in the display language. */
export interface DayWords {
  today: string;
  yesterday: string;
  undated: string;
}
const ENGLISH_DAY_WORDS: DayWords = { today: 'Today', yesterday: 'Yesterday', undated: 'Undated' };

/**
 * "Today", "Yesterday", or the date written out in `locale`, e.g. "Wed, 25 Nov 2026" (en-GB),
 * "Mi., 25. Nov. 2026" (de); `words` are the first three in the display language.
 */
export function dayLabel(day: string, today: string, locale?: string, words: DayWords = ENGLISH_DAY_WORDS): string {
  if (day === today) return words.today;
  if (day === addDays(today, -1)) return words.yesterday;
  if (day === 'undated') return words.undated;
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  const lang = locale ?? 'en-GB';
  if (US_ENGLISH.test(lang)) return usEnglishDay(date);
  try {
    return dateFormat(lang, DAY_LABEL).format(date);
  } catch {
    // A locale tag Intl does not accept: English is better than nothing.
    return usEnglishDay(date);
  }
}

// VS Code's English is `en`, and these labels are on the first screen: the first
// Intl.DateTimeFormat of a process costs about 14 ms in the extension host (measured in
// code-server 4.139) while ICU loads its data. For US English the label is written here, the
// same text Intl gives (a unit test compares them over four years); other languages use Intl.
const US_ENGLISH = /^en(?:-us)?$/i;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Fri, Nov 27, 2026", for a UTC midnight. */
export function usEnglishDay(date: Date): string {
  return `${WEEKDAYS[date.getUTCDay()]}, ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}

const DAY_LABEL: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
};

/**
 * Compact age for "cached 3 h ago" style labels, in `locale` (VS Code's display language):
 * English is written here, as on the first screen nothing loads ICU for it (see `dayLabel`);
 * other languages use `Intl.RelativeTimeFormat`. `unknown` is the text for an unreadable time.
 */
export function ageLabel(fromIso: string, now: Date, locale = 'en', unknown = 'at an unknown time'): string {
  const ms = now.getTime() - Date.parse(fromIso);
  if (!Number.isFinite(ms)) return unknown;
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const hours = Math.round(minutes / 60);
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    minutes < 1
      ? [0, 'second']
      : minutes < 60
        ? [minutes, 'minute']
        : hours < 48
          ? [hours, 'hour']
          : [Math.round(hours / 24), 'day'];
  if (/^en(?:-|$)/i.test(locale)) {
    if (unit === 'second') return 'just now';
    if (unit === 'minute') return `${value} min ago`;
    if (unit === 'hour') return `${value} h ago`;
    return `${value} days ago`;
  }
  const format = relativeFormat(locale);
  return format ? format.format(-value, unit) : ageLabel(fromIso, now, 'en', unknown);
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat | undefined>();

function relativeFormat(locale: string): Intl.RelativeTimeFormat | undefined {
  if (!relativeFormats.has(locale)) {
    let format: Intl.RelativeTimeFormat | undefined;
    try {
      // `auto` says "now" rather than "0 seconds ago"; `short` keeps a view's description short.
      format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
    } catch {
      format = undefined;
    }
    relativeFormats.set(locale, format);
  }
  return relativeFormats.get(locale);
}

/**
 * A count (upvotes, papers) written in `locale`. Below 1000 every language LitFeed is translated
 * into writes the plain digits, so the tree's rows do not load ICU for them on the first screen.
 */
export function countLabel(n: number, locale = 'en'): string {
  if (Number.isInteger(n) && Math.abs(n) < 1000 && PLAIN_DIGITS.test(locale)) return String(n);
  let format = numberFormats.get(locale);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale);
    } catch {
      format = new Intl.NumberFormat('en');
    }
    numberFormats.set(locale, format);
  }
  return format.format(n);
}

/** Languages whose numbers below 1000 are the ASCII digits with nothing added. */
const PLAIN_DIGITS = /^(?:en|de|fr|es|pt|it|nl|ja|ko|zh|ru|pl|cs|tr)(?:-|$)/i;
const numberFormats = new Map<string, Intl.NumberFormat>();
