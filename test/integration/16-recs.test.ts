// Issue 17 in a real VS Code: the "For you" order falls back (and says so) until five papers are
// kept, then ranks today's feed by what was saved, each row's tooltip saying why; "Papers for
// This Document" ranks a paper on the document's topic first. The file serves its own feed (a
// day of papers on three topics, the kept topic the least upvoted), starts from an empty
// reading list and leaves it so.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Paper } from '../../src/core/paper';
import { startHfFixtureServer, type FixtureItem, type FixtureServer } from '../fixtures/server/hfFixtureServer';
import { closeEverything, removeScratchDirs, scratchDir, waitUntil } from './citeSupport';
import { activate, FEED_SETTINGS, keepSettings, readTree, setSetting, type LitFeedApi } from './helpers';

const TOPICS: Record<string, string[]> = {
  proteins: ['protein', 'folding', 'residue', 'enzyme', 'binding', 'docking', 'amino', 'structure'],
  robotics: ['robot', 'grasping', 'gripper', 'locomotion', 'manipulation', 'tactile', 'policy', 'arm'],
  diffusion: ['diffusion', 'denoising', 'sampler', 'guidance', 'latent', 'noise', 'image', 'schedule'],
};
const COMMON = ['model', 'method', 'results', 'training', 'data', 'approach', 'evaluate', 'benchmark'];

/** A paper of `topic`: its words mixed with common ones, picked by a fixed rule (no randomness). */
function item(topic: string, n: number, upvotes: number): FixtureItem {
  const own = TOPICS[topic];
  const words = Array.from({ length: 36 }, (_, i) =>
    i % 2 === 0 ? own[(n * 3 + i) % own.length] : COMMON[(n + i) % COMMON.length],
  );
  const id = `2612.${String(Object.keys(TOPICS).indexOf(topic) + 1)}${String(n).padStart(4, '0')}`;
  return {
    dayOffset: 0,
    upvotes,
    numComments: 0,
    paper: {
      id,
      title: `${own[n % own.length]} ${own[(n + 3) % own.length]} ${COMMON[n % COMMON.length]} study ${topic} ${n}`,
      summary: `${words.join(' ')}.`,
      authors: [{ name: `Author ${topic} ${n}` }],
      publishedAt: '2026-11-30T10:00:00.000Z',
      ai_keywords: [],
    },
  };
}

// The proteins are the least upvoted: in the upvote order they come last.
const ITEMS: FixtureItem[] = [
  ...Array.from({ length: 12 }, (_, n) => item('proteins', n, 1 + n)),
  ...Array.from({ length: 12 }, (_, n) => item('robotics', n, 40 + n)),
  ...Array.from({ length: 12 }, (_, n) => item('diffusion', n, 60 + n)),
];
const isProtein = (title: string) => / proteins \d+$/.test(title);

async function feedTitles(api: LitFeedApi): Promise<string[]> {
  return (await readTree(api)).flatMap((day) => day.papers.map((p) => p.label));
}

async function savedPapers(api: LitFeedApi): Promise<Paper[]> {
  const nodes = (await api.readingList.getChildren()) ?? [];
  return nodes.flatMap((n) => (n.kind === 'saved' ? [n.entry.paper] : []));
}

describe('For you: ranking by what you keep (integration, issue 17)', function () {
  this.timeout(120_000);
  let api: LitFeedApi;
  let server: FixtureServer;
  const restore = keepSettings(...FEED_SETTINGS, 'readingList.groupByTag');

  before(async () => {
    api = await activate();
    server = await startHfFixtureServer({ items: ITEMS });
    await setSetting('readingList.groupByTag', false);
    const saved = await savedPapers(api);
    if (saved.length > 0) await vscode.commands.executeCommand('litfeed.unsave', saved);
    await setSetting('feed.range', 'day');
    await setSetting('feed.sort', 'upvotes');
    await setSetting('sources.huggingFace.baseUrl', server.url);
    await api.refresh();
    assert.equal(api.state().source, 'network', `state after refresh: ${JSON.stringify(api.state())}`);
  });

  after(async () => {
    const saved = await savedPapers(api);
    if (saved.length > 0) await vscode.commands.executeCommand('litfeed.unsave', saved);
    await restore();
    await server.close();
    await closeEverything();
    removeScratchDirs();
  });

  it('falls back to upvotes with fewer than five kept papers, and the view says so', async () => {
    await setSetting('feed.sort', 'forYou');
    await waitUntil('the For you note', () => /For you learns from/.test(api.state().message ?? ''), 30_000);
    // The workspace may cite a paper or hold a note already: fewer than five, whatever it has.
    assert.match(api.state().message ?? '', /[0-4] of 5 so far/);
    const titles = await feedTitles(api);
    assert.equal(titles.length, ITEMS.length);
    assert.ok(titles.slice(-12).every(isProtein), `the proteins come last: ${titles.join(' | ')}`);
  });

  it('ranks the kept topic first once five papers are saved, and says why in the tooltip', async () => {
    const feed = (await readTree(api)).flatMap((d) => d.papers);
    const proteins = feed.filter((r) => isProtein(r.label)).slice(0, 6);
    const kept = proteins.map((r) => (r.element.kind === 'paper' ? r.element.paper : undefined));
    await vscode.commands.executeCommand('litfeed.save', kept);
    await waitUntil(
      'the proteins ranked first',
      async () => {
        const titles = await feedTitles(api);
        return titles.slice(0, 12).every(isProtein);
      },
      60_000,
    );
    assert.equal(api.state().message, undefined, 'the note is gone once the model is trained');
    // An unsaved protein paper's tooltip names a saved one it is like, and the words that scored.
    const rows = (await readTree(api)).flatMap((d) => d.papers);
    const unsaved = rows.find((r) => isProtein(r.label) && !proteins.some((p) => p.label === r.label));
    assert.ok(unsaved, 'an unsaved protein paper is listed');
    const token = new vscode.CancellationTokenSource().token;
    const item = await api.tree.resolveTreeItem?.(await api.tree.getTreeItem(unsaved.element), unsaved.element, token);
    const tooltip = item?.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : '';
    const text = tooltip.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
    const like = /For you, like: \*([^*]+)\*/.exec(text);
    assert.ok(like, `the tooltip names a kept paper: ${text}`);
    assert.ok(
      proteins.some((p) => p.label === like[1]),
      `"${like[1]}" is one of the saved papers`,
    );
    assert.match(text, /words: [^\n]*(protein|folding|residue|enzyme|binding|docking|amino|structure)/);
  });

  it('ranks the library against the document: a paper on its topic first, none it already cites', async () => {
    const dir = scratchDir('recs-doc');
    const bib = path.join(dir, 'refs.bib');
    fs.writeFileSync(
      bib,
      '@misc{cited, title = {Robot grasping study}, eprint = {2612.20000}, archivePrefix = {arXiv}}\n',
    );
    const tex = path.join(dir, 'paper.tex');
    fs.writeFileSync(
      tex,
      '\\documentclass{article}\n\\begin{document}\n' +
        'Robot grasping with a tactile gripper: manipulation policy for a robot arm, locomotion aside.\n'.repeat(20) +
        '\\cite{cited}\n\\bibliography{refs}\n\\end{document}\n',
    );
    const doc = await vscode.workspace.openTextDocument(tex);
    await vscode.window.showTextDocument(doc);
    const listed = await vscode.commands.executeCommand<Paper[]>('litfeed.papersForDocument');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.ok(listed && listed.length > 0, 'papers were listed');
    assert.match(listed[0].title, / robotics \d+$/, `first: ${listed.map((p) => p.title).join(' | ')}`);
    assert.ok(!listed.some((p) => p.arxivId === '2612.20000'), 'the cited paper is not offered again');
  });

  it('says what to do when no document is open', async () => {
    await closeEverything();
    const listed = await vscode.commands.executeCommand<Paper[]>('litfeed.papersForDocument');
    assert.deepEqual(listed, []);
    await vscode.commands.executeCommand('notifications.clearAll');
  });
});
