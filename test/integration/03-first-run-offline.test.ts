// A first run on a train: no network and nothing cached yet, so the bundled sample stands in.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activate,
  deadUrl,
  filesUnder,
  keepSettings,
  readTree,
  refreshQuietly,
  setSetting,
  wipeFeedCache,
  type LitFeedApi,
} from './helpers';

describe('first run with no network and no cache', () => {
  let api: LitFeedApi;
  let restoreSettings: () => Promise<void>;

  before(async () => {
    api = await activate();
    restoreSettings = keepSettings('sources.huggingFace.baseUrl');
    // Whatever an earlier file fetched is gone: the profile is as on a first run.
    wipeFeedCache(api);
  });

  after(async () => {
    await restoreSettings();
  });

  it('shows the bundled sample feed, labelled as the sample', async () => {
    const cached = filesUnder(api.storageDir).filter((f) => f.endsWith('.json'));
    assert.deepStrictEqual(cached, [], 'this test needs a profile without a feed cache');
    await setSetting('sources.huggingFace.baseUrl', await deadUrl());
    await refreshQuietly(api);
    const state = api.state();
    assert.strictEqual(state.source, 'sample');
    assert.ok(state.lastError, 'the failed refresh is reported in state().lastError');
    const tree = await readTree(api);
    assert.ok(tree.length >= 1, 'the sample feed has at least one day group');
    const papers = tree.flatMap((g) => g.papers);
    assert.ok(papers.length >= 1, 'the sample feed has papers');
    for (const paper of papers) assert.ok(paper.label.trim().length > 0, 'every sample paper row has a title');
    for (const { group } of tree) {
      assert.match(group.description, /sample/i, `day group "${group.label}" is not labelled as the sample`);
    }
  });

  it('offers the walkthrough once: it opens, and never again', async () => {
    // openOnInstall is machine-scoped, which an extension on code-server's remote host never sees.
    const setting = 'workbench.startupEditor';
    const config = () => vscode.workspace.getConfiguration();
    const kept = config().inspect<string>(setting)?.globalValue;
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    try {
      // The runner opens no start-up editor (as a user may): then LitFeed offered no walkthrough at start.
      assert.strictEqual(config().get(setting), 'none');
      assert.strictEqual(await api.offerWalkthrough(), false, 'offered while no start-up editor is wanted');
      await config().update(setting, 'welcomePage', vscode.ConfigurationTarget.Global);
      const before = tabs().length;
      assert.strictEqual(await api.offerWalkthrough(), true, 'the first offer opens the walkthrough');
      const opened = await poll('the walkthrough tab', () => tabs().find((t) => /Welcome|LitFeed/.test(t.label)));
      assert.strictEqual(tabs().length, before + 1, `tabs: ${tabs().map((t) => t.label)}`);
      await vscode.window.tabGroups.close(opened);
      assert.strictEqual(await api.offerWalkthrough(), false, 'a second offer (the next start) opens nothing');
      assert.strictEqual(tabs().length, before, `tabs: ${tabs().map((t) => t.label)}`);
    } finally {
      await config().update(setting, kept, vscode.ConfigurationTarget.Global);
    }
  });
});

/** Polls `probe` until it returns something (the workbench opens editors a moment after the command). */
async function poll<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
