import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { activate, EXTENSION_ID, type FeedState } from './helpers';

describe('activation', () => {
  it('is installed and activates without throwing', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} missing`);
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  it('returns the test API: the three view providers, refresh, state, storageDir', async () => {
    const api = await activate();
    for (const [name, provider] of Object.entries({ tree: api.tree, readingList: api.readingList, arxiv: api.arxiv })) {
      assert.strictEqual(typeof provider?.getChildren, 'function', `${name}.getChildren`);
      assert.strictEqual(typeof provider?.getTreeItem, 'function', `${name}.getTreeItem`);
    }
    assert.strictEqual(typeof api.refresh, 'function');
    const state = api.state();
    const sources: FeedState['source'][] = ['network', 'cache', 'sample', 'empty'];
    assert.ok(sources.includes(state.source), `unexpected source ${state.source}`);
    assert.strictEqual(typeof state.stale, 'boolean');
    assert.ok(['day', 'week', 'month'].includes(state.range.kind), `range ${JSON.stringify(state.range)}`);
    assert.ok(Number.isInteger(state.papers) && state.papers >= 0, `papers ${state.papers}`);
    assert.strictEqual(typeof api.storageDir, 'string');
  });

  it('keeps its feed cache in its own global storage folder', async () => {
    const api = await activate();
    assert.ok(
      api.storageDir.includes(EXTENSION_ID),
      `storageDir ${api.storageDir} is not the extension's global storage`,
    );
  });

  it('contributes the LitFeed view container and the Daily Papers view', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const pkg = ext.packageJSON as {
      contributes: {
        viewsContainers: { activitybar: { id: string; title: string }[] };
        views: Record<string, { id: string; name: string }[]>;
      };
    };
    const container = pkg.contributes.viewsContainers.activitybar.find((c) => c.id === 'litfeed');
    assert.ok(container, 'no activity-bar container "litfeed"');
    // The manifest may still hold the %key% placeholder; the title a person sees is in package.nls.json.
    const nls = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'package.nls.json'), 'utf8')) as Record<
      string,
      string
    >;
    const title = /^%.+%$/.test(container.title) ? nls[container.title.slice(1, -1)] : container.title;
    assert.strictEqual(title, 'LitFeed');
    assert.deepStrictEqual(
      pkg.contributes.views.litfeed.map((v) => v.id),
      ['litfeed.feed', ...pkg.contributes.views.litfeed.map((v) => v.id).filter((id) => id !== 'litfeed.feed')],
      'litfeed.feed is the first view of the container',
    );
  });
});
