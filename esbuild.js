// Bundles the extension host code (and, later, the webview script) with esbuild.
// Shape follows the official VS Code esbuild sample: production minifies, development
// keeps sourcemaps, and the log plugin prints problem-matcher-friendly lines.
const esbuild = require('esbuild');
const { buildWebview } = require('./scripts/build-webview');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').Plugin} */
const problemMatcherLog = {
  name: 'problem-matcher-log',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

async function main() {
  const targets = [
    {
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      external: ['vscode'],
    },
    {
      // Everything the first screen does not need (src/features.ts says what), loaded by the
      // start-up bundle on first use; it shares no module state with it, only objects.
      entryPoints: ['src/features.ts'],
      outfile: 'dist/features.js',
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      external: ['vscode'],
    },
    {
      // The worker thread that builds the persisted search index (core/search/persist),
      // started by dist/features.js from beside itself.
      entryPoints: ['src/core/search/persist/buildWorker.ts'],
      outfile: 'dist/search-worker.js',
      platform: 'node',
      format: 'cjs',
      target: 'node18',
    },
    {
      // The worker thread that trains the "For you" model (core/recs), started by dist/features.js.
      entryPoints: ['src/core/recs/trainWorker.ts'],
      outfile: 'dist/recs-worker.js',
      platform: 'node',
      format: 'cjs',
      target: 'node18',
    },
    {
      // The BibTeX parser is large (~550 KB) and only needed when a .bib is read, so it is
      // its own file that core/cite/bibDocument loads on first use instead of part of the start-up bundle.
      entryPoints: ['@retorquere/bibtex-parser'],
      outfile: 'dist/bibtex-parser.js',
      platform: 'node',
      format: 'cjs',
      target: 'node18',
    },
    {
      // The same package's verbatim reader (fields as written, `@string`s expanded, broken
      // entries skipped), which core/refs/bibIndex uses for the editor's live features. The
      // package's exports map does not list it, so the entry is its file.
      entryPoints: ['node_modules/@retorquere/bibtex-parser/dist/esm/verbatim.js'],
      outfile: 'dist/bibtex-verbatim.js',
      platform: 'node',
      format: 'cjs',
      target: 'node18',
    },
    {
      // Likewise the XML parser (~65 KB with its dependencies): only the arXiv view reads
      // XML, so core/sources/xmlParser loads this file when the first arXiv feed is parsed.
      entryPoints: ['fast-xml-parser'],
      outfile: 'dist/xml-parser.js',
      platform: 'node',
      format: 'cjs',
      target: 'node18',
    },
  ];
  const contexts = await Promise.all(
    targets.map((t) =>
      esbuild.context({
        bundle: true,
        minify: production,
        sourcemap: !production,
        sourcesContent: false,
        logLevel: 'silent',
        plugins: [problemMatcherLog],
        ...t,
      }),
    ),
  );
  await buildWebview({ production, watch, plugins: [problemMatcherLog] });
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
