/**
 * A paper's notes: a Markdown file of the user's, named after the paper's citation key and
 * begun with a small front-matter header. LitFeed writes the header once, when it creates
 * the file, and never touches the file again.
 */
import type { Paper } from '../paper';

/** The paper's links a header lists, in this order. */
const LINKS = ['huggingFace', 'arxivAbs', 'pdf', 'code', 'project'] as const;

/** Names Windows refuses as files, whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
const MAX_NAME = 120;

/**
 * The notes file's name for a citation key: the key's letters, digits, `_`, `.` and `-` kept,
 * anything else (`:` is legal in keys, not in Windows file names) a `-`; never empty, never a
 * name Windows reserves, never hidden.
 */
export function noteFileName(key: string): string {
  let stem = key
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}_.-]+/gu, '-')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, MAX_NAME);
  if (stem === '') stem = 'paper';
  if (RESERVED.test(stem)) stem = `${stem}-notes`;
  return `${stem}.md`;
}

/**
 * The header a new notes file starts with: title, authors, arXiv id, key and links, as YAML
 * front matter (each value a double-quoted string, which YAML reads as JSON writes it), then a
 * heading and an empty line where the cursor goes.
 */
export function noteTemplate(paper: Paper, key: string): { text: string; cursorLine: number } {
  const lines = ['---', `title: ${quote(paper.title)}`];
  if (paper.authors.length > 0) {
    lines.push('authors:');
    for (const author of paper.authors) lines.push(`  - ${quote(author)}`);
  }
  if (paper.arxivId) lines.push(`arxiv: ${quote(paper.arxivId)}`);
  lines.push(`key: ${quote(key)}`, `id: ${quote(paper.id)}`);
  const links = LINKS.filter((name) => typeof paper.links[name] === 'string' && paper.links[name] !== '');
  if (links.length > 0) {
    lines.push('links:');
    for (const name of links) lines.push(`  ${name}: ${quote(paper.links[name] as string)}`);
  }
  lines.push('---', '', `# ${paper.title.replace(/\s+/g, ' ').trim()}`, '');
  return { text: `${lines.join('\n')}\n`, cursorLine: lines.length - 1 };
}

/** Characters of a notes file that search reads (the start of a long file is enough to find it). */
const SEARCHED_CHARS = 20_000;

/**
 * What search reads of a notes file LitFeed created: the paper's id, title and authors from
 * its header, and the user's text after it (as the abstract: words, not fuzzy-matched).
 * Undefined for a file without LitFeed's header (an `id:` line) — a note the user wrote alone.
 */
export function noteSearchPaper(text: string): Paper | undefined {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return undefined;
  const value = (line: string | undefined): string | undefined => {
    if (line === undefined) return undefined;
    try {
      const parsed: unknown = JSON.parse(line);
      return typeof parsed === 'string' ? parsed : undefined;
    } catch {
      return undefined;
    }
  };
  let id: string | undefined;
  let title = '';
  const authors: string[] = [];
  let list = '';
  for (const line of match[1].split(/\r?\n/)) {
    const top = /^(\w+):(?: (.*))?$/.exec(line);
    const item = /^ {2}- (.*)$/.exec(line);
    if (top) {
      list = top[2] === undefined ? top[1] : '';
      if (top[1] === 'id') id = value(top[2]);
      if (top[1] === 'title') title = value(top[2]) ?? '';
    } else if (item && list === 'authors') {
      const author = value(item[1]);
      if (author) authors.push(author);
    }
  }
  if (!id) return undefined;
  const body = text.slice(match[0].length, match[0].length + SEARCHED_CHARS);
  return { id, title, authors, abstract: body.replace(/\s+/g, ' ').trim(), aiKeywords: [], links: {}, source: 'bib' };
}

function quote(value: string): string {
  return JSON.stringify(value.replace(/\s+/g, ' ').trim());
}
