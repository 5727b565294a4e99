/** What the integration tests share: the API activate() returns, reading its trees, settings. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import * as vscode from 'vscode';
import type { LitFeedApi } from '../../src/extension';
import type { FeedNode } from '../../src/ui/feed/feedTree';

export const EXTENSION_ID = 'litfeed.litfeed';

// Type-only: the real contract, and nothing from src is loaded into the test run.
export type { LitFeedApi } from '../../src/extension';
export type { FeedState } from '../../src/ui/feed/feedController';
export type { FeedNode } from '../../src/ui/feed/feedTree';

export async function activate(): Promise<LitFeedApi> {
  const ext = vscode.extensions.getExtension<LitFeedApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  const api = await ext.activate();
  assert.ok(api && typeof api.refresh === 'function', 'activate() did not return the test API');
  return api;
}

export function labelText(item: vscode.TreeItem): string {
  const label = item.label;
  if (label === undefined) return '';
  return typeof label === 'string' ? label : label.label;
}

export interface Row {
  label: string;
  description: string;
  element: FeedNode;
}

async function rows(api: LitFeedApi, parent?: FeedNode): Promise<Row[]> {
  const children = (await api.tree.getChildren(parent)) ?? [];
  return Promise.all(
    children.map(async (element) => {
      const item = await api.tree.getTreeItem(element);
      const description = typeof item.description === 'string' ? item.description : '';
      return { label: labelText(item), description, element };
    }),
  );
}

/** The tree as a person reads it: day groups, each with its paper rows. */
export async function readTree(api: LitFeedApi): Promise<{ group: Row; papers: Row[] }[]> {
  const groups = await rows(api);
  return Promise.all(groups.map(async (group) => ({ group, papers: await rows(api, group.element) })));
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('litfeed').update(key, value, vscode.ConfigurationTarget.Global);
}

/**
 * Remembers the user-level values of `keys` and returns what puts them back. Back means the
 * value the run started with, not unset: the runner's settings keep the feed off the network.
 */
export function keepSettings(...keys: string[]): () => Promise<void> {
  const config = vscode.workspace.getConfiguration('litfeed');
  const kept = keys.map((key) => [key, config.inspect(key)?.globalValue] as const);
  return async () => {
    for (const [key, value] of kept) await setSetting(key, value);
  };
}

/** The settings a file that fetches the fixture feed changes. */
export const FEED_SETTINGS = ['sources.huggingFace.baseUrl', 'feed.range', 'feed.sort'];

/** Points the feed at `url`, shows this week best-upvoted first, and fetches it. */
export async function showFixtureWeek(api: LitFeedApi, url: string): Promise<void> {
  await setSetting('feed.range', 'week');
  await setSetting('feed.sort', 'upvotes');
  await setSetting('sources.huggingFace.baseUrl', url);
  await api.refresh();
  assert.strictEqual(api.state().source, 'network', `state after refresh: ${JSON.stringify(api.state())}`);
}

/** Deletes the feed cache, so the next refresh starts as on a fresh profile. */
export function wipeFeedCache(api: LitFeedApi): void {
  fs.rmSync(path.join(api.storageDir, 'feed'), { recursive: true, force: true });
}

/**
 * A refresh that is expected to fail. The extension reports the failure in a notification
 * and its refresh() may wait until that is dismissed, so this dismisses notifications the
 * way a person would until refresh() settles. Whether it rejects or resolves does not
 * matter; the tests read state().
 */
export async function refreshQuietly(api: LitFeedApi, timeoutMs = 45_000): Promise<void> {
  let settled = false;
  const done = api.refresh().then(
    () => undefined,
    () => undefined,
  );
  done.finally(() => (settled = true));
  const deadline = Date.now() + timeoutMs;
  while (!settled && Date.now() < deadline) {
    await Promise.race([done, new Promise((r) => setTimeout(r, 500))]);
    if (!settled && api.state().lastError) await vscode.commands.executeCommand('notifications.clearAll');
  }
  assert.ok(settled, `refresh() did not settle within ${timeoutMs / 1000} s (state: ${JSON.stringify(api.state())})`);
}

/** A loopback URL nothing listens on: a port the OS just handed out and took back. */
export function deadUrl(): Promise<string> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(`http://127.0.0.1:${port}`));
    });
  });
}

/** Every file under `dir`, recursively (missing folder: none). */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : [full];
  });
}
