// The bibliography where the user writes, in a real VS Code: hover, go to entry, references,
// diagnostics with both quick fixes (applied, then undone), completion from a foreign .bib
// with @string macros, a broken .bib, a multi-file LaTeX project and a Quarto project.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { baseKey } from '../../src/core/cite/keys';
import type { Paper } from '../../src/core/paper';
import { startHfFixtureServer, type FixtureServer } from '../fixtures/server/hfFixtureServer';
import {
  CURSOR,
  autoSaveOff,
  closeEverything,
  openAt,
  parseBibFile,
  removeScratchDirs,
  repoFixture,
  scratchDir,
  waitUntil,
} from './citeSupport';
import { activate, FEED_SETTINGS, keepSettings, setSetting, showFixtureWeek, type LitFeedApi } from './helpers';

/** A .bib another tool wrote (shared with the e2e test): @string macros, `Last, First` names, a braced acronym, math. */
const FOREIGN_BIB = fs.readFileSync(repoFixture('bib', 'foreign-live.bib'), 'utf8');

const TEX = (body: string) =>
  `\\documentclass{article}\n\\begin{document}\n${body}\n\\bibliography{refs}\n\\end{document}\n`;

type Hover = { contents: (vscode.MarkdownString | vscode.MarkedString)[] };

/** Markdown as a reader sees it: VS Code escapes text put into it (spaces as &nbsp;, `(` as `\(`). */
function plain(markdown: string): string {
  return markdown.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!$|<>])/g, '$1');
}

function hoverText(hovers: Hover[]): string {
  return plain(
    hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
      .join('\n'),
  );
}

function positionOf(doc: vscode.TextDocument, needle: string, delta = 1): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is in ${path.basename(doc.uri.fsPath)}`);
  return doc.positionAt(at + delta);
}

function hoverAt(doc: vscode.TextDocument, needle: string): Thenable<Hover[]> {
  return vscode.commands.executeCommand<Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, needle));
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'LitFeed');
}

/** LitFeed's diagnostics of `doc` once they are those `expected` says (the check runs after a pause). */
async function diagnosticsFor(doc: vscode.TextDocument, expected: (d: vscode.Diagnostic[]) => boolean) {
  await waitUntil(`diagnostics of ${path.basename(doc.uri.fsPath)}`, () => expected(ours(doc.uri)), 20_000).catch(
    (err) => {
      throw new Error(
        `${err.message}; they are ${JSON.stringify(ours(doc.uri).map((d) => [d.message, d.range.start]))}`,
      );
    },
  );
  return ours(doc.uri);
}

const textAt = (doc: vscode.TextDocument, d: vscode.Diagnostic) => doc.getText(d.range);

describe('the live bibliography', function () {
  this.timeout(60_000);
  let api: LitFeedApi;
  let server: FixtureServer;
  let restoreSettings: () => Promise<void>;
  let restoreAutoSave: () => Promise<void>;

  before(async () => {
    api = await activate();
    restoreSettings = keepSettings(...FEED_SETTINGS);
    server = await startHfFixtureServer();
    await showFixtureWeek(api, server.url);
    restoreAutoSave = await autoSaveOff();
    await closeEverything();
  });

  after(async () => {
    await restoreAutoSave?.();
    await restoreSettings?.();
    await server?.close();
  });

  afterEach(async () => {
    await closeEverything();
    removeScratchDirs();
  });

  it('hovers a LaTeX key with the entry’s title, authors, year and venue (macros expanded) and links', async () => {
    const dir = scratchDir('hover');
    fs.writeFileSync(path.join(dir, 'refs.bib'), FOREIGN_BIB);
    const { document: doc } = await openAt(
      path.join(dir, 'paper.tex'),
      TEX(`As shown~\\citep[p.~3]{vaswani2017attention, Smith2020}.${CURSOR}`),
    );
    const text = hoverText(await hoverAt(doc, 'Smith2020'));
    assert.match(text, /A GPU Study of ∼10x Speed-ups/, text);
    assert.match(text, /John Smith, Karl Müller/, text);
    assert.match(text, /2020 · Journal of Machine Learning Research/, text);
    assert.match(text, /We measure sparse kernels/, text);
    assert.match(text, /Open in LitFeed/, text);
    assert.match(text, /Go to Entry\]\(file:[^)]*refs\.bib#L3/, text);
    const vaswani = hoverText(await hoverAt(doc, 'vaswani2017attention'));
    assert.match(vaswani, /Open PDF\]\(https:\/\/arxiv\.org\/pdf\/1706\.03762/, vaswani);
    assert.strictEqual(hoverText(await hoverAt(doc, 'As shown')), '', 'no hover outside a citation');
  });

  it('goes to the entry, and finds every citation of a key from the document and from the .bib', async () => {
    const dir = scratchDir('refs');
    const bib = path.join(dir, 'refs.bib');
    fs.writeFileSync(bib, FOREIGN_BIB);
    fs.writeFileSync(path.join(dir, 'other.tex'), TEX('Again \\cite{Smith2020} and \\nocite{Smith2020}.'));
    const { document: doc } = await openAt(path.join(dir, 'paper.tex'), TEX(`See \\cite{Smith2020}.${CURSOR}`));

    const links = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      doc.uri,
      positionOf(doc, 'Smith2020'),
    );
    assert.strictEqual(links.length, 1);
    const link = links[0] as vscode.LocationLink;
    assert.strictEqual(link.targetUri.fsPath, bib);
    assert.strictEqual(link.targetSelectionRange?.start.line, 2, 'the key’s line in refs.bib');

    const fromDoc = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider',
      doc.uri,
      positionOf(doc, 'Smith2020'),
    );
    const places = fromDoc.map((l) => `${path.basename(l.uri.fsPath)}:${l.range.start.line}`).sort();
    assert.deepStrictEqual(places, ['other.tex:2', 'other.tex:2', 'paper.tex:2', 'refs.bib:2']);

    const bibDoc = await vscode.workspace.openTextDocument(bib);
    const fromBib = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider',
      bibDoc.uri,
      positionOf(bibDoc, 'Smith2020'),
    );
    assert.deepStrictEqual(fromBib.map((l) => path.basename(l.uri.fsPath)).sort(), [
      'other.tex',
      'other.tex',
      'paper.tex',
      'refs.bib',
    ]);
  });

  it('warns at a missing key and at a key differing in case, not at commented ones, and fixes a near miss (then undone)', async () => {
    const dir = scratchDir('diag');
    fs.writeFileSync(path.join(dir, 'refs.bib'), FOREIGN_BIB);
    const { document: doc } = await openAt(
      path.join(dir, 'paper.tex'),
      TEX(`\\cite{Smith2021} and \\cite{smith2020}.\n% \\cite{commentedOut}\n\\cite{vaswani2017attention}${CURSOR}`),
    );
    const diagnostics = await diagnosticsFor(doc, (d) => d.length === 2);
    assert.deepStrictEqual(diagnostics.map((d) => textAt(doc, d)).sort(), ['Smith2021', 'smith2020']);
    const missing = diagnostics.find((d) => textAt(doc, d) === 'Smith2021')!;
    assert.strictEqual(missing.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(missing.code, 'missing-key');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      missing.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes("Find and add 'Smith2021'…"), JSON.stringify(titles));
    assert.ok(titles.includes('Replace with an existing key…'), JSON.stringify(titles));
    const replace = actions.find((a) => a.title === "Replace with 'Smith2020'");
    assert.ok(replace?.edit, `a near-miss fix: ${JSON.stringify(titles)}`);
    assert.ok(await vscode.workspace.applyEdit(replace.edit));
    assert.match(doc.getText(), /\\cite\{Smith2020\} and/);
    await diagnosticsFor(doc, (d) => d.length === 1 && textAt(doc, d[0]) === 'smith2020');

    await vscode.commands.executeCommand('undo');
    assert.match(doc.getText(), /\\cite\{Smith2021\} and/, 'undo puts the key back');
    await diagnosticsFor(doc, (d) => d.length === 2);
  });

  it('finds and adds a missing key from the library with exactly that key, in one undoable edit', async () => {
    const papers: Paper[] = [];
    for (const g of (await api.tree.getChildren()) ?? []) {
      for (const n of (await api.tree.getChildren(g)) ?? []) if (n.kind === 'paper') papers.push(n.paper);
    }
    const paper = papers.find((p) => p.authors.length > 0 && p.published !== undefined);
    assert.ok(paper, 'the fixture week has a paper with authors and a date');
    // The key a co-author typed, Google Scholar style; no entry has it yet.
    const key = baseKey(paper, 'google');
    const dir = scratchDir('find');
    const bib = path.join(dir, 'refs.bib');
    fs.writeFileSync(bib, FOREIGN_BIB);
    const { document: doc } = await openAt(path.join(dir, 'paper.tex'), TEX(`Prior work~\\cite{${key}}.${CURSOR}`));
    const [missing] = await diagnosticsFor(doc, (d) => d.length === 1);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      missing.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const find = actions.find((a) => a.title === `Find and add '${key}'…`);
    assert.ok(find?.command, JSON.stringify(actions.map((a) => a.title)));

    // The fix asks in a quick pick searched by the key's parts; accept its first (best) item
    // (Enter does nothing until the library has answered).
    let settled = false;
    const running = vscode.commands
      .executeCommand(find.command.command, ...(find.command.arguments ?? []))
      .then(() => (settled = true));
    const deadline = Date.now() + 30_000;
    while (!settled && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    await running;

    const entries = await parseBibFile(bib);
    const added = entries.find((e) => e.key === key);
    assert.ok(added, `refs.bib has an entry with exactly the key "${key}": ${entries.map((e) => e.key).join(', ')}`);
    assert.strictEqual(added.fields.eprint, paper.arxivId ?? paper.id);
    assert.match(doc.getText(), new RegExp(`\\\\cite\\{${key}\\}`), 'the text is unchanged');
    await diagnosticsFor(doc, (d) => d.length === 0);

    const bibDoc = await vscode.workspace.openTextDocument(bib);
    await vscode.window.showTextDocument(bibDoc);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(bibDoc.getText(), FOREIGN_BIB, 'one undo removes the entry');
    await waitUntil(
      'refs.bib saved after the undo',
      () => !bibDoc.isDirty && fs.readFileSync(bib, 'utf8') === FOREIGN_BIB,
    );
  });

  it('completes keys from a foreign .bib with @string macros, its entries first with title and year', async () => {
    const dir = scratchDir('complete');
    fs.writeFileSync(path.join(dir, 'refs.bib'), FOREIGN_BIB);
    const editor = await openAt(path.join(dir, 'paper.tex'), TEX(`See \\cite{${CURSOR}}.`));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      editor.document.uri,
      editor.selection.active,
      '{',
    );
    const items = list.items
      .filter((i) => i.kind === vscode.CompletionItemKind.Reference)
      .sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
    assert.deepStrictEqual(items.slice(0, 2).map(label), ['Smith2020', 'vaswani2017attention']);
    assert.strictEqual(items[0].detail, 'A GPU Study of ∼10x Speed-ups · 2020', 'math in a title reads as text');
    const docs = items[0].documentation as vscode.MarkdownString;
    assert.match(plain(docs.value), /Journal of Machine Learning Research/, 'the @string macro is expanded');
  });

  it('a broken .bib: one error at the broken entry, and the entries around it still work', async () => {
    const dir = scratchDir('broken');
    const bib = path.join(dir, 'refs.bib');
    const broken = FOREIGN_BIB.replace('  Year = 2020,\n', '  Year = 2020,\n  note = {never closed,\n');
    fs.writeFileSync(bib, `${broken}@misc{after2024, title = {After the Break}, year = 2024}\n`);
    const { document: doc } = await openAt(
      path.join(dir, 'paper.tex'),
      TEX(`\\cite{vaswani2017attention,after2024,nowhere}${CURSOR}`),
    );
    const bibDoc = await vscode.workspace.openTextDocument(bib);
    await vscode.window.showTextDocument(bibDoc, { viewColumn: vscode.ViewColumn.Two, preserveFocus: true });
    const bibDiagnostics = await diagnosticsFor(bibDoc, (d) => d.length >= 1);
    assert.strictEqual(bibDiagnostics.length, 1, JSON.stringify(bibDiagnostics.map((d) => d.message)));
    assert.strictEqual(bibDiagnostics[0].severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(bibDiagnostics[0].range.start.line, 2, 'at the line the broken entry starts');

    const docDiagnostics = await diagnosticsFor(doc, (d) => d.some((x) => textAt(doc, x) === 'nowhere'));
    assert.deepStrictEqual(
      docDiagnostics.map((d) => textAt(doc, d)),
      ['nowhere'],
      'keys of entries that parsed are found',
    );
    assert.match(hoverText(await hoverAt(doc, 'after2024')), /After the Break/);
  });

  it('a multi-file LaTeX project: a chapter the root \\input-s resolves to the root’s bibliography', async () => {
    const dir = scratchDir('project');
    fs.writeFileSync(path.join(dir, 'refs.bib'), FOREIGN_BIB);
    fs.writeFileSync(
      path.join(dir, 'main.tex'),
      '\\documentclass{book}\n\\begin{document}\n\\input{chapters/intro}\n\\bibliography{refs}\n\\end{document}\n',
    );
    const { document: chapter } = await openAt(
      path.join(dir, 'chapters', 'intro.tex'),
      `\\chapter{Intro}\nSee \\textcite{Smith2020} and \\parencite{ghost2023}.${CURSOR}\n`,
    );
    const diagnostics = await diagnosticsFor(chapter, (d) => d.length === 1);
    assert.strictEqual(textAt(chapter, diagnostics[0]), 'ghost2023');
    assert.match(hoverText(await hoverAt(chapter, 'Smith2020')), /A GPU Study/);
  });

  it('a Quarto project: a chapter without front matter uses _quarto.yml’s bibliography', async () => {
    const dir = scratchDir('quarto');
    fs.writeFileSync(path.join(dir, 'refs.bib'), FOREIGN_BIB);
    fs.writeFileSync(path.join(dir, '_quarto.yml'), 'project:\n  type: book\nbibliography: refs.bib\n');
    const { document: chapter } = await openAt(
      path.join(dir, 'chapter.qmd'),
      `# Intro\n\nAs [see @Smith2020, p. 3; @nokey2020] showed, and @fig-plot too.${CURSOR}\n`,
    );
    const diagnostics = await diagnosticsFor(chapter, (d) => d.length === 1);
    assert.strictEqual(textAt(chapter, diagnostics[0]), 'nokey2020');
    assert.match(hoverText(await hoverAt(chapter, '@Smith2020')), /A GPU Study/);
  });

  it('marks a feed paper the workspace cites, in its row, as the document is written', async () => {
    const rows = async () => {
      const found: { paper: Paper; description: string }[] = [];
      for (const g of (await api.tree.getChildren()) ?? []) {
        for (const n of (await api.tree.getChildren(g)) ?? []) {
          if (n.kind !== 'paper') continue;
          const item = await api.tree.getTreeItem(n);
          found.push({ paper: n.paper, description: String(item.description ?? '') });
        }
      }
      return found;
    };
    const target = (await rows()).find((r) => r.paper.arxivId !== undefined);
    assert.ok(target, 'the fixture week has an arXiv paper');
    assert.doesNotMatch(target.description, /cited/, 'not cited before');
    const dir = scratchDir('cited');
    fs.writeFileSync(
      path.join(dir, 'refs.bib'),
      `${FOREIGN_BIB}@misc{mine2026,\n  title = {Mine},\n  eprint = {${target.paper.arxivId}},\n  archivePrefix = {arXiv},\n}\n`,
    );
    const editor = await openAt(path.join(dir, 'paper.tex'), TEX(`Text.${CURSOR}`));
    await editor.edit((b) => b.insert(editor.selection.active, ' \\cite{mine2026}'));
    await editor.document.save();
    await waitUntil(
      'the row to say cited',
      async () => /cited/.test((await rows()).find((r) => r.paper.id === target.paper.id)?.description ?? ''),
      20_000,
    );
  });

  it('hovers keys in Markdown, Typst and reStructuredText too', async () => {
    const dir = scratchDir('langs');
    fs.writeFileSync(path.join(dir, 'refs.bib'), FOREIGN_BIB);
    const cases: [string, string, string][] = [
      ['notes.md', `---\nbibliography: refs.bib\n---\n\nAs [-@Smith2020] says.${CURSOR}\n`, 'Smith2020'],
      [
        'main.typ',
        `See #cite(<Smith2020>) and @vaswani2017attention.${CURSOR}\n#bibliography("refs.bib")\n`,
        'vaswani2017attention',
      ],
      ['index.rst', `See :cite:p:\`Smith2020,vaswani2017attention\`.${CURSOR}\n`, 'Smith2020'],
    ];
    const restore = keepSettings('citation.bibFile');
    await setSetting('citation.bibFile', path.join(dir, 'refs.bib'));
    try {
      for (const [file, text, key] of cases) {
        const { document: doc } = await openAt(path.join(dir, file), text);
        const hover = hoverText(await hoverAt(doc, key));
        assert.match(hover, key === 'Smith2020' ? /A GPU Study/ : /Attention is all you need/, `${file}: ${hover}`);
      }
    } finally {
      await restore();
    }
  });
});
