/**
 * A real Typst compiler (the `@myriaddreamin/typst-ts-node-compiler` dev dependency: Typst
 * itself, with its default fonts built in), for the suites that judge what Typst makes of
 * LitFeed's entries. Typst reads a `.bib` with its own engine (hayagriva over the `biblatex`
 * crate), not with BibTeX, so only Typst can say whether an entry reads right there.
 *
 * Files live in memory under a root that is never created; nothing is written to disk. The
 * text of the result is read from the selectable-text layer of the rendered SVG pages, which
 * holds what the pages show (names and titles after Typst's own bibliography formatting).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';

type TypstModule = typeof import('@myriaddreamin/typst-ts-node-compiler');

const PACKAGE = '@myriaddreamin/typst-ts-node-compiler';

// Virtual: the compiler resolves `main.typ` and `refs.bib` against it, from memory only.
const ROOT = path.join(os.tmpdir(), 'litfeed-typst-memory');

let compiler: NodeCompiler | undefined;

/**
 * The compiler, made once per process. A missing native build (`npm ci` without the optional
 * package for this platform) throws, so a suite that needs Typst fails instead of skipping.
 */
export async function typstCompiler(): Promise<NodeCompiler> {
  if (compiler !== undefined) return compiler;
  let mod: TypstModule;
  try {
    mod = await import(PACKAGE);
  } catch (e) {
    throw new Error(
      `Typst could not be loaded (${e instanceof Error ? e.message : String(e)}). It is the dev dependency ` +
        `${PACKAGE}, whose native build comes from an optional package per platform ` +
        `(${process.platform}-${process.arch}): run \`npm ci\` again, without --omit=optional.`,
    );
  }
  compiler = mod.NodeCompiler.create({ workspace: ROOT });
  return compiler;
}

export interface TypstDiagnostic {
  severity: 'error' | 'warning';
  message: string;
  /** The file it is about, relative to the document's folder. */
  file: string;
}

export interface TypstRun {
  errors: TypstDiagnostic[];
  warnings: TypstDiagnostic[];
  /** Pages in the result (0 when it failed). */
  pages: number;
  /** The text the pages show, one entry per run of text Typst laid out. */
  runs: string[];
}

interface RawDiagnostic {
  message?: unknown;
  path?: unknown;
}

function diagnostics(error: { shortDiagnostics: unknown[] } | null, severity: TypstDiagnostic['severity']) {
  return (error?.shortDiagnostics ?? []).map((d): TypstDiagnostic => {
    const raw = d as RawDiagnostic;
    const file = typeof raw.path === 'string' ? path.relative(ROOT, raw.path) : '';
    return { severity, message: String(raw.message), file };
  });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return ENTITIES[e] ?? m;
  });
}

/** The runs of text in the selectable-text layer of Typst's SVG, in page order. */
export function svgTextRuns(svg: string): string[] {
  return [...svg.matchAll(/<h5:div class="tsel"[^>]*>([^<]*)<\/h5:div>/g)].map((m) => unescapeXml(m[1]));
}

/**
 * Compiles `files` (name → content; `main.typ` is the document) as Typst would a folder of
 * them, and returns its diagnostics and the text it shows.
 */
export async function compileTypst(files: Record<string, string>, main = 'main.typ'): Promise<TypstRun> {
  const c = await typstCompiler();
  c.resetShadow();
  for (const [name, content] of Object.entries(files)) {
    c.mapShadow(path.join(ROOT, name), Buffer.from(content, 'utf8'));
  }
  const result = c.compile({ mainFilePath: path.join(ROOT, main) });
  // Errors and warnings are taken apart: the error holds only errors, warnings come from a
  // document that compiled.
  const errors = diagnostics(result.takeError(), 'error');
  const warnings = diagnostics(result.takeWarnings(), 'warning');
  const doc = result.result;
  if (doc === null || errors.length > 0) return { errors, warnings, pages: 0, runs: [] };
  return { errors, warnings, pages: doc.numOfPages, runs: svgTextRuns(c.svg(doc)) };
}

/** A diagnostic as one line, for assertion messages. */
export function diagnosticLine(d: TypstDiagnostic): string {
  return `${d.severity}: ${d.file}: ${d.message}`;
}
