/** What the integration tests need from the extension: the test API activate() returns. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'litfeed.litfeed';

export interface FeedState {
  source: 'network' | 'cache' | 'sample';
  stale: boolean;
  fetchedAt?: string;
  lastError?: string;
}

/** The exports of activate() (the contract between the extension and these tests). */
export interface LitFeedTestApi {
  tree: vscode.TreeDataProvider<unknown>;
  /** The Reading List view's provider (08-tracking asserts it is exported). */
  readingList?: vscode.TreeDataProvider<unknown>;
  /** The arXiv view's provider (08-tracking asserts it is exported). */
  arxiv?: vscode.TreeDataProvider<unknown>;
  refresh(): Promise<void>;
  state(): FeedState;
  storageDir: string;
}

export async function activate(): Promise<LitFeedTestApi> {
  const ext = vscode.extensions.getExtension<LitFeedTestApi>(EXTENSION_ID);
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
  element: unknown;
}

async function rows(api: LitFeedTestApi, parent?: unknown): Promise<Row[]> {
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
export async function readTree(api: LitFeedTestApi): Promise<{ group: Row; papers: Row[] }[]> {
  const groups = await rows(api);
  return Promise.all(groups.map(async (group) => ({ group, papers: await rows(api, group.element) })));
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('litfeed').update(key, value, vscode.ConfigurationTarget.Global);
}

/**
 * A refresh that is expected to fail. The extension reports the failure in a notification
 * and its refresh() may wait until that is dismissed, so this dismisses notifications the
 * way a person would until refresh() settles. Whether it rejects or resolves does not
 * matter; the tests read state().
 */
export async function refreshQuietly(api: LitFeedTestApi, timeoutMs = 45_000): Promise<void> {
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
