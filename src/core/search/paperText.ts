/**
 * The words of a paper that the index stores, and where a query's words were found in it
 * (for highlighting in the search pick).
 */
import type { Paper } from '../paper';
import type { SearchField, SearchMatch } from './paperIndex';
import { camelParts, foldText, words, wordSpans } from './textMatch';

const ASCII = /^[\x00-\x7f]*$/;
const ASCII_WORD = /[a-z0-9]+/g;
const CAMEL = /\p{Ll}\p{Lu}/u;

/**
 * The folded words of `text` (at most `maxWords`), each with the parts of a camel-case word
 * after it (`FlashAttention` -> flashattention, flash, attention).
 */
export function indexTerms(text: string, maxWords = Infinity): string[][] {
  const head = maxWords === Infinity ? text : headWords(text, maxWords);
  const folded = foldText(head);
  const plain = ASCII.test(folded) ? (folded.match(ASCII_WORD) ?? []) : words(folded);
  if (!CAMEL.test(head)) return plain.map((w) => [w]);
  return wordSpans(head.normalize('NFC')).map(({ word }) => [foldText(word), ...camelParts(word).map(foldText)]);
}

/** The first `count` space-separated words of `text`, found without scanning the rest. */
function headWords(text: string, count: number): string {
  let end = 0;
  for (let n = 0; n < count && end >= 0; n++) end = text.indexOf(' ', end + 1);
  return end < 0 ? text : text.slice(0, end);
}

export function sameSearchText(a: Paper, b: Paper): boolean {
  return (
    a.title === b.title &&
    a.abstract === b.abstract &&
    sameList(a.authors, b.authors) &&
    sameList(a.aiKeywords, b.aiKeywords) &&
    recencyOf(a) === recencyOf(b)
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function recencyOf(paper: Paper): number {
  const when = Date.parse(paper.feedDay ?? paper.published ?? '');
  return Number.isNaN(when) ? 0 : when / 86_400_000;
}

/** Where the paper's title, authors and keywords have words the query stood for. */
export function matchesOf(paper: Paper, terms: ReadonlySet<string>): SearchMatch[] {
  const matches: SearchMatch[] = [];
  const look = (field: SearchField, value: string) => {
    // Offsets are into the folded NFC text: they fit `value` only when it is NFC itself.
    if (value.normalize('NFC') !== value) return;
    const indices = wordSpans(foldText(value))
      .filter(({ word }) => terms.has(word))
      .map(({ start, end }): [number, number] => [start, end - 1]);
    if (indices.length > 0) matches.push({ field, value, indices });
  };
  look('title', paper.title);
  for (const author of paper.authors) look('authors', author);
  for (const keyword of paper.aiKeywords) look('aiKeywords', keyword);
  return matches;
}
