// Runs after 04-refresh left a cache behind: the network goes away, the papers stay.
import * as assert from 'assert';
import { expectedThisWeek, startHfFixtureServer } from '../fixtures/server/hfFixtureServer';
import { activate, readTree, refreshQuietly, setSetting, type LitFeedTestApi } from './helpers';

async function shownTitles(api: LitFeedTestApi): Promise<string[]> {
  return (await readTree(api)).flatMap((g) => g.papers.map((p) => p.label)).sort();
}

describe('offline with a cache', () => {
  let api: LitFeedTestApi;
  const titles = expectedThisWeek()
    .map((p) => p.title)
    .sort();

  before(async () => {
    api = await activate();
  });

  it('keeps showing cached papers, marked stale, when the server is gone', async () => {
    const server = await startHfFixtureServer();
    await setSetting('sources.huggingFace.baseUrl', server.url);
    await api.refresh();
    assert.strictEqual(api.state().source, 'network');
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
