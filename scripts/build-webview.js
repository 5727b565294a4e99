// Builds the webviews' front ends into media/dist/ (gitignored):
//   media/dist/paperView.js      the abstract view's page script (src/webview/main.ts, KaTeX bundled in)
//   media/dist/katex/            katex.min.css and its woff2 fonts, copied from node_modules
//   media/dist/pdfView.js        the PDF tab's page script (src/webview/pdf/main.mts, pdf.js bundled in)
//   media/dist/pdfjs/            pdf.js's worker, viewer style sheet and data files, copied
// esbuild.js calls buildWebview(); the unit tests reuse webviewBuildOptions() to bundle the
// same script in memory, so what they test is what ships.
// A CommonJS Node script, like esbuild.js that requires it.
const fs = require('node:fs/promises');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');

/** @param {{ production?: boolean }} [options] @returns {import('esbuild').BuildOptions} */
function webviewBuildOptions({ production = false } = {}) {
  return {
    absWorkingDir: root,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'media/dist/paperView.js',
    bundle: true,
    format: 'iife',
    platform: 'browser',
    // VS Code 1.90 runs Electron 29 (Chromium 122).
    target: ['chrome120'],
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    legalComments: production ? 'linked' : 'inline',
    logLevel: 'silent',
  };
}

/** The PDF tab's script: pdf.js (its legacy build, for VS Code 1.90's Chromium) and its viewer. */
function pdfViewBuildOptions({ production = false } = {}) {
  return {
    ...webviewBuildOptions({ production }),
    entryPoints: ['src/webview/pdf/main.mts'],
    outfile: 'media/dist/pdfView.js',
    format: 'esm',
  };
}

/**
 * pdf.js's worker (loaded by the page into a Worker), the viewer's style sheet with its
 * images, and the data files some PDFs need: character maps, the standard fonts, the image
 * decoders (WebAssembly) and a colour profile.
 */
async function copyPdfjsAssets() {
  const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json', { paths: [root] }));
  const target = path.join(root, 'media', 'dist', 'pdfjs');
  await fs.mkdir(target, { recursive: true });
  await fs.copyFile(
    path.join(pdfjsRoot, 'legacy', 'build', 'pdf.worker.min.mjs'),
    path.join(target, 'pdf.worker.min.mjs'),
  );
  await fs.copyFile(path.join(pdfjsRoot, 'legacy', 'web', 'pdf_viewer.css'), path.join(target, 'pdf_viewer.css'));
  for (const folder of ['cmaps', 'standard_fonts', 'wasm', 'iccs']) {
    await fs.cp(path.join(pdfjsRoot, folder), path.join(target, folder), { recursive: true });
  }
  await fs.cp(path.join(pdfjsRoot, 'legacy', 'web', 'images'), path.join(target, 'images'), { recursive: true });
}

/** Copies KaTeX's style sheet and the woff2 fonts it names first (Chromium loads those). */
async function copyKatexAssets() {
  const katexDist = path.join(path.dirname(require.resolve('katex/package.json', { paths: [root] })), 'dist');
  const target = path.join(root, 'media', 'dist', 'katex');
  await fs.mkdir(path.join(target, 'fonts'), { recursive: true });
  await fs.copyFile(path.join(katexDist, 'katex.min.css'), path.join(target, 'katex.min.css'));
  const fonts = (await fs.readdir(path.join(katexDist, 'fonts'))).filter((f) => f.endsWith('.woff2'));
  await Promise.all(fonts.map((f) => fs.copyFile(path.join(katexDist, 'fonts', f), path.join(target, 'fonts', f))));
}

/**
 * @param {{ production?: boolean, watch?: boolean, plugins?: import('esbuild').Plugin[] }} [options]
 * @returns {Promise<import('esbuild').BuildContext[] | undefined>} the live contexts when watching
 */
async function buildWebview({ production = false, watch = false, plugins = [] } = {}) {
  await Promise.all([copyKatexAssets(), copyPdfjsAssets()]);
  const contexts = await Promise.all(
    [webviewBuildOptions({ production }), pdfViewBuildOptions({ production })].map((options) =>
      esbuild.context({ ...options, plugins }),
    ),
  );
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return contexts;
  }
  try {
    for (const context of contexts) {
      const result = await context.rebuild();
      if (result.errors.length > 0) throw new Error(`webview build failed with ${result.errors.length} error(s)`);
    }
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
  }
  return undefined;
}

module.exports = { buildWebview, webviewBuildOptions, pdfViewBuildOptions, copyKatexAssets };

if (require.main === module) {
  buildWebview({ production: process.argv.includes('--production') }).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
