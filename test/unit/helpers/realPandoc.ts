/**
 * Real `pandoc` and `biber`, for the suites that judge upgraded .bib files the way a writer's
 * tools read them. Unlike `requireBibtex`, a missing tool fails the suite everywhere: these
 * checks are the only proof that the entries render, so they must not quietly stop running.
 * Debian: `apt-get install -y --no-install-recommends pandoc biber`.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';

function versionOf(tool: string): string | undefined {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

/** Throws, naming the Debian package, when `tool` is not installed. */
export function requireTool(tool: 'pandoc' | 'biber' | 'bibtex'): string {
  const version = versionOf(tool);
  if (version === undefined) {
    const pkg = tool === 'bibtex' ? 'texlive-binaries texlive-base' : tool;
    throw new Error(
      `${tool} is not installed, and this check needs it: apt-get install -y --no-install-recommends ${pkg}`,
    );
  }
  return version;
}

export interface PandocRun {
  status: number | null;
  /** The rendered document, plain text. */
  output: string;
  stderr: string;
}

/** Renders a Markdown document citing `keys` from `bib` with `pandoc --citeproc`, as plain text. */
export function runPandocCiteproc(work: string, bib: string, keys: readonly string[]): PandocRun {
  writeFileSync(path.join(work, 'refs.bib'), bib, 'utf8');
  const doc = ['---', 'bibliography: refs.bib', '---', '', keys.map((k) => `[@${k}]`).join(' '), ''];
  writeFileSync(path.join(work, 'doc.md'), doc.join('\n'), 'utf8');
  const run = spawnSync('pandoc', ['--citeproc', '--wrap=none', '-t', 'plain', 'doc.md'], {
    cwd: work,
    encoding: 'utf8',
  });
  return { status: run.status, output: run.stdout, stderr: run.stderr };
}

export interface BiberRun {
  status: number | null;
  /** The `WARN` and `ERROR` lines biber printed. */
  problems: string[];
  stdout: string;
}

/** `biber --tool` over `bib` (biblatex's own reader and data model), reporting what it objects to. */
export function runBiberTool(work: string, bib: string): BiberRun {
  writeFileSync(path.join(work, 'refs.bib'), bib, 'utf8');
  const run = spawnSync('biber', ['--tool', '--validate-datamodel', '--output-file=out.bib', 'refs.bib'], {
    cwd: work,
    encoding: 'utf8',
  });
  const text = `${run.stdout}\n${run.stderr}`;
  return {
    status: run.status,
    problems: text.split(/\r?\n/).filter((l) => /\b(?:WARN|ERROR)\b/.test(l)),
    stdout: text,
  };
}
