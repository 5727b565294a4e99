/**
 * How the files of a multi-file LaTeX project hang together, read from their text: which files
 * a file includes, and whether it is a root document. The bibliography of a chapter is the one
 * its root names, and the citations of a project are those of all its files.
 */

import { stripTexComment } from '../cite/bibDiscovery';

function withoutComments(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(stripTexComment)
    .join('\n');
}

/** `name.tex` for a name without an extension, as TeX's `\input` looks it up first. */
function texFile(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  return /\.[A-Za-z0-9]+$/.test(base) ? name : `${name}.tex`;
}

/** `dir/` + `name`, with one slash between them; `dir` may be empty or `./`. */
function joinDir(dir: string, name: string): string {
  if (dir === '' || dir === './' || dir === '.') return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/**
 * Files a LaTeX text includes, in order and once each: `\input{a}` (also TeX's `\input a`),
 * `\include{a}`, `\subfile{a}` (the subfiles package), `\import{dir/}{a}` and
 * `\subimport{dir/}{a}` (the import package, with their starred forms; the directory is joined
 * to the name) and `\InputIfFileExists{a}`. `.tex` is added to a name without an extension;
 * names given with one (`\input{table.tikz}`) are kept. Paths come back as written, with an
 * import's directory joined to its name; the caller resolves them (against the including file's
 * folder for `\subimport` and, for a root, for everything else too). Text after
 * an unescaped `%` is a comment; `\includegraphics`, `\includeonly` and `\inputencoding` are
 * other commands.
 */
export function latexIncludes(text: string): string[] {
  const body = withoutComments(text);
  const found: string[] = [];
  const re =
    /\\(?:(input|include|subfile|InputIfFileExists)(?![A-Za-z])\s*\{([^}]*)\}|(?:sub)?import\*?\s*\{([^}]*)\}\s*\{([^}]*)\}|input(?![A-Za-z{])[ \t]+([^\s{}\\%]+))/g;
  for (const m of body.matchAll(re)) {
    let name: string;
    if (m[1] !== undefined) name = m[2].trim();
    else if (m[3] !== undefined) name = joinDir(m[3].trim(), m[4].trim());
    else name = m[5];
    if (name === '') continue;
    const file = texFile(name);
    if (!found.includes(file)) found.push(file);
  }
  return found;
}

/** Whether a LaTeX text is a root document: it has a `\documentclass` outside comments. */
export function isLatexRoot(text: string): boolean {
  return /\\documentclass(?![A-Za-z])/.test(withoutComments(text));
}
