/** package.json, package.nls.json and which files `.vscodeignore` lets into the .vsix, for the manifest tests. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const root = path.resolve(__dirname, '../../../..');
export const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
export const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

function globToRegExp(glob: string): RegExp {
  const body = glob
    .split(/(\*\*|\*)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

/**
 * Whether `.vscodeignore` ships `file` (relative to the root, `/`-separated). It excludes
 * everything (`**`) and re-includes each shipped path with `!`, which vsce applies after the
 * excludes: a file ships when a `!` pattern matches it.
 */
export function shipped(file: string): boolean {
  return readFileSync(path.join(root, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('!'))
    .some((line) => globToRegExp(line.slice(1)).test(file));
}

/** The string of a `%key%` placeholder, or the value itself. */
export function localized(value: string): string | undefined {
  const key = /^%(.+)%$/.exec(value)?.[1];
  return key === undefined ? value : nls[key];
}
