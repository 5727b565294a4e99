/**
 * Tags on saved papers, as pure functions over a paper's tag list and the reading list's
 * entries. A tag is a short name the user typed: compared without regard to case (`ML` and
 * `ml` are one tag, spelt as it was first written), never empty, never holding a comma (the
 * pick reads `a, b` as two tags), and capped in length so a pasted paragraph stays a label.
 */

/** Longest tag kept, in characters; longer names are cut there. */
export const MAX_TAG_LENGTH = 60;
/** Most tags one paper keeps: more is a list pasted by mistake, not labels. */
export const MAX_TAGS_PER_PAPER = 50;

/** What groupings and filters need of a reading-list entry. */
export interface Tagged {
  tags: readonly string[];
}

export interface TagCount {
  tag: string;
  /** Papers that have it. */
  count: number;
}

export interface TagGroup<T extends Tagged> {
  /** Undefined for the papers without a tag. */
  tag: string | undefined;
  entries: T[];
}

/**
 * The tag `raw` names, or undefined when it names none: Unicode-normalised (NFC), control
 * characters and runs of white space read as one space, trimmed, and cut to MAX_TAG_LENGTH
 * characters without splitting one. A name with a comma is no tag: commas separate tags.
 */
export function normaliseTag(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw
    .normalize('NFC')
    .replace(/[\s\u0000-\u001f\u007f]+/g, ' ')
    .trim();
  if (text === '' || text.includes(',')) return undefined;
  const chars = [...text];
  return chars.length <= MAX_TAG_LENGTH ? text : chars.slice(0, MAX_TAG_LENGTH).join('').trimEnd();
}

/** What makes two tags one: `ML` and `ml`, `Ä` and `ä`. */
export function tagKey(tag: string): string {
  return tag.toLowerCase();
}

export function sameTag(a: string, b: string): boolean {
  return tagKey(a) === tagKey(b);
}

/** The tags typed in a pick's box: `vision, RL ` is `vision` and `RL`; nothing usable is none. */
export function parseTagInput(text: string): string[] {
  return uniqueTags(text.split(',').map(normaliseTag));
}

/** Each tag once (the first spelling), in order, without what is not a tag. */
export function uniqueTags(tags: Iterable<unknown>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = normaliseTag(raw);
    if (tag === undefined || seen.has(tagKey(tag))) continue;
    seen.add(tagKey(tag));
    out.push(tag);
  }
  return out;
}

/**
 * A paper's tags as stored, read back: a list's tags kept, anything else in it dropped and
 * counted; a value that is no list is no tags (and one dropped when it was something).
 */
export function decodeTags(value: unknown): { tags: string[]; dropped: number } {
  if (value === undefined || value === null) return { tags: [], dropped: 0 };
  if (!Array.isArray(value)) return { tags: [], dropped: 1 };
  const tags = uniqueTags(value).slice(0, MAX_TAGS_PER_PAPER);
  const usable = value.filter((v) => normaliseTag(v) !== undefined).length;
  return { tags, dropped: value.length - usable };
}

/**
 * `wanted` spelt as the reading list already spells them: tagging a paper `ml` when others
 * are tagged `ML` adds `ML`, so one tag never shows as two.
 */
export function spellAsExisting(wanted: readonly string[], existing: readonly string[]): string[] {
  const spelling = new Map<string, string>();
  for (const tag of existing) if (!spelling.has(tagKey(tag))) spelling.set(tagKey(tag), tag);
  return uniqueTags(wanted.map((tag) => spelling.get(tagKey(tag)) ?? tag)).slice(0, MAX_TAGS_PER_PAPER);
}

/** Every tag the entries use, each once with how many papers have it, A to Z ignoring case. */
export function tagCounts(entries: readonly Tagged[]): TagCount[] {
  const counts = new Map<string, TagCount>();
  for (const entry of entries) {
    for (const tag of entry.tags) {
      const known = counts.get(tagKey(tag));
      if (known) known.count++;
      else counts.set(tagKey(tag), { tag, count: 1 });
    }
  }
  return [...counts.values()].sort((a, b) => compareTags(a.tag, b.tag));
}

export function hasTag(entry: Tagged, tag: string): boolean {
  return entry.tags.some((t) => sameTag(t, tag));
}

/** The entries tagged `tag`, in their order. */
export function filterByTag<T extends Tagged>(entries: readonly T[], tag: string): T[] {
  return entries.filter((e) => hasTag(e, tag));
}

/**
 * The entries by tag, tags A to Z: a paper with several tags is in each of their groups, the
 * untagged ones in a last group (left out when there are none). Order inside a group is the
 * entries' order.
 */
export function groupByTag<T extends Tagged>(entries: readonly T[]): TagGroup<T>[] {
  const groups: TagGroup<T>[] = tagCounts(entries).map(({ tag }) => ({ tag, entries: filterByTag(entries, tag) }));
  const untagged = entries.filter((e) => e.tags.length === 0);
  if (untagged.length > 0) groups.push({ tag: undefined, entries: untagged });
  return groups;
}

/**
 * A paper's tags after renaming `from` to `to`: `to` takes `from`'s place; when the paper
 * already has `to`, the two merge into one. Unchanged (the same array) when it lacks `from`.
 */
export function renameInTags(tags: readonly string[], from: string, to: string): readonly string[] {
  if (!tags.some((t) => sameTag(t, from))) return tags;
  return uniqueTags(tags.map((t) => (sameTag(t, from) ? to : t)));
}

/** A paper's tags without `tag`; the same array when it did not have it. */
export function removeFromTags(tags: readonly string[], tag: string): readonly string[] {
  return tags.some((t) => sameTag(t, tag)) ? tags.filter((t) => !sameTag(t, tag)) : tags;
}

/**
 * What tagging several papers at once does to each: the picked tags added, and the tags that
 * were offered as on every paper (pre-selected) and were unpicked removed. A tag only some of
 * them had, left unpicked, stays as it was on each: the pick could not show it as half-chosen.
 */
export function applyTagPick(
  tags: readonly string[],
  picked: readonly string[],
  offeredAsCommon: readonly string[],
): string[] {
  const dropped = offeredAsCommon.filter((c) => !picked.some((p) => sameTag(p, c)));
  return uniqueTags([...tags.filter((t) => !dropped.some((d) => sameTag(d, t))), ...picked]);
}

/** The tags every one of `lists` has (spelt as in the first). */
export function commonTags(lists: readonly (readonly string[])[]): string[] {
  if (lists.length === 0) return [];
  return lists[0].filter((tag) => lists.every((l) => l.some((t) => sameTag(t, tag))));
}

/** A file name for a tag's export: its letters and digits, the rest `-`; never empty. */
export function tagFileStem(tag: string): string {
  const stem = tag
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}_]+/gu, '-')
    .replace(/^-+|-+$/g, '')

    .toLowerCase();
  return stem === '' ? 'tag' : stem;
}

// Made on first use, like the reading list's: the first collator loads ICU's collation data.
let collator: Intl.Collator | undefined;

export function compareTags(a: string, b: string): number {
  collator ??= new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Renames `from` to `to` on every entry. `to` is spelt as the list already spells it when it
 * names another tag (renaming onto an existing tag merges the two); a paper that had both keeps
 * one. `to` that is no tag name renames nothing.
 */
export function renameTagAcross<T extends Tagged>(
  entries: readonly T[],
  from: string,
  to: string,
): { entries: T[]; changed: number; to?: string } {
  const wanted = normaliseTag(to);
  if (wanted === undefined) return { entries: [...entries], changed: 0 };
  const others = tagCounts(entries)
    .map((c) => c.tag)
    .filter((t) => !sameTag(t, from));
  const [target] = spellAsExisting([wanted], others);
  let changed = 0;
  const next = entries.map((entry) => {
    const tags = renameInTags(entry.tags, from, target);
    if (tags === entry.tags || sameList(tags, entry.tags)) return entry;
    changed++;
    return { ...entry, tags };
  });
  return { entries: next, changed, to: target };
}

/** Takes `tag` off every entry. */
export function deleteTagAcross<T extends Tagged>(
  entries: readonly T[],
  tag: string,
): { entries: T[]; changed: number } {
  let changed = 0;
  const next = entries.map((entry) => {
    const tags = removeFromTags(entry.tags, tag);
    if (tags === entry.tags) return entry;
    changed++;
    return { ...entry, tags };
  });
  return { entries: next, changed };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
