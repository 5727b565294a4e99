/**
 * Calendar arithmetic on `YYYY-MM-DD` strings, always in UTC. Feed days, ISO weeks and
 * months are the keys the Hugging Face API and the cache use, so the helpers speak those
 * strings directly and never a local time zone.
 */

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_WEEK = /^(\d{4})-W(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/**
 * Midnight UTC of a calendar date. `Date.UTC` maps years 0–99 to 1900–1999, so the year
 * is set separately to keep every four-digit year literal.
 */
function utcMidnight(year: number, monthIndex: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatDay(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

function parseDay(day: string): Date {
  const m = ISO_DAY.exec(day);
  if (m) {
    const date = utcMidnight(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    // Date rolls 2023-02-30 over to March; a real day formats back to itself.
    if (formatDay(date) === day) return date;
  }
  throw new RangeError(`not a calendar day (YYYY-MM-DD): ${JSON.stringify(day)}`);
}

/** Monday = 0 … Sunday = 6, the ISO 8601 order. */
function isoWeekday(date: Date): number {
  return (date.getUTCDay() + 6) % 7;
}

/** True for an existing calendar day written `YYYY-MM-DD`. */
export function isIsoDay(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  try {
    parseDay(s);
    return true;
  } catch {
    return false;
  }
}

/** `day` moved by `n` days (negative goes back). */
/**
 * Newest first, for ISO dates, days and date-times: they sort as strings. `localeCompare`
 * would give the same order but loads ICU's collation data (about 8 ms) on first use.
 */
export function newestFirst(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

export function addDays(day: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`day offset must be an integer: ${n}`);
  return formatDay(new Date(parseDay(day).getTime() + n * DAY_MS));
}

/** Whole days from `a` to `b`: positive when `b` is later, so `addDays(a, daysBetween(a, b)) === b`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((parseDay(b).getTime() - parseDay(a).getTime()) / DAY_MS);
}

/** The UTC calendar day of `now`. */
export function todayIso(now: Date = new Date()): string {
  if (Number.isNaN(now.getTime())) throw new RangeError('invalid Date');
  return formatDay(now);
}

/** The ISO 8601 week (`YYYY-Www`) a day belongs to; its year is the year of that week's Thursday. */
export function isoWeekOf(day: string): string {
  const date = parseDay(day);
  const thursday = new Date(date.getTime() + (3 - isoWeekday(date)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const dayOfYear = Math.round((thursday.getTime() - utcMidnight(year, 0, 1).getTime()) / DAY_MS);
  return `${pad(year, 4)}-W${pad(Math.floor(dayOfYear / 7) + 1, 2)}`;
}

/** True for an existing ISO week such as `2020-W53` (not `2021-W53`). */
export function isIsoWeek(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  try {
    daysOfIsoWeek(s);
    return true;
  } catch {
    return false;
  }
}

/** The seven days, Monday first, of an ISO week `YYYY-Www`. */
export function daysOfIsoWeek(week: string): string[] {
  const m = ISO_WEEK.exec(week);
  if (m) {
    const year = Number(m[1]);
    const n = Number(m[2]);
    // 4 January is always in week 1.
    const jan4 = utcMidnight(year, 0, 4);
    const monday = new Date(jan4.getTime() + ((n - 1) * 7 - isoWeekday(jan4)) * DAY_MS);
    const first = formatDay(monday);
    // Week 53 exists only in some years; a week that spills into the next ISO year is not real.
    if (n >= 1 && isoWeekOf(first) === week) {
      return Array.from({ length: 7 }, (_, i) => addDays(first, i));
    }
  }
  throw new RangeError(`not an ISO week (YYYY-Www): ${JSON.stringify(week)}`);
}

/** Every day of a month `YYYY-MM`, in order. */
export function daysOfMonth(month: string): string[] {
  const m = ISO_MONTH.exec(month);
  const monthNumber = m ? Number(m[2]) : 0;
  if (!m || monthNumber < 1 || monthNumber > 12) {
    throw new RangeError(`not a month (YYYY-MM): ${JSON.stringify(month)}`);
  }
  const year = Number(m[1]);
  // Day 0 of the next month is the last day of this one.
  const length = utcMidnight(year, monthNumber, 0).getUTCDate();
  return Array.from({ length }, (_, i) => `${m[1]}-${m[2]}-${pad(i + 1, 2)}`);
}
