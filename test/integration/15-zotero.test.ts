// Issue 18's Zotero part in a real VS Code, against a fixture server speaking Zotero's connector
// and Better BibTeX's JSON-RPC: Save to Zotero (what is sent, and the failures: a non-loopback
// address, Zotero not running, a read-only library), the `zotero` key style, Cite from Zotero,
// and a Better BibTeX auto-export .bib, which is never edited. The file sets its own settings
// and restores them.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Paper } from '../../src/core';
import { zoteroFixture, type ZoteroFixture } from '../fixtures/server/zoteroFixture';
import { startLoopbackServer, type LoopbackServer } from '../unit/helpers/loopbackServer';
import { activate, deadUrl, keepSettings, setSetting } from './helpers';
import { CURSOR, autoSaveOff, cite, closeEverything, openAt, removeScratchDirs, scratchDir } from './citeSupport';

const QUOKKA: Paper = {
  id: '2401.00001',
  arxivId: '2401.00001',
  title: 'Quokka Lattices',
  authors: ['Jane Smith', 'The Quokka Consortium'],
  abstract: 'We study quokkas.',
  published: '2024-01-05',
  aiKeywords: [],
  links: { arxivAbs: 'https://arxiv.org/abs/2401.00001', pdf: 'https://arxiv.org/pdf/2401.00001' },
  source: 'hf-daily',
};

const WOMBAT: Paper = {
  ...QUOKKA,
  id: '2401.00002',
  arxivId: '2401.00002',
  title: 'Wombat Burrows',
  authors: ['Jane Smith'],
  links: { arxivAbs: 'https://arxiv.org/abs/2401.00002', pdf: 'https://arxiv.org/pdf/2401.00002' },
};

describe('zotero (integration)', function () {
  this.timeout(90_000);
  const restore = keepSettings('zotero.url', 'zotero.autoExportFiles', 'citation.keyStyle');
  let server: LoopbackServer;
  let fixture: ZoteroFixture;
  let autoSave: () => Promise<void>;

  before(async () => {
    await activate();
    autoSave = await autoSaveOff();
    fixture = zoteroFixture();
    server = await startLoopbackServer((req, res) => {
      if (!fixture.handle(req, res)) res.writeHead(404).end();
    });
    await setSetting('zotero.url', server.url);
    await setSetting('zotero.autoExportFiles', []);
    await setSetting('citation.keyStyle', 'zotero');
  });
  beforeEach(() => {
    fixture.mode = 'ok';
    fixture.saved.length = 0;
    fixture.requests.length = 0;
  });
  afterEach(() => closeEverything());
  after(async () => {
    await restore();
    await autoSave();
    await server?.close();
    removeScratchDirs();
  });

  it('Save to Zotero sends both papers as preprints in one save, into the selected collection', async () => {
    const report = (await vscode.commands.executeCommand('litfeed.saveToZotero', [QUOKKA, WOMBAT])) as {
      collection: string;
      saved: Array<{ id: string; itemType: string; authors: number; pdf: boolean }>;
    };
    assert.strictEqual(report.collection, 'Reading group');
    assert.deepStrictEqual(
      report.saved.map((s) => [s.id, s.itemType, s.authors, s.pdf]),
      [
        ['2401.00001', 'preprint', 2, true],
        ['2401.00002', 'preprint', 1, true],
      ],
    );
    assert.strictEqual(fixture.saved.length, 1, 'one saveItems for both');
    const [first] = fixture.saved[0].items;
    assert.strictEqual(first.archiveID, 'arXiv:2401.00001');
    assert.deepStrictEqual(first.creators, [
      { creatorType: 'author', firstName: 'Jane', lastName: 'Smith' },
      { creatorType: 'author', name: 'The Quokka Consortium' },
    ]);
    assert.deepStrictEqual(fixture.requests.slice(0, 2), [
      'POST /connector/ping',
      'POST /connector/getSelectedCollection',
    ]);
  });

  it('a read-only library saves nothing', async () => {
    fixture.mode = 'read-only';
    assert.strictEqual(await vscode.commands.executeCommand('litfeed.saveToZotero', [QUOKKA]), undefined);
    assert.strictEqual(fixture.saved.length, 0);
  });

  it('an address off this computer is refused before any request; Zotero not running saves nothing', async () => {
    await setSetting('zotero.url', 'http://example.org:23119');
    try {
      assert.strictEqual(await vscode.commands.executeCommand('litfeed.saveToZotero', [QUOKKA]), undefined);
      await setSetting('zotero.url', await deadUrl());
      assert.strictEqual(await vscode.commands.executeCommand('litfeed.saveToZotero', [QUOKKA]), undefined);
    } finally {
      await setSetting('zotero.url', server.url);
    }
    assert.deepStrictEqual(fixture.requests, []);
  });

  it('the zotero key style cites a paper Zotero has with its Better BibTeX key and entry', async () => {
    const dir = scratchDir('zotero-keys');
    fs.writeFileSync(path.join(dir, 'refs.bib'), '');
    await openAt(path.join(dir, 'main.tex'), `See ${CURSOR}.\n\\bibliography{refs}\n`);
    const result = await cite([QUOKKA, WOMBAT]);
    assert.deepStrictEqual(result?.keys, ['smithQuokkaLattices2024', 'smithWombatBurrows2024']);
    const bib = fs.readFileSync(path.join(dir, 'refs.bib'), 'utf8');
    assert.match(
      bib,
      /@misc\{smithQuokkaLattices2024,\n {2}title = \{Quokka Lattices\}/,
      'Better BibTeX’s entry as exported',
    );
    assert.match(bib, /@misc\{smithWombatBurrows2024,/, 'the paper Zotero lacks gets a bbt-style key');
  });

  it('with Better BibTeX too old, the zotero key style falls back to bbt keys', async () => {
    fixture.mode = 'old-bbt';
    const dir = scratchDir('zotero-old');
    fs.writeFileSync(path.join(dir, 'refs.bib'), '');
    await openAt(path.join(dir, 'main.tex'), `See ${CURSOR}.\n\\bibliography{refs}\n`);
    const result = await cite([QUOKKA]);
    assert.deepStrictEqual(result?.keys, ['smithQuokkaLattices2024']);
    assert.doesNotMatch(fs.readFileSync(path.join(dir, 'refs.bib'), 'utf8'), /number = \{arXiv/);
  });

  it('an auto-export .bib is never edited: the citation only, and nothing for a paper Zotero lacks', async () => {
    const dir = scratchDir('zotero-auto');
    const bibFile = path.join(dir, 'library.bib');
    const bibText =
      '% Exported by Better BibTeX for Zotero\n\n@misc{smithQuokkaLattices2024,\n  title = {Quokka Lattices}\n}\n';
    fs.writeFileSync(bibFile, bibText);
    const editor = await openAt(path.join(dir, 'main.tex'), `See ${CURSOR}.\n\\bibliography{library}\n`);
    await setSetting('citation.keyStyle', 'arxiv');
    try {
      const result = await cite([QUOKKA]);
      assert.deepStrictEqual(result?.keys, ['smithQuokkaLattices2024'], 'Zotero’s key, whatever the key style');
      assert.match(editor.document.getText(), /\\cite\{smithQuokkaLattices2024\}/);
      assert.strictEqual(await cite([WOMBAT]), undefined, 'not in Zotero: nothing cited');
      assert.doesNotMatch(editor.document.getText(), /Wombat|2401\.00002/);
    } finally {
      await setSetting('citation.keyStyle', 'zotero');
    }
    assert.strictEqual(fs.readFileSync(bibFile, 'utf8'), bibText);
  });

  it('Cite from Zotero appends the entry once, and only cites into a listed auto-export', async () => {
    const dir = scratchDir('zotero-cite');
    const bibFile = path.join(dir, 'refs.bib');
    fs.writeFileSync(bibFile, '');
    const editor = await openAt(path.join(dir, 'main.tex'), `See ${CURSOR}.\n\\bibliography{refs}\n`);
    const first = (await vscode.commands.executeCommand('litfeed.citeFromZotero', ['vaswaniAttentionAllYou2017'])) as {
      added: string[];
    };
    assert.deepStrictEqual(first.added, ['vaswaniAttentionAllYou2017']);
    const after = fs.readFileSync(bibFile, 'utf8');
    assert.match(after, /^@inproceedings\{vaswaniAttentionAllYou2017,/);
    const again = (await vscode.commands.executeCommand('litfeed.citeFromZotero', ['vaswaniAttentionAllYou2017'])) as {
      added: string[];
      reused: string[];
    };
    assert.deepStrictEqual([again.added, again.reused], [[], ['vaswaniAttentionAllYou2017']]);
    assert.strictEqual(fs.readFileSync(bibFile, 'utf8'), after);
    assert.strictEqual((editor.document.getText().match(/vaswaniAttentionAllYou2017/g) ?? []).length, 2);

    await setSetting('zotero.autoExportFiles', [`${path.basename(dir)}/refs.bib`]);
    try {
      const listed = (await vscode.commands.executeCommand('litfeed.citeFromZotero', ['smithQuokkaLattices2024'])) as {
        added: string[];
      };
      assert.deepStrictEqual(listed.added, []);
      assert.strictEqual(fs.readFileSync(bibFile, 'utf8'), after, 'a listed auto-export is left alone');
    } finally {
      await setSetting('zotero.autoExportFiles', []);
    }
  });

  it('Cite from Zotero without Better BibTeX says so and changes nothing', async () => {
    fixture.mode = 'no-bbt';
    const dir = scratchDir('zotero-nobbt');
    fs.writeFileSync(path.join(dir, 'refs.bib'), '');
    const editor = await openAt(path.join(dir, 'main.tex'), `See ${CURSOR}.\n\\bibliography{refs}\n`);
    const text = editor.document.getText();
    assert.strictEqual(
      await vscode.commands.executeCommand('litfeed.citeFromZotero', ['vaswaniAttentionAllYou2017']),
      undefined,
    );
    assert.strictEqual(editor.document.getText(), text);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'refs.bib'), 'utf8'), '');
  });
});
