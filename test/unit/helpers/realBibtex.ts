/**
 * The real `bibtex` (TeX Live), as every suite that judges LitFeed's entries runs it.
 *
 * Needs the Debian packages texlive-binaries (the program) and texlive-base (the standard
 * styles). In CI (CI=true) a missing bibtex fails the suite, so the check cannot silently stop
 * running; on a developer machine without TeX the suite is reported as pending.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const INSTALL_HINT = 'apt-get install -y --no-install-recommends texlive-binaries texlive-base';

/** The first line of `bibtex --version`, or undefined when there is no bibtex. */
export const BIBTEX_VERSION: string | undefined = (() => {
  const r = spawnSync('bibtex', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
})();

/** For a suite's `before`: fails in CI without bibtex, skips elsewhere. */
export function requireBibtex(context: Mocha.Context): void {
  if (BIBTEX_VERSION !== undefined) return;
  if (process.env.CI === 'true') {
    throw new Error(`bibtex is not installed, and CI must run this check: ${INSTALL_HINT}`);
  }
  context.skip();
}

const PROBLEM =
  /^Warning--|error message|^I was expecting|^I'm skipping|^Repeated entry|^Sorry|^Illegal|^Too many commas|^---line \d+|^You've exceeded/i;

/** The lines of a bibtex run that report a problem. */
export function bibtexProblems(output: string): string[] {
  return output.split(/\r?\n/).filter((l) => PROBLEM.test(l));
}

export interface BibtexRun {
  /** Warnings and errors from the terminal and the .blg. */
  report: string[];
  status: number | null;
  stdout: string;
  /** The .bbl written ('' when bibtex wrote none). */
  bbl: string;
  /** The keys typeset, in .bbl order. */
  items: string[];
}

/** Runs bibtex in `work` over `bib`, citing `keys` in `style` (a standard or a written .bst). */
export function runBibtex(
  work: string,
  bib: string,
  keys: readonly string[],
  style: string,
  args: string[] = [],
): BibtexRun {
  writeFileSync(path.join(work, 'refs.bib'), bib, 'utf8');
  const aux = ['\\relax', ...keys.map((k) => `\\citation{${k}}`), `\\bibstyle{${style}}`, '\\bibdata{refs}', ''];
  writeFileSync(path.join(work, 'doc.aux'), aux.join('\n'), 'utf8');
  const run = spawnSync('bibtex', [...args, 'doc'], { cwd: work, encoding: 'utf8' });
  const read = (name: string) => {
    try {
      return readFileSync(path.join(work, name), 'utf8');
    } catch {
      return '';
    }
  };
  const bbl = read('doc.bbl');
  return {
    report: bibtexProblems(`${run.stdout}\n${read('doc.blg')}`),
    status: run.status,
    stdout: run.stdout,
    bbl,
    items: [...bbl.matchAll(/\\bibitem(?:\[[^\]]*\])?\{([^}]*)\}/g)].map((m) => m[1]),
  };
}
