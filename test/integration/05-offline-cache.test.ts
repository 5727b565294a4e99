// A week fetched once stays on screen, marked stale, when the network goes away.
import * as assert from 'assert';
import { expectedThisWeek, startHfFixtureServer } from '../fixtures/server/hfFixtureServer';
import {
  activate,
  FEED_SETTINGS,
  keepSettings,
  readTree,
  refreshQuietly,
  setSetting,
  showFixtureWeek,
  type LitFeedApi,
} from './helpers';

async function shownTitles(api: LitFeedApi): Promise<string[]> {
  return (await readTree(api)).flatMap((g) => g.papers.map((p) => p.label)).sort();
}

describe('offline with a cache', () => {
  let api: LitFeedApi;
  const titles = expectedThisWeek()
    .map((p) => p.title)
    .sort();

  let restoreSettings: () => Promise<void>;

  before(async () => {
    api = await activate();
    restoreSettings = keepSettings(...FEED_SETTINGS);
  });

  after(async () => {
    await restoreSettings();
  });

  it('keeps showing cached papers, marked stale, when the server is gone', async () => {
    const server = await startHfFixtureServer();
    await showFixtureWeek(api, server.url);
    await server.close();
    await refreshQuietly(api);
    const state = api.state();
    assert.strictEqual(state.source, 'cache', `state: ${JSON.stringify(state)}`);
    assert.strictEqual(state.stale, true);
    assert.ok(state.lastError, 'the failure is reported');
    assert.ok(state.fetchedAt, 'the cache says when it was fetched');
    assert.deepStrictEqual(await shownTitles(api), titles);
  });

  it('treats a server error (HTTP 500) like no network', async () => {
    const server = await startHfFixtureServer();
    server.mode = 'error';
    try {
      await setSetting('sources.huggingFace.baseUrl', server.url);
      await refreshQuietly(api);
      const state = api.state();
      assert.strictEqual(state.source, 'cache', `state: ${JSON.stringify(state)}`);
      assert.strictEqual(state.stale, true);
      assert.ok(server.requests.length >= 1, 'the server was asked');
      assert.deepStrictEqual(await shownTitles(api), titles);
    } finally {
      await server.close();
    }
  });

  it('is fresh again once the server is back', async () => {
    const server = await startHfFixtureServer();
    try {
      await setSetting('sources.huggingFace.baseUrl', server.url);
      await api.refresh();
      const state = api.state();
      assert.strictEqual(state.source, 'network', `state: ${JSON.stringify(state)}`);
      assert.strictEqual(state.stale, false);
      assert.strictEqual(state.lastError, undefined);
    } finally {
      await server.close();
    }
  });
});
