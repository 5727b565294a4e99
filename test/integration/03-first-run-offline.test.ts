// A first run on a train: no network and nothing cached yet, so the bundled sample stands in.
import * as assert from 'assert';
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
});
