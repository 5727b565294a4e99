/**
 * The reading list (papers the user saved, kept whole so they outlive the feed cache) and
 * read marks, independent of where they are stored: both persist through a `Memento`, the
 * shape of VS Code's `globalState` (tests pass an in-memory one).
 *
 * A stored value that cannot be read never throws: the list starts empty, the problem is
 * reported in `problems`, and the unreadable value is copied to `<key>.unreadable` before
 * the first write replaces it, so nothing the user had is destroyed silently.
 */
import type { Paper } from '../paper';
import { decodePaper } from '../paperRecord';
import { errorMessage, isRecord } from '../guards';
import {
  decodeTags,
  deleteTagAcross,
  renameTagAcross,
  spellAsExisting,
  tagCounts,
  uniqueTags,
  type TagCount,
} from './tags';

/** What VS Code's `Memento` (e.g. `context.globalState`) offers and these classes need. */
export interface Memento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface StateProblem {
  key: string;
  reason: string;
  /** Entries dropped from an otherwise readable value. */
  dropped?: number;
}

export interface SavedPaper {
  paper: Paper;
  /** When it was saved, ISO 8601. */
  savedAt: string;
  /** The user's tags (core/tracking/tags.ts), each once, spelt as the list spells them. */
  tags: readonly string[];
}

/** Tags to set on a paper, saved first when it is not saved yet. */
export interface TagChange {
  paper: Paper;
  tags: readonly string[];
}

/** `saved`: newest saved first; `title`: A to Z; `date`: newest paper first. */
export type ReadingListSort = 'saved' | 'title' | 'date';

export const READING_LIST_KEY = 'litfeed.readingList';
export const READ_STATE_KEY = 'litfeed.readPapers';
const FORMAT_VERSION = 1;

/** The in-memory Memento tests (and a VS Code-less host) use. */
export class MemoryMemento implements Memento {
  private readonly values = new Map<string, unknown>();

  constructor(initial: Record<string, unknown> = {}) {
    for (const [key, value] of Object.entries(initial)) this.values.set(key, value);
  }

  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  async update(key: string, value: unknown): Promise<void> {
    // VS Code stores values as JSON: a round trip keeps tests honest about what survives.
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)));
  }

  keys(): string[] {
    return [...this.values.keys()];
  }
}

/** Writes to one key in call order; a failed write does not stop later ones. */
class KeyWriter {
  private chain: Promise<void> = Promise.resolve();
  private unreadable: unknown;
  private hasUnreadable = false;

  constructor(
    private readonly memento: Memento,
    readonly key: string,
  ) {}

  /** Keeps a value that could not be read, to be copied aside before it is overwritten. */
  keepAside(value: unknown): void {
    this.unreadable = value;
    this.hasUnreadable = true;
  }

  write(value: unknown): Promise<void> {
    const run = async () => {
      if (this.hasUnreadable) {
        await this.memento.update(`${this.key}.unreadable`, this.unreadable);
        this.hasUnreadable = false;
        this.unreadable = undefined;
      }
      await this.memento.update(this.key, value);
    };
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }
}

// --- reading list -----------------------------------------------------------------------------

interface StoredReadingList {
  version: number;
  entries: { paper: Paper; savedAt: string; tags?: string[] }[];
}

/**
 * Tags ride in the entries, under the same synced key, and only where a paper has some. The
 * format stays version 1: an older LitFeed reads an entry with `tags` as before (it ignores the
 * field), where a new version number would make it show an empty list.
 */
export function serialiseReadingList(entries: readonly SavedPaper[]): StoredReadingList {
  return {
    version: FORMAT_VERSION,
    entries: entries.map((e) => ({
      paper: e.paper,
      savedAt: e.savedAt,
      ...(e.tags.length > 0 ? { tags: [...e.tags] } : {}),
    })),
  };
}

/** Whether `value` is a stored reading list this version reads (its entries may still be bad). */
function readableList(value: unknown): value is { version: number; entries: unknown[] } {
  return (
    isRecord(value) &&
    Array.isArray(value.entries) &&
    typeof value.version === 'number' &&
    value.version <= FORMAT_VERSION
  );
}

/**
 * Reads a stored reading list. Nothing stored is an empty list; a value of the wrong shape
 * (or from a newer LitFeed) is an empty list and a problem; bad entries are dropped and
 * counted. Never throws.
 */
export function deserialiseReadingList(
  value: unknown,
  key = READING_LIST_KEY,
): { entries: SavedPaper[]; problem?: StateProblem } {
  if (value === undefined || value === null) return { entries: [] };
  if (!isRecord(value) || !Array.isArray(value.entries) || typeof value.version !== 'number') {
    return {
      entries: [],
      problem: { key, reason: `the stored reading list is not readable (${describeValue(value)})` },
    };
  }
  if (!readableList(value)) {
    return {
      entries: [],
      problem: { key, reason: `the stored reading list was written by a newer LitFeed (format ${value.version})` },
    };
  }
  const entries: SavedPaper[] = [];
  const seen = new Set<string>();
  let dropped = 0;
  let droppedTags = 0;
  for (const raw of value.entries) {
    const decoded = decodeEntry(raw);
    if (!decoded || seen.has(decoded.entry.paper.id)) {
      dropped++;
      continue;
    }
    droppedTags += decoded.droppedTags;
    seen.add(decoded.entry.paper.id);
    entries.push(decoded.entry);
  }
  // Spelt one way across the list: two windows (or machines) may each have added `ml` and `ML`.
  const spelt = respell(entries);
  if (dropped === 0 && droppedTags === 0) return { entries: spelt };
  const reasons = [
    dropped > 0 ? `${dropped} unreadable reading-list entries were dropped` : '',
    droppedTags > 0 ? `${droppedTags} unreadable tags were dropped (the papers were kept)` : '',
  ].filter(Boolean);
  return {
    entries: spelt,
    problem: { key, reason: reasons.join('; '), ...(dropped > 0 ? { dropped } : {}) },
  };
}

function respell(entries: SavedPaper[]): SavedPaper[] {
  const spellings = tagCounts(entries).map((c) => c.tag);
  return entries.map((e) => {
    const tags = spellAsExisting(e.tags, spellings);
    return tags.every((t, i) => t === e.tags[i]) ? e : { ...e, tags };
  });
}

export interface ReadingListOptions {
  key?: string;
  /** Clock for save times; injectable for tests. */
  now?: () => Date;
}

/**
 * The saved papers and their tags. Another window of the same profile (or Settings Sync) may
 * write the same key: every change first reads the stored list again when it is not the one
 * this object last read or wrote, and applies itself to that, so two windows' changes add up
 * rather than the later write undoing the earlier one.
 */
export class ReadingList {
  readonly problems: StateProblem[] = [];
  private entries = new Map<string, SavedPaper>();
  private readonly writer: KeyWriter;
  private readonly now: () => Date;
  private readonly listeners = new Set<() => void>();
  private readonly key: string;
  /** The stored value as this object last read or wrote it: another writer's replaces it. */
  private lastSeen: unknown;
  /** Writes of this object not finished: until they are, the stored value is older than `entries`. */
  private writing = 0;

  constructor(
    private readonly memento: Memento,
    options: ReadingListOptions = {},
  ) {
    const key = options.key ?? READING_LIST_KEY;
    this.key = key;
    this.writer = new KeyWriter(memento, key);
    this.now = options.now ?? (() => new Date());
    let stored: unknown;
    try {
      stored = memento.get<unknown>(key);
    } catch (err) {
      stored = undefined;
      this.problems.push({ key, reason: `the reading list could not be read: ${errorMessage(err)}` });
    }
    this.lastSeen = stored;
    const { entries, problem } = deserialiseReadingList(stored, key);
    if (problem) {
      this.problems.push(problem);
      this.writer.keepAside(stored);
    }
    for (const entry of entries) this.entries.set(entry.paper.id, entry);
  }

  /**
   * Reads the stored list again when someone else wrote it since; resolves nothing, returns
   * true when the list changed (listeners are told). A value that cannot be read at all leaves
   * the list as it is, and is kept aside before the next write replaces it.
   */
  reload(): boolean {
    if (this.writing > 0) return false;
    let stored: unknown;
    try {
      stored = this.memento.get<unknown>(this.key);
    } catch {
      return false;
    }
    if (stored === this.lastSeen) return false;
    this.lastSeen = stored;
    const { entries, problem } = deserialiseReadingList(stored, this.key);
    if (problem) {
      this.problems.push(problem);
      this.writer.keepAside(stored);
      if (stored !== undefined && stored !== null && !readableList(stored)) return false;
    }
    this.entries = new Map(entries.map((e) => [e.paper.id, e]));
    for (const listener of this.listeners) listener();
    return true;
  }

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  get(id: string): SavedPaper | undefined {
    return this.entries.get(id);
  }

  /**
   * Saves a paper. Saving one already saved keeps its save date and takes the newer record
   * (fresh upvotes, a merged arXiv record). Resolves to true when it was not saved before.
   */
  async save(paper: Paper): Promise<boolean> {
    this.reload();
    const existing = this.entries.get(paper.id);
    this.entries.set(paper.id, {
      paper,
      savedAt: existing?.savedAt ?? this.now().toISOString(),
      tags: existing?.tags ?? [],
    });
    await this.persist();
    return existing === undefined;
  }

  /** Resolves to true when the paper was saved. */
  async unsave(id: string): Promise<boolean> {
    this.reload();
    if (!this.entries.delete(id)) return false;
    await this.persist();
    return true;
  }

  /** The paper's tags; none when it is not saved. */
  tagsOf(id: string): readonly string[] {
    return this.entries.get(id)?.tags ?? [];
  }

  /** Every tag in use, A to Z, with how many papers have it. */
  allTags(): TagCount[] {
    return tagCounts([...this.entries.values()]);
  }

  /**
   * Sets exactly these tags on each paper, spelt as the list already spells them. A paper not
   * saved yet is saved with its tags (one not saved and given no tags is left alone). Resolves
   * to how many papers changed.
   */
  async setTags(changes: readonly TagChange[]): Promise<number> {
    this.reload();
    let changed = 0;
    for (const { paper, tags } of changes) {
      const existing = this.entries.get(paper.id);
      const others = [...this.entries.values()].filter((e) => e !== existing).flatMap((e) => e.tags);
      const next = spellAsExisting(uniqueTags(tags), others);
      if (existing ? sameTags(existing.tags, next) : next.length === 0) continue;
      this.entries.set(paper.id, {
        paper: existing?.paper ?? paper,
        savedAt: existing?.savedAt ?? this.now().toISOString(),
        tags: next,
      });
      changed++;
    }
    if (changed > 0) await this.persist();
    return changed;
  }

  /**
   * Renames a tag on every paper (onto an existing tag: the two merge). Resolves to how many
   * papers changed and the name the tag has now (undefined when `to` is no tag name).
   */
  async renameTag(from: string, to: string): Promise<{ changed: number; to?: string }> {
    this.reload();
    const result = renameTagAcross([...this.entries.values()], from, to);
    if (result.changed > 0) {
      this.entries = new Map(result.entries.map((e) => [e.paper.id, e]));
      await this.persist();
    }
    return result.to === undefined ? { changed: result.changed } : { changed: result.changed, to: result.to };
  }

  /** Takes a tag off every paper (the papers stay saved); resolves to how many had it. */
  async deleteTag(tag: string): Promise<number> {
    this.reload();
    const result = deleteTagAcross([...this.entries.values()], tag);
    if (result.changed > 0) {
      this.entries = new Map(result.entries.map((e) => [e.paper.id, e]));
      await this.persist();
    }
    return result.changed;
  }

  list(sort: ReadingListSort = 'saved'): SavedPaper[] {
    const entries = [...this.entries.values()];
    return entries.sort(COMPARATORS[sort] ?? COMPARATORS.saved);
  }

  /** Called after every change; returns a function that unsubscribes. */
  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async persist(): Promise<void> {
    for (const listener of this.listeners) listener();
    this.writing++;
    try {
      await this.writer.write(serialiseReadingList([...this.entries.values()]));
    } finally {
      // What is stored now is this object's own: only another writer's value is news to reload().
      if (--this.writing === 0) this.lastSeen = this.storedValue();
    }
  }

  private storedValue(): unknown {
    try {
      return this.memento.get<unknown>(this.key);
    } catch {
      return undefined;
    }
  }
}

// Made on first use: the first collator of a process loads ICU's collation data (about 8 ms
// here), which drawing the feed at start-up does not need.
let collator: Intl.Collator | undefined;

const byTitle = (a: SavedPaper, b: SavedPaper) =>
  (collator ??= new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })).compare(
    a.paper.title,
    b.paper.title,
  ) || compareIds(a, b);

const COMPARATORS: Record<ReadingListSort, (a: SavedPaper, b: SavedPaper) => number> = {
  saved: (a, b) => Date.parse(b.savedAt) - Date.parse(a.savedAt) || byTitle(a, b),
  title: byTitle,
  date: (a, b) => paperTime(b.paper) - paperTime(a.paper) || byTitle(a, b),
};

function compareIds(a: SavedPaper, b: SavedPaper): number {
  return a.paper.id < b.paper.id ? -1 : a.paper.id > b.paper.id ? 1 : 0;
}

/** A paper's date for sorting: publication, else feed day; undated papers last. */
function paperTime(paper: Paper): number {
  const t = Date.parse(paper.published ?? paper.feedDay ?? '');
  return Number.isNaN(t) ? -Infinity : t;
}

// --- read marks -------------------------------------------------------------------------------

export const READ_STATE_CAP = 20_000;

export interface ReadStateOptions {
  key?: string;
  /** Most ids kept; the least recently marked go first. */
  cap?: number;
}

/**
 * Ids of papers the user has opened. Bounded: past `cap` ids the least recently marked are
 * forgotten (a paper that old has long left the feed). Stored as `{ version, ids }`, oldest first.
 */
export class ReadState {
  readonly problems: StateProblem[] = [];
  readonly cap: number;
  /** Insertion order is marking order, oldest first. */
  private readonly ids = new Set<string>();
  private readonly writer: KeyWriter;

  constructor(memento: Memento, options: ReadStateOptions = {}) {
    const key = options.key ?? READ_STATE_KEY;
    this.cap = Math.max(1, Math.floor(options.cap ?? READ_STATE_CAP));
    this.writer = new KeyWriter(memento, key);
    let stored: unknown;
    try {
      stored = memento.get<unknown>(key);
    } catch (err) {
      this.problems.push({ key, reason: `read marks could not be read: ${errorMessage(err)}` });
    }
    if (stored === undefined || stored === null) return;
    if (
      !isRecord(stored) ||
      !Array.isArray(stored.ids) ||
      typeof stored.version !== 'number' ||
      stored.version > FORMAT_VERSION
    ) {
      this.problems.push({ key, reason: `the stored read marks are not readable (${describeValue(stored)})` });
      this.writer.keepAside(stored);
      return;
    }
    const ids = stored.ids.filter((id): id is string => typeof id === 'string' && id !== '');
    if (ids.length < stored.ids.length) {
      const dropped = stored.ids.length - ids.length;
      this.problems.push({ key, reason: `${dropped} unreadable read marks were dropped`, dropped });
    }
    for (const id of ids.slice(-this.cap)) this.ids.add(id);
  }

  get size(): number {
    return this.ids.size;
  }

  isRead(id: string): boolean {
    return this.ids.has(id);
  }

  /** Marks papers read (again: as the most recent). Resolves to how many were unread. */
  async markRead(ids: string | Iterable<string>): Promise<number> {
    let fresh = 0;
    for (const id of typeof ids === 'string' ? [ids] : ids) {
      if (!this.ids.delete(id)) fresh++;
      this.ids.add(id);
    }
    for (const id of this.ids) {
      if (this.ids.size <= this.cap) break;
      this.ids.delete(id);
    }
    await this.persist();
    return fresh;
  }

  /** Resolves to how many of `ids` were read. */
  async markUnread(ids: string | Iterable<string>): Promise<number> {
    let removed = 0;
    for (const id of typeof ids === 'string' ? [ids] : ids) if (this.ids.delete(id)) removed++;
    if (removed > 0) await this.persist();
    return removed;
  }

  private persist(): Promise<void> {
    return this.writer.write({ version: FORMAT_VERSION, ids: [...this.ids] });
  }
}

// --- decoding -----------------------------------------------------------------------------------

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isRecord(value)) {
    return typeof value.version === 'number' && value.version > FORMAT_VERSION
      ? `format ${value.version}`
      : 'an object of another shape';
  }
  return typeof value;
}

function decodeEntry(raw: unknown): { entry: SavedPaper; droppedTags: number } | undefined {
  if (!isRecord(raw) || typeof raw.savedAt !== 'string' || Number.isNaN(Date.parse(raw.savedAt))) return undefined;
  // A saved paper must also have a title to show in the Reading List.
  const paper = decodePaper(raw.paper, { fallbackSource: 'hf-daily' });
  if (!paper || paper.title === '') return undefined;
  // Tags are the user's labels, not the paper: bad ones are dropped, the paper is kept.
  const { tags, dropped } = decodeTags(raw.tags);
  return { entry: { paper, savedAt: raw.savedAt, tags }, droppedTags: dropped };
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
