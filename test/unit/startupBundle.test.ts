import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const repoRoot = path.resolve(__dirname, '../../..');

/** The source files (repo-relative) esbuild puts into the bundle of `entry`. */
async function bundleInputs(entry: string): Promise<string[]> {
  const result = await esbuild.build({
    entryPoints: [path.join(repoRoot, entry)],
    absWorkingDir: repoRoot,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'],
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const [output] = Object.values(result.metafile.outputs);
  return Object.entries(output.inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([file]) => file);
}

// What drawing the first screen must not pay for: each of these is in features.js (or its own
// bundle) and loaded on first use. A careless import from '../core' would pull them back in.
const LATER = [
  'node_modules/fuse.js/',
  'src/core/net/http.ts',
  'src/core/search/paperIndex.ts',
  'src/core/search/library.ts',
  'src/core/cite/bibtexEntry.ts',
  'src/core/cite/keys.ts',
  'src/core/cite/bibDocument.ts',
  'src/core/feed/arxivFeed.ts',
  'src/core/sources/arxiv.ts',
  'src/core/sources/huggingface.ts',
  'src/core/view/paperView.ts',
  'src/ui/cite/citations.ts',
  'src/ui/commands.ts',
  'src/ui/panel/paperPanel.ts',
  'src/ui/search/searchPick.ts',
  'src/ui/arxiv/arxivController.ts',
  'src/ui/search/remoteSearch.ts',
  'src/ui/cite/exportReadingList.ts',
  'src/webview/',
];

describe('the start-up bundle', function () {
  this.timeout(30_000);
  let startup: string[];
  let features: string[];

  before(async () => {
    [startup, features] = await Promise.all([bundleInputs('src/extension.ts'), bundleInputs('src/features.ts')]);
  });

  it('holds the first screen: cache, feed service, tree, reading list', () => {
    for (const file of [
      'src/core/feed/store.ts',
      'src/core/feed/feedService.ts',
      'src/ui/feed/feedTree.ts',
      'src/ui/feed/feedController.ts',
      'src/core/tracking/readingList.ts',
    ]) {
      assert.ok(startup.includes(file), `${file} is missing from the start-up bundle`);
    }
  });

  it('leaves search, citations, the network, the panel and the commands to features.js', () => {
    const leaked = startup.filter((file) => LATER.some((prefix) => file.startsWith(prefix)));
    assert.deepEqual(leaked, []);
  });

  it('features.js has what the start-up bundle left out', () => {
    for (const prefix of LATER.filter(
      (p) =>
        !p.startsWith('src/webview/') && p !== 'src/core/cite/bibDocument.ts' && p !== 'src/core/view/paperView.ts',
    )) {
      assert.ok(
        features.some((file) => file.startsWith(prefix)),
        `${prefix} is in neither bundle`,
      );
    }
  });
});
