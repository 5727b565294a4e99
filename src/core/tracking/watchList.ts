/**
 * The watch list: keywords and authors whose papers should stand out.
 *
 * Keywords are words or phrases, matched in the title, the abstract and the AI keywords,
 * ignoring case and accents, as whole words: `RL` does not match `URL` or `RLHF`. Hyphens
 * and other punctuation separate words, so `diffusion` matches `Diffusion-based`, and the
 * words of a phrase may be separated by spaces or hyphens either way (`mixture of experts`
 * matches `mixture-of-experts`). What the user types is text, never a pattern: `C++` and
 * `(RAG)` mean those characters. Chinese and Japanese keywords, written without spaces,
 * match anywhere.
 *
 * Authors are matched against each author name, ignoring case and accents (`Muller` matches
 * `Müller`), as whole words. One word is a family name: it matches any name word but the
 * first (`He` matches `Kaiming He`, not `He Zhang`), or a one-word name. Several words are a
 * full name and must appear in that order; an initial stands for any word it begins
 * (`Y. LeCun` matches `Yann LeCun`, and `Yann LeCun` matches `Y. LeCun`).
 */
import type { Paper } from '../paper';
import { foldText, words } from '../search/textMatch';

export interface WatchList {
  keywords: readonly string[];
  authors: readonly string[];
}

/** The watch-list entries a paper matches, as the user wrote them. */
export interface WatchMatch {
  keywords: string[];
  authors: string[];
}

export interface WatchMatcher {
  /** True when the list has nothing usable in it. */
  readonly isEmpty: boolean;
  matchPaper(paper: Paper): WatchMatch | undefined;
}

/** Neither side of a match may be a letter, mark or digit. */
const BEFORE = '(?<![\\p{L}\\p{M}\\p{N}])';
const AFTER = '(?![\\p{L}\\p{M}\\p{N}])';
/** Joins the searched fields: neither a word character nor a gap, so no phrase spans two fields. */
const FIELD_BREAK = '\u0001';
/** Between the words of a phrase: spaces and dashes of any kind. */
const GAP = '[\\s\\p{Pd}]+';

interface KeywordRule {
  label: string;
  pattern: RegExp;
}

interface AuthorRule {
  label: string;
  words: string[];
}

export function compileWatchList(list: Partial<WatchList>): WatchMatcher {
  const keywordRules = distinct(list.keywords ?? [])
    .map(keywordRule)
    .filter((r): r is KeywordRule => r !== undefined);
  const authorRules = distinct(list.authors ?? [])
    .map((label): AuthorRule => ({ label, words: nameWords(label) }))
    .filter((r) => r.words.length > 0);
  // One pass over a paper's text answers "does any keyword match?"; most papers match none.
  const anyKeyword =
    keywordRules.length > 0 ? new RegExp(keywordRules.map((r) => `(?:${r.pattern.source})`).join('|'), 'u') : undefined;

  return {
    isEmpty: keywordRules.length === 0 && authorRules.length === 0,
    matchPaper(paper: Paper): WatchMatch | undefined {
      const keywords: string[] = [];
      if (anyKeyword) {
        const text = foldText([paper.title, paper.abstract, ...paper.aiKeywords].join(FIELD_BREAK));
        if (anyKeyword.test(text)) {
          for (const rule of keywordRules) if (rule.pattern.test(text)) keywords.push(rule.label);
        }
      }
      const authors: string[] = [];
      if (authorRules.length > 0) {
        const names = paper.authors.map(nameWords);
        for (const rule of authorRules) {
          if (names.some((name) => nameMatches(rule.words, name))) authors.push(rule.label);
        }
      }
      return keywords.length > 0 || authors.length > 0 ? { keywords, authors } : undefined;
    },
  };
}

/** Entries trimmed, blank ones dropped, repeats (ignoring case and accents) kept once. */
function distinct(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'string') continue;
    const label = entry.replace(/\s+/g, ' ').trim();
    const key = foldText(label);
    if (label === '' || seen.has(key)) continue;
    seen.add(key);
    result.push(label);
  }
  return result;
}

/** A keyword as a pattern over folded text; undefined when it has nothing to match. */
function keywordRule(label: string): KeywordRule | undefined {
  const parts = foldText(label)
    .split(/[\s\p{Pd}]+/u)
    .filter(Boolean);
  if (parts.length === 0) return undefined;
  // Boundaries go only where the keyword starts or ends with a word character: `C++` may be
  // followed by anything but must not follow a letter.
  const before = WORD_START.test(parts[0]) ? BEFORE : '';
  const after = WORD_END.test(parts[parts.length - 1]) ? AFTER : '';
  return { label, pattern: new RegExp(`${before}${parts.map(escapeRegExp).join(GAP)}${after}`, 'u') };
}

// Chinese and Japanese are written without spaces, so their words have no boundaries to check.
const WORD_START = /^(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])[\p{L}\p{M}\p{N}]/u;
const WORD_END = /(?<![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])[\p{L}\p{M}\p{N}]$/u;

/** Every character with a meaning in a `u` pattern, escaped (and nothing else: `u` forbids other escapes). */
function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function nameWords(name: string): string[] {
  return words(foldText(name));
}

/** Whether a watched name (as words) matches an author name (as words); see the file comment. */
function nameMatches(watched: string[], name: string[]): boolean {
  if (watched.length === 1) {
    const [family] = watched;
    return name.length === 1 ? name[0] === family : name.slice(1).includes(family);
  }
  const last = watched.length - 1;
  for (let start = 0; start + watched.length <= name.length; start++) {
    if (watched.every((w, i) => (i === last ? w === name[start + i] : sameNameWord(w, name[start + i])))) return true;
  }
  return false;
}

/** Equal words, or an initial and a word it begins. */
function sameNameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === 1) return b.startsWith(a);
  if (b.length === 1) return a.startsWith(b);
  return false;
}
