// @ts-check
/**
 * The floor of LitFeed's first screen in a real window: read the current week's cached day
 * files with fs/promises, JSON.parse them, group by day and list the titles. It reads the
 * files LitFeed's feed view reads on start (range "week", sorted by upvotes) from the same
 * layout under its own global storage, and draws the same rows: a day group per day, all
 * expanded, labelled as LitFeed labels them, and under each the papers, title as label and
 * "▲ upvotes · first author" as description. It does nothing else (no settings, commands,
 * tooltips, read marks, refresh, status bar), so what LitFeed takes beyond it is LitFeed's own.
 */
'use strict';

const path = require('node:path');
const fsp = require('node:fs/promises');
const vscode = require('vscode');

const DAY_MS = 86_400_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** @param {number} ms */
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

/** Monday of the current ISO week (UTC) up to today: the feed's default range. */
function weekDays() {
  const today = Date.parse(`${isoDay(Date.now())}T00:00:00Z`);
  const weekday = (new Date(today).getUTCDay() + 6) % 7;
  return Array.from({ length: weekday + 1 }, (_, i) => isoDay(today - (weekday - i) * DAY_MS));
}

/** "Today", "Yesterday", or "Mon, Nov 30, 2026": LitFeed's labels in VS Code's English. */
function dayLabel(/** @type {string} */ day) {
  const today = isoDay(Date.now());
  if (day === today) return 'Today';
  if (day === isoDay(Date.parse(`${today}T00:00:00Z`) - DAY_MS)) return 'Yesterday';
  const d = new Date(`${day}T00:00:00Z`);
  return `${WEEKDAYS[d.getUTCDay()]}, ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

/**
 * @typedef {{ id: string, title: string, upvotes?: number, authors?: string[] }} Paper
 * @typedef {{ day: string, papers: Paper[] }} Group
 * @typedef {{ group: Group } | { paper: Paper, day: string }} Node
 */

/** @param {Paper} a @param {Paper} b */
function byUpvotes(a, b) {
  const d = (b.upvotes ?? 0) - (a.upvotes ?? 0);
  if (d !== 0) return d;
  const ta = a.title.toLowerCase();
  const tb = b.title.toLowerCase();
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

/** @implements {vscode.TreeDataProvider<Node>} */
class FeedTree {
  /** @param {Group[]} groups */
  constructor(groups) {
    this.groups = groups;
  }

  /** @param {Node} [node] @returns {Node[]} */
  getChildren(node) {
    if (!node) return this.groups.map((group) => ({ group }));
    if ('group' in node) return node.group.papers.map((paper) => ({ paper, day: node.group.day }));
    return [];
  }

  /** @param {Node} node */
  getTreeItem(node) {
    if ('group' in node) {
      const item = new vscode.TreeItem(dayLabel(node.group.day), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `day:${node.group.day}`;
      item.description = `${node.group.papers.length} papers`;
      return item;
    }
    const { paper } = node;
    const item = new vscode.TreeItem(paper.title, vscode.TreeItemCollapsibleState.None);
    item.id = `paper:${node.day}:${paper.id}`;
    const authors = paper.authors ?? [];
    const author = authors.length > 1 ? `${authors[0]} et al.` : authors[0];
    item.description = [paper.upvotes !== undefined ? `▲ ${paper.upvotes}` : '', author ?? '']
      .filter(Boolean)
      .join(' · ');
    return item;
  }
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  const dir = path.join(context.globalStorageUri.fsPath, 'feed', 'v1', 'hf-daily');
  const days = await Promise.all(
    weekDays().map((day) =>
      fsp.readFile(path.join(dir, `${day}.json`), 'utf8').then(
        (text) => /** @type {{ day: string, papers: Paper[] }} */ (JSON.parse(text)),
        () => undefined,
      ),
    ),
  );
  /** @type {Group[]} */
  const groups = [];
  for (const cached of days) {
    if (cached && cached.papers.length > 0) groups.push({ day: cached.day, papers: cached.papers.sort(byUpvotes) });
  }
  groups.sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
  // Registered once the rows are known: VS Code asks for them at once, with no empty tree first.
  context.subscriptions.push(
    vscode.window.createTreeView('minimalFeed.feed', { treeDataProvider: new FeedTree(groups) }),
  );
}

function deactivate() {}

module.exports = { activate, deactivate };
