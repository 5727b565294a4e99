// Builds the abstract view's front end into media/dist/ (gitignored):
//   media/dist/paperView.js      the page script (src/webview/main.ts, KaTeX bundled in)
//   media/dist/katex/            katex.min.css and its woff2 fonts, copied from node_modules
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
 * @returns {Promise<import('esbuild').BuildContext | undefined>} the live context when watching
 */
async function buildWebview({ production = false, watch = false, plugins = [] } = {}) {
  await copyKatexAssets();
  const context = await esbuild.context({ ...webviewBuildOptions({ production }), plugins });
  if (watch) {
    await context.watch();
    return context;
  }
  try {
    const result = await context.rebuild();
    if (result.errors.length > 0) throw new Error(`webview build failed with ${result.errors.length} error(s)`);
  } finally {
    await context.dispose();
  }
  return undefined;
}

module.exports = { buildWebview, webviewBuildOptions, copyKatexAssets };

if (require.main === module) {
  buildWebview({ production: process.argv.includes('--production') }).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
