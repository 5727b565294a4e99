// Citing into real documents in a real VS Code: the text at the cursor, the entry in the
// .bib the document uses (read back from disk with the maintained parser), and the cases a
// writer meets: a second cite, an existing \cite{…}, a LaTeX root, a dirty or broken .bib.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { startHfFixtureServer, type FixtureServer } from '../fixtures/server/hfFixtureServer';
import { arxivPaper } from '../helpers/paper';
import {
  CURSOR,
  answeringQuickPicks,
  autoSaveOff,
  caretAt,
  cite,
  closeEverything,
  entriesFor,
  openAt,
  openDocument,
  parseBibFile,
  parseBibText,
  removeScratchDirs,
  repoFixture,
  scratchDir,
  waitUntil,
} from './citeSupport';
import {
  activate,
  FEED_SETTINGS,
  keepSettings,
  setSetting,
  showFixtureWeek,
  type FeedNode,
  type LitFeedApi,
} from './helpers';
import type { Paper } from '../../src/core/paper';

const PUBLISHED = '2025-03-04T10:00:00.000Z';
const LATTICE = arxivPaper('2503.01234', {
  title: 'Sparse Lattices for Long Context Reading',
  authors: ['Ada Lovelace', 'Brook Sample'],
  published: PUBLISHED,
});
const UNICODE = arxivPaper('2503.05678', {
  title: 'Über-Graphs: $O(n^2)$ Message Passing, \\emph{Fast}',
  authors: ['Søren Ødegård', 'José Núñez-Álvarez', 'Zhang Wěi'],
  published: PUBLISHED,
});

const EXISTING_BIB = [
  '% My library. Hand-formatted; LitFeed must not touch these bytes.',
  '@article{knuth1984literate,',
  '  title   = {Literate Programming},',
  '  author  = {Donald E. Knuth},',
  '  journal = {The Computer Journal},',
  '  year    = 1984,',
  '}',
  '',
  '@misc{vaswani2017attention,',
  '      title={Attention Is All You Need},',
  '      author={Ashish Vaswani and Noam Shazeer},',
  '      year={2017},',
  '      eprint={1706.03762},',
  '      archivePrefix={arXiv},',
  '}',
  '',
].join('\n');
const EXISTING_KEYS = ['knuth1984literate', 'vaswani2017attention'];

const TEX = (body: string) =>
  `\\documentclass{article}\n\\begin{document}\n${body}\n\\bibliography{refs}\n\\end{document}\n`;

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** The one entry `file` gained for `arxivId` (fails unless there is exactly one). */
async function onlyEntry(file: string, arxivId: string) {
  const all = await parseBibFile(file);
  const mine = entriesFor(all, arxivId);
  assert.strictEqual(
    mine.length,
    1,
    `${path.basename(file)} holds ${mine.length} entries for ${arxivId}:\n${fs.readFileSync(file, 'utf8')}`,
  );
  return { entry: mine[0], all };
}

/** Cites `p` and answers the quick pick it opens with `command` until the cite returns (20 s at most). */
async function citeAnswering(p: Paper, command: string): Promise<{ settled: boolean; result?: unknown }> {
  let settled = false;
  const running = cite(p).then((r) => {
    settled = true;
    return r;
  });
  const deadline = Date.now() + 20_000;
  while (!settled && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 300));
    if (!settled) await vscode.commands.executeCommand(command);
  }
  return settled ? { settled, result: await running } : { settled };
}

describe('citations', function () {
  this.timeout(30_000);
  let api: LitFeedApi;
  let server: FixtureServer;
  let restoreSettings: () => Promise<void>;
  let restoreAutoSave: (() => Promise<void>) | undefined;

  before(async () => {
    api = await activate();
    restoreSettings = keepSettings(...FEED_SETTINGS, 'citation.bibFile', 'citation.asciiBibtex');
    // Multi-select and completion offer the feed's papers: this week of the fixture feed.
    server = await startHfFixtureServer();
    await showFixtureWeek(api, server.url);
    restoreAutoSave = await autoSaveOff();
    await closeEverything();
  });

  after(async () => {
    await restoreAutoSave?.();
    await restoreSettings();
    await server?.close();
  });

  afterEach(async () => {
    await closeEverything();
    removeScratchDirs();
  });

  describe('LaTeX', () => {
    it('inserts \\cite{key} at the cursor and appends exactly one entry to refs.bib, leaving its bytes alone', async () => {
      const dir = scratchDir('tex');
      const bib = path.join(dir, 'refs.bib');
      fs.writeFileSync(bib, EXISTING_BIB);
      const editor = await openAt(path.join(dir, 'paper.tex'), TEX(`Lattices help${CURSOR}.`));

      await cite(LATTICE);

      const after = fs.readFileSync(bib, 'utf8');
      assert.ok(after.startsWith(EXISTING_BIB), `the existing entries changed:\n${after}`);
      const { entry, all } = await onlyEntry(bib, LATTICE.id);
      assert.deepStrictEqual(
        all.map((e) => e.key),
        [...EXISTING_KEYS, entry.key],
        'entries in order: the old ones, then the new one',
      );
      assert.match(entry.key, /^[a-z][A-Za-z0-9]*$/, 'an ASCII key');
      assert.ok(entry.key.startsWith('lovelace2025'), `key "${entry.key}" is first author + year + title words`);
      assert.strictEqual(entry.type, 'misc');
      assert.match(entry.fields.title, /Sparse Lattices/);
      assert.strictEqual(entry.fields.archiveprefix, 'arXiv');
      assert.strictEqual(entry.fields.url, 'https://arxiv.org/abs/2503.01234');
      assert.match(entry.fields.author, /Lovelace.* and .*Sample/);
      assert.strictEqual(editor.document.getText(), TEX(`Lattices help\\cite{${entry.key}}.`));
      assert.strictEqual(openDocument(bib)?.isDirty ?? false, false, 'refs.bib was saved (it had no unsaved edits)');

      // Again, somewhere else: the same key, and refs.bib does not change by one byte.
      caretAt(editor, '\n\\bibliography');
      await cite(LATTICE);
      assert.strictEqual(fs.readFileSync(bib, 'utf8'), after, 'citing again changed refs.bib');
      assert.strictEqual(count(editor.document.getText(), `\\cite{${entry.key}}`), 2, editor.document.getText());
    });

    it('adds ",key" inside an existing \\cite{a|}', async () => {
      const dir = scratchDir('tex-group');
      const bib = path.join(dir, 'refs.bib');
      fs.writeFileSync(bib, EXISTING_BIB);
      const editor = await openAt(
        path.join(dir, 'paper.tex'),
        TEX(`Attention~\\cite{vaswani2017attention${CURSOR}} is all.`),
      );
      await cite(LATTICE);
      const { entry } = await onlyEntry(bib, LATTICE.id);
      assert.strictEqual(editor.document.getText(), TEX(`Attention~\\cite{vaswani2017attention,${entry.key}} is all.`));
    });

    it('fills an empty \\cite{|} without a leading comma', async () => {
      const dir = scratchDir('tex-empty');
      const bib = path.join(dir, 'refs.bib');
      fs.writeFileSync(bib, EXISTING_BIB);
      const editor = await openAt(path.join(dir, 'paper.tex'), TEX(`Empty~\\citep[p.~3]{${CURSOR}}.`));
      await cite(LATTICE);
      const { entry } = await onlyEntry(bib, LATTICE.id);
      assert.strictEqual(editor.document.getText(), TEX(`Empty~\\citep[p.~3]{${entry.key}}.`));
    });

    it('reuses the key of an entry for the same paper that is already there, adding nothing', async () => {
      const dir = scratchDir('tex-reuse');
      const bib = path.join(dir, 'refs.bib');
      const text = `${EXISTING_BIB}\n@article{myLattice,\n  title = {Sparse lattices (preprint)},\n  journal = {arXiv preprint arXiv:2503.01234},\n  year = {2025}\n}\n`;
      fs.writeFileSync(bib, text);
      const editor = await openAt(path.join(dir, 'paper.tex'), TEX(`Reuse ${CURSOR}here.`));
      await cite(LATTICE);
      assert.strictEqual(editor.document.getText(), TEX('Reuse \\cite{myLattice}here.'));
      assert.strictEqual(fs.readFileSync(bib, 'utf8'), text);
    });

    it('gives a new key a suffix when the key is taken by a different paper', async () => {
      // The key LATTICE gets in an empty library, learnt by citing it once.
      const first = scratchDir('tex-key');
      fs.writeFileSync(path.join(first, 'refs.bib'), '');
      await openAt(path.join(first, 'paper.tex'), TEX(CURSOR));
      await cite(LATTICE);
      const { entry: plain } = await onlyEntry(path.join(first, 'refs.bib'), LATTICE.id);
      await closeEverything();

      const dir = scratchDir('tex-clash');
      const bib = path.join(dir, 'refs.bib');
      const clash = `@misc{${plain.key},\n  title = {A Different Paper Entirely},\n  author = {Other, Person},\n  eprint = {2401.00001},\n  archivePrefix = {arXiv},\n  year = {2025},\n}\n`;
      fs.writeFileSync(bib, clash);
      const editor = await openAt(path.join(dir, 'paper.tex'), TEX(`Clash ${CURSOR}.`));
      await cite(LATTICE);
      const { entry, all } = await onlyEntry(bib, LATTICE.id);
      assert.strictEqual(entry.key, `${plain.key}a`);
      assert.strictEqual(all.length, 2);
      assert.ok(fs.readFileSync(bib, 'utf8').startsWith(clash), 'the entry that had the key is untouched');
      assert.strictEqual(editor.document.getText(), TEX(`Clash \\cite{${plain.key}a}.`));
    });

    it('creates the .bib a document names when it does not exist yet', async () => {
      const dir = scratchDir('tex-new');
      const editor = await openAt(path.join(dir, 'paper.tex'), TEX(`New ${CURSOR}.`).replace('{refs}', '{fresh}'));
      await cite(UNICODE);
      const bib = path.join(dir, 'fresh.bib');
      assert.ok(fs.existsSync(bib), 'fresh.bib was created');
      const { entry, all } = await onlyEntry(bib, UNICODE.id);
      assert.strictEqual(all.length, 1);
      assert.match(entry.key, /^[a-z][A-Za-z0-9]*$/, `key "${entry.key}" of a paper by Søren Ødegård is ASCII`);
      assert.ok(entry.key.startsWith('odegard2025'), `key "${entry.key}"`);
      // \bibliography is read by classic BibTeX, which splits UTF-8 names wrongly (Álvarez as a
      // "von" particle): asciiBibtex "auto" writes LaTeX escapes for it.
      assert.match(entry.fields.author, /\{\\'A\}lvarez/);
      assert.match(entry.fields.author, /^[\x20-\x7e]*$/, `non-ASCII letters left: ${entry.fields.author}`);
      assert.ok(editor.document.getText().includes(`New \\cite{${entry.key}}.`), editor.document.getText());
    });

    it('writes UTF-8 names into a biblatex \\addbibresource bibliography (biber reads them right)', async () => {
      const dir = scratchDir('tex-biber');
      await openAt(
        path.join(dir, 'paper.tex'),
        `\\documentclass{article}\n\\usepackage{biblatex}\n\\addbibresource{refs.bib}\n\\begin{document}\nBiber ${CURSOR}.\n\\printbibliography\n\\end{document}\n`,
      );
      await cite(UNICODE);
      const { entry } = await onlyEntry(path.join(dir, 'refs.bib'), UNICODE.id);
      assert.match(entry.fields.author, /Søren Ødegård and José Núñez-Álvarez/);
    });

    it('asciiBibtex false writes UTF-8 even for \\bibliography', async () => {
      await setSetting('citation.asciiBibtex', false);
      try {
        const dir = scratchDir('tex-utf8');
        await openAt(path.join(dir, 'paper.tex'), TEX(`Plain ${CURSOR}.`));
        await cite(UNICODE);
        const { entry } = await onlyEntry(path.join(dir, 'refs.bib'), UNICODE.id);
        assert.match(entry.fields.author, /Søren Ødegård/);
      } finally {
        await setSetting('citation.asciiBibtex', undefined);
      }
    });

    it('finds the bibliography through "% !TeX root" in a chapter file (biblatex \\addbibresource)', async () => {
      const dir = scratchDir('tex-root');
      fs.writeFileSync(
        path.join(dir, 'main.tex'),
        '\\documentclass{book}\n\\usepackage{biblatex}\n\\addbibresource{lib.bib}\n\\begin{document}\n\\include{chapters/intro}\n\\printbibliography\n\\end{document}\n',
      );
      const lib = path.join(dir, 'lib.bib');
      fs.writeFileSync(lib, EXISTING_BIB);
      const editor = await openAt(
        path.join(dir, 'chapters', 'intro.tex'),
        `% !TeX root = ../main.tex\n\\chapter{Intro}\nWe build on ${CURSOR}.\n`,
      );
      await cite(LATTICE);
      const { entry } = await onlyEntry(lib, LATTICE.id);
      assert.ok(fs.readFileSync(lib, 'utf8').startsWith(EXISTING_BIB));
      assert.ok(editor.document.getText().includes(`We build on \\cite{${entry.key}}.`), editor.document.getText());
      assert.deepStrictEqual(
        fs.readdirSync(path.join(dir, 'chapters')),
        ['intro.tex'],
        'no .bib was created beside the chapter',
      );
    });

    it('cites several tree-selected papers at once: \\cite{a,b}', async () => {
      const groups = (await api.tree.getChildren()) ?? [];
      const nodes: FeedNode[] = [];
      for (const g of groups) nodes.push(...((await api.tree.getChildren(g)) ?? []));
      const papers = nodes.filter((n) => n.kind === 'paper');
      assert.ok(papers.length >= 2, `the fixture week has at least two papers; the feed shows ${papers.length}`);
      const [n1, n2] = papers;
      const dir = scratchDir('tex-multi');
      const bib = path.join(dir, 'refs.bib');
      fs.writeFileSync(bib, EXISTING_BIB);
      const editor = await openAt(path.join(dir, 'paper.tex'), TEX(`Both ${CURSOR}.`));
      // What VS Code passes a tree command run on a multi-selection: (clicked node, all selected nodes).
      await cite(n1, [n1, n2]);
      const a = await onlyEntry(bib, n1.paper.arxivId ?? n1.paper.id);
      const b = await onlyEntry(bib, n2.paper.arxivId ?? n2.paper.id);
      assert.strictEqual(a.all.length, 4);
      assert.strictEqual(editor.document.getText(), TEX(`Both \\cite{${a.entry.key},${b.entry.key}}.`));
    });
  });

  describe('Markdown, Quarto and Typst', () => {
    it('Markdown with YAML "bibliography: refs.bib": [@key], and "; @key" inside [@a|]', async () => {
      const dir = scratchDir('md');
      const bib = path.join(dir, 'refs.bib');
      fs.writeFileSync(bib, EXISTING_BIB);
      const text = (claim: string, earlier: string) =>
        `---\ntitle: Notes\nbibliography: refs.bib\n---\n\n# Notes\n\nClaim ${claim}.\n\nEarlier [@vaswani2017attention${earlier}].\n`;
      const editor = await openAt(path.join(dir, 'notes.md'), text(CURSOR, ''));
      assert.strictEqual(editor.document.languageId, 'markdown');
      await cite(LATTICE);
      const { entry } = await onlyEntry(bib, LATTICE.id);
      assert.strictEqual(editor.document.getText(), text(`[@${entry.key}]`, ''));
      caretAt(editor, 'vaswani2017attention]', 'vaswani2017attention'.length);
      const bibAfterFirst = fs.readFileSync(bib, 'utf8');
      await cite(LATTICE);
      assert.strictEqual(editor.document.getText(), text(`[@${entry.key}]`, `; @${entry.key}`));
      assert.strictEqual(fs.readFileSync(bib, 'utf8'), bibAfterFirst, 'the second cite added nothing');
    });

    it('Quarto (.qmd) with a YAML list "bibliography: [refs.bib]": [@key]', async () => {
      const dir = scratchDir('qmd');
      const bib = path.join(dir, 'refs.bib');
      fs.writeFileSync(bib, EXISTING_BIB);
      const editor = await openAt(
        path.join(dir, 'thesis.qmd'),
        `---\ntitle: Thesis\nbibliography: [refs.bib]\n---\n\nAs argued ${CURSOR}\n`,
      );
      await cite(UNICODE);
      const { entry } = await onlyEntry(bib, UNICODE.id);
      assert.strictEqual(
        editor.document.getText(),
        `---\ntitle: Thesis\nbibliography: [refs.bib]\n---\n\nAs argued [@${entry.key}]\n`,
      );
      assert.match(entry.fields.author, /Søren Ødegård/, 'pandoc reads UTF-8 names: no escapes');
    });

    it('Typst (.typ, plain text without a Typst extension) with #bibliography("refs.bib"): @key', async () => {
      const dir = scratchDir('typ');
      const bib = path.join(dir, 'refs.bib');
      fs.writeFileSync(bib, EXISTING_BIB);
      const editor = await openAt(
        path.join(dir, 'main.typ'),
        `= Notes\nAs shown in${CURSOR}.\n\n#bibliography("refs.bib")\n`,
      );
      // No Typst extension in this VS Code: the file is plain text; LitFeed goes by its extension.
      assert.ok(['plaintext', 'typst'].includes(editor.document.languageId), editor.document.languageId);
      await cite(LATTICE);
      const { entry } = await onlyEntry(bib, LATTICE.id);
      assert.strictEqual(
        editor.document.getText(),
        `= Notes\nAs shown in @${entry.key}.\n\n#bibliography("refs.bib")\n`,
      );
    });
  });

  describe('where the entry goes', () => {
    it('uses the litfeed.citation.bibFile setting when the document names no bibliography', async () => {
      const dir = scratchDir('setting');
      const configured = path.join(dir, 'library', 'configured.bib');
      fs.mkdirSync(path.dirname(configured));
      fs.writeFileSync(configured, EXISTING_BIB);
      const relative = path.relative(vscode.workspace.workspaceFolders![0].uri.fsPath, configured);
      await setSetting('citation.bibFile', relative);
      try {
        const editor = await openAt(path.join(dir, 'plain.md'), `# Plain notes\n\nSee ${CURSOR}.\n`);
        await cite(LATTICE);
        const { entry } = await onlyEntry(configured, LATTICE.id);
        assert.strictEqual(editor.document.getText(), `# Plain notes\n\nSee [@${entry.key}].\n`);
        assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['library', 'plain.md'], 'no other .bib was created');
      } finally {
        await setSetting('citation.bibFile', undefined);
      }
    });

    it('with no bibliography named and no setting, asks; Escape changes nothing', async () => {
      const dir = scratchDir('ask-cancel');
      const editor = await openAt(
        path.join(dir, 'lonely.tex'),
        `\\documentclass{article}\n\\begin{document}\nAsk ${CURSOR}.\n\\end{document}\n`,
      );
      const before = editor.document.getText();
      const { settled, result } = await citeAnswering(LATTICE, 'workbench.action.closeQuickOpen');
      assert.ok(settled, 'the cite command is still waiting after Escape');
      assert.strictEqual(result, undefined);
      assert.strictEqual(editor.document.getText(), before);
      assert.strictEqual(editor.document.isDirty, false);
      assert.deepStrictEqual(fs.readdirSync(dir), ['lonely.tex'], 'no .bib was created');
    });

    it('with no bibliography named and no setting, the picked .bib gets the entry and is remembered', async () => {
      // The pick lists the workspace's .bib files by path; this folder sorts first.
      const dir = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'it-aaa-ask');
      fs.mkdirSync(dir, { recursive: true });
      const picked = path.join(dir, 'picked.bib');
      fs.writeFileSync(picked, EXISTING_BIB);
      const editor = await openAt(
        path.join(dir, 'lonely.tex'),
        `\\documentclass{article}\n\\begin{document}\nAsk ${CURSOR}.\n\\end{document}\n`,
      );
      const { settled } = await citeAnswering(LATTICE, 'workbench.action.acceptSelectedQuickOpenItem');
      assert.ok(settled, 'the quick pick was not accepted');
      const { entry } = await onlyEntry(picked, LATTICE.id);
      assert.ok(editor.document.getText().includes(`Ask \\cite{${entry.key}}.`), editor.document.getText());

      // Remembered for this document: the next cite goes to the same file without asking.
      caretAt(editor, 'Ask');
      const second = await answeringQuickPicks(
        () => undefined,
        () => cite(UNICODE),
      );
      assert.deepStrictEqual(second.asked, [], 'the second cite asked again');
      await onlyEntry(picked, UNICODE.id);
    });
    it("an untitled document that names refs.bib cites into the workspace's refs.bib on disk, never into an untitled buffer", async () => {
      const rootBib = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'refs.bib');
      const saved = fs.readFileSync(rootBib);
      try {
        const doc = await vscode.workspace.openTextDocument({
          language: 'latex',
          content: 'Quick note .\n\\bibliography{refs}\n',
        });
        const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
        editor.selection = new vscode.Selection(0, 11, 0, 11);
        const { result, asked } = await answeringQuickPicks(
          () => undefined,
          () => cite(LATTICE),
        );
        if (asked.length > 0) {
          // Asking where to put the entry is fine too; answered with Escape, nothing changes.
          assert.strictEqual(result, undefined);
          assert.strictEqual(doc.getText(), 'Quick note .\n\\bibliography{refs}\n');
          return;
        }
        const untitledBibs = vscode.workspace.textDocuments.filter(
          (d) => d.uri.scheme === 'untitled' && d.uri.path.endsWith('.bib'),
        );
        assert.deepStrictEqual(
          untitledBibs.map((d) => d.uri.toString()),
          [],
          `the entry went to an untitled buffer that is never saved (litfeed.cite returned bibFile ${result?.bibFile?.toString()})`,
        );
        assert.strictEqual(result?.bibFile?.fsPath, rootBib);
        const { entry } = await onlyEntry(rootBib, LATTICE.id);
        assert.strictEqual(doc.getText(), `Quick note \\cite{${entry.key}}.\n\\bibliography{refs}\n`);
      } finally {
        fs.writeFileSync(rootBib, saved);
      }
    });
  });

  describe('the .bib file as the user has it', () => {
    it('appends to an open .bib with unsaved edits: their edit stays, the file stays unsaved', async () => {
      const dir = scratchDir('dirty');
      const bib = path.join(dir, 'refs.bib');
      fs.writeFileSync(bib, EXISTING_BIB);
      const bibEditor = await vscode.window.showTextDocument(vscode.Uri.file(bib), {
        viewColumn: vscode.ViewColumn.Two,
        preview: false,
      });
      await bibEditor.edit((b) => b.insert(new vscode.Position(0, 0), '% an unsaved note of mine\n'));
      assert.ok(bibEditor.document.isDirty);
      const editor = await openAt(path.join(dir, 'paper.tex'), TEX(`Dirty ${CURSOR}.`));

      await cite(LATTICE);

      const bibDoc = bibEditor.document;
      assert.strictEqual(bibDoc.isDirty, true, 'LitFeed saved the user’s unsaved .bib behind their back');
      assert.strictEqual(fs.readFileSync(bib, 'utf8'), EXISTING_BIB, 'the file on disk changed');
      assert.ok(
        bibDoc.getText().startsWith(`% an unsaved note of mine\n${EXISTING_BIB}`),
        `the unsaved edit was lost:\n${bibDoc.getText()}`,
      );
      const mine = entriesFor(await parseBibText(bibDoc.getText()), LATTICE.id);
      assert.strictEqual(mine.length, 1, bibDoc.getText());
      assert.strictEqual(editor.document.getText(), TEX(`Dirty \\cite{${mine[0].key}}.`));
    });

    it('does not touch a .bib that does not parse, nor the document', async () => {
      const dir = scratchDir('broken');
      const bib = path.join(dir, 'refs.bib');
      const broken = fs.readFileSync(repoFixture('bib', 'unclosed-brace.bib'), 'utf8');
      fs.writeFileSync(bib, broken);
      const editor = await openAt(path.join(dir, 'paper.tex'), TEX(`Broken ${CURSOR}.`));
      const result = await cite(LATTICE);
      assert.strictEqual(result, undefined);
      assert.strictEqual(editor.document.getText(), TEX('Broken .'));
      assert.strictEqual(editor.document.isDirty, false);
      assert.strictEqual(fs.readFileSync(bib, 'utf8'), broken);
      assert.strictEqual(openDocument(bib)?.isDirty ?? false, false);
    });

    it('keeps a CRLF .bib with a UTF-8 BOM as CRLF with the BOM', async () => {
      const dir = scratchDir('crlf');
      const bib = path.join(dir, 'refs.bib');
      const original = fs.readFileSync(repoFixture('bib', 'crlf-bom.bib'));
      assert.deepStrictEqual([...original.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the fixture starts with a BOM');
      fs.writeFileSync(bib, original);
      await openAt(path.join(dir, 'paper.tex'), TEX(`CRLF ${CURSOR}.`));
      await cite(UNICODE);
      const after = fs.readFileSync(bib);
      assert.deepStrictEqual([...after.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is gone');
      assert.ok(after.subarray(0, original.length).equals(original), 'the existing bytes changed');
      const text = after.toString('utf8');
      assert.strictEqual(count(text.replace(/\r\n/g, ''), '\n'), 0, 'a bare LF was written into a CRLF file');
      await onlyEntry(bib, UNICODE.id);
    });
  });

  describe('undo', () => {
    it('one undo in the document reverts the citation and the .bib entry, on disk too; redo brings both back', async () => {
      const dir = scratchDir('undo');
      const bib = path.join(dir, 'refs.bib');
      fs.writeFileSync(bib, EXISTING_BIB);
      const editor = await openAt(path.join(dir, 'paper.tex'), TEX(`Undo ${CURSOR}.`));
      await cite(LATTICE);
      const { entry } = await onlyEntry(bib, LATTICE.id);
      const onDisk = fs.readFileSync(bib, 'utf8');
      assert.strictEqual(editor.document.getText(), TEX(`Undo \\cite{${entry.key}}.`));
      // A multi-file undo may ask "Undo in 2 files?" in a dialog the API cannot answer.
      const undone = await Promise.race([
        vscode.commands.executeCommand('undo').then(() => 'done' as const),
        new Promise<'dialog'>((r) => setTimeout(() => r('dialog'), 20_000)),
      ]);
      assert.strictEqual(undone, 'done', 'undo waited for a confirmation');
      assert.strictEqual(editor.document.getText(), TEX('Undo .'));
      const bibDoc = openDocument(bib);
      assert.ok(bibDoc, 'refs.bib is held open by VS Code');
      assert.strictEqual(bibDoc.getText(), EXISTING_BIB, 'the entry is gone from the refs.bib buffer too');
      // LitFeed saved refs.bib after citing, so it saves the undone buffer too: disk follows.
      await waitUntil(
        'refs.bib saved after the undo',
        () => !bibDoc.isDirty && fs.readFileSync(bib, 'utf8') === EXISTING_BIB,
      );

      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('redo');
      assert.strictEqual(editor.document.getText(), TEX(`Undo \\cite{${entry.key}}.`));
      assert.strictEqual(bibDoc.getText(), onDisk);
      await waitUntil(
        'refs.bib saved after the redo',
        () => !bibDoc.isDirty && fs.readFileSync(bib, 'utf8') === onDisk,
      );
    });
  });

  describe('completion', () => {
    async function feedPapers(): Promise<Paper[]> {
      const papers: Paper[] = [];
      for (const g of (await api.tree.getChildren()) ?? []) {
        for (const n of (await api.tree.getChildren(g)) ?? []) if (n.kind === 'paper') papers.push(n.paper);
      }
      assert.ok(papers.length >= 2, `the fixture week has papers; the feed shows ${papers.length}`);
      return papers;
    }

    async function complete(editor: vscode.TextEditor, trigger?: string): Promise<vscode.CompletionItem[]> {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        editor.document.uri,
        editor.selection.active,
        trigger,
      );
      return list.items.filter((i) => i.kind === vscode.CompletionItemKind.Reference);
    }

    const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

    it('inside \\cite{ offers refs.bib’s entries first, then the feed’s papers no entry stands for, by key', async () => {
      const papers = await feedPapers();
      const known = papers[0];
      const dir = scratchDir('complete');
      const bib = path.join(dir, 'refs.bib');
      fs.writeFileSync(
        bib,
        `${EXISTING_BIB}\n@misc{alreadyHere,\n  title = {Known},\n  year = 2025,\n  eprint = {${known.arxivId ?? known.id}},\n  archivePrefix = {arXiv},\n}\n`,
      );
      const editor = await openAt(path.join(dir, 'paper.tex'), TEX(`See \\cite{${CURSOR}}.`));
      const items = await complete(editor, '{');
      const title = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? undefined : i.label.description);
      const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
      assert.deepStrictEqual(
        sorted.slice(0, 3).map(label),
        [...EXISTING_KEYS, 'alreadyHere'],
        'the entries of refs.bib come first, in file order',
      );
      assert.strictEqual(sorted[2].detail, 'Known · 2025', 'an entry’s detail is its title and year');
      for (const p of papers.slice(1)) {
        const item = items.find((i) => title(i) === p.title);
        assert.ok(item, `no completion for "${p.title}"; got ${JSON.stringify(items.map(label))}`);
        assert.match(label(item), /^[A-Za-z][A-Za-z0-9_:.-]*$/, `label "${label(item)}" is a citation key`);
      }
      assert.ok(
        !items.some((i) => title(i) === known.title),
        'a feed paper refs.bib already holds is offered once, as its entry',
      );

      // Accepting an item runs its command, which adds the paper's entry to refs.bib.
      const other = papers[1];
      const otherItem = items.find((i) => title(i) === other.title)!;
      assert.ok(otherItem.command, 'the item carries the command that adds the entry');
      await vscode.commands.executeCommand(otherItem.command.command, ...(otherItem.command.arguments ?? []));
      const { entry } = await onlyEntry(bib, other.arxivId ?? other.id);
      assert.strictEqual(entry.key, label(otherItem), 'the entry has the key the completion offered');
    });

    it('offers nothing outside a citation, and offers keys after [@ in Markdown', async () => {
      await feedPapers();
      const dir = scratchDir('complete-md');
      fs.writeFileSync(path.join(dir, 'refs.bib'), EXISTING_BIB);
      const tex = await openAt(path.join(dir, 'paper.tex'), TEX(`Plain ${CURSOR}text.`));
      assert.deepStrictEqual((await complete(tex)).map(label), [], 'completion outside \\cite{}');
      const md = await openAt(path.join(dir, 'notes.md'), `---\nbibliography: refs.bib\n---\n\nSee [@${CURSOR}]\n`);
      assert.ok((await complete(md, '@')).length >= 2, 'no keys offered after [@');
    });
  });

  describe('without an editor, and the BibTeX commands', () => {
    it('with no text editor open, puts the citation and its entry on the clipboard', async () => {
      await closeEverything();
      assert.strictEqual(vscode.window.activeTextEditor, undefined);
      await vscode.env.clipboard.writeText('before');
      await cite(LATTICE);
      const clip = await vscode.env.clipboard.readText();
      const m = /^\\cite\{([^}]+)\}\n\n/.exec(clip);
      assert.ok(m, `clipboard: ${JSON.stringify(clip)}`);
      const entries = await parseBibText(clip.slice(m[0].length));
      assert.deepStrictEqual(
        entries.map((e) => [e.key, e.fields.eprint]),
        [[m[1], LATTICE.id]],
      );
    });

    it('"Copy BibTeX" puts an entry on the clipboard that parses, UTF-8 names intact', async () => {
      await vscode.env.clipboard.writeText('before');
      await vscode.commands.executeCommand('litfeed.copyBibtex', UNICODE);
      const entries = await parseBibText(await vscode.env.clipboard.readText());
      assert.strictEqual(entries.length, 1);
      assert.strictEqual(entries[0].fields.eprint, UNICODE.id);
      assert.match(entries[0].fields.author, /^Søren Ødegård and José Núñez-Álvarez and /);
      assert.match(entries[0].fields.title, /Graphs/);
    });

    it('"Insert BibTeX Entry" inserts at the cursor of the active editor, with a key that does not clash there', async () => {
      const dir = scratchDir('insert');
      const file = path.join(dir, 'library.bib');
      const first = await vscode.commands
        .executeCommand('litfeed.copyBibtex', LATTICE)
        .then(() => vscode.env.clipboard.readText());
      const [plain] = await parseBibText(first);
      const existing = `@misc{${plain.key},\n  title = {Someone Else},\n  eprint = {2401.00002},\n  archivePrefix = {arXiv},\n}\n\n`;
      const editor = await openAt(file, `${existing}${CURSOR}`);
      await vscode.commands.executeCommand('litfeed.insertBibtex', LATTICE);
      const text = editor.document.getText();
      assert.ok(text.startsWith(existing), text);
      const entries = await parseBibText(text);
      assert.deepStrictEqual(
        entries.map((e) => [e.key, e.fields.eprint]),
        [
          [plain.key, '2401.00002'],
          [`${plain.key}a`, LATTICE.id],
        ],
      );
    });
  });
});
