// Citing papers LitFeed has never seen, and upgrading a bibliography's preprints, in a real
// VS Code against the loopback stand-ins of arXiv, Hugging Face, Crossref, DBLP, Semantic
// Scholar and the ACL Anthology (test/fixtures/server/lookupFixture.ts).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { lookupBaseUrls, startLookupFixture, type LookupFixture } from '../fixtures/server/lookupFixture';
import {
  CURSOR,
  answeringQuickPicks,
  autoSaveOff,
  closeEverything,
  openAt,
  parseBibFile,
  removeScratchDirs,
  scratchDir,
  type CiteResult,
} from './citeSupport';
import { activate, keepSettings, setSetting, type LitFeedApi } from './helpers';
import type { UpdateReport } from '../../src/ui/lookup/updatePreprints';

const URL_SETTINGS = {
  arxiv: 'sources.arxiv.baseUrl',
  huggingFace: 'sources.huggingFace.baseUrl',
  crossref: 'sources.crossref.baseUrl',
  dblp: 'sources.dblp.baseUrl',
  semanticScholar: 'sources.semanticScholar.baseUrl',
  aclAnthology: 'sources.aclAnthology.baseUrl',
} as const;

const TEX = (body: string) =>
  `\\documentclass{article}\n\\begin{document}\n${body}\n\\bibliography{refs}\n\\end{document}\n`;

// Three styles other tools write for arXiv-only entries, a real venue that must stay as it
// is, a comment and a string: everything but the upgraded entries must keep its bytes.
const FOREIGN_BIB = [
  '% Exported from three tools; hand-edited since.',
  '@string{ieee = {IEEE}}',
  '',
  '@article{he2015deep,',
  '  title={Deep residual learning for image recognition},',
  '  author={He, Kaiming and Zhang, Xiangyu and Ren, Shaoqing and Sun, Jian},',
  '  journal={arXiv preprint arXiv:1512.03385},',
  '  year={2015},',
  '  note={my favourite}',
  '}',
  '',
  '@article{DBLP:journals/corr/IoffeS15,',
  '  author       = {Sergey Ioffe and',
  '                  Christian Szegedy},',
  '  title        = {Batch Normalization: Accelerating Deep Network Training by Reducing',
  '                  Internal Covariate Shift},',
  '  journal      = {CoRR},',
  '  volume       = {abs/1502.03167},',
  '  year         = {2015},',
  '  eprinttype    = {arXiv},',
  '  eprint       = {1502.03167},',
  '}',
  '',
  '@misc{kaplan2020scaling,',
  '  title = {Scaling Laws for Neural Language Models},',
  '  author = {Kaplan, Jared and McCandlish, Sam and Henighan, Tom and Brown, Tom B.},',
  '  year = {2020},',
  '  eprint = {2001.08361},',
  '  archiveprefix = {arXiv},',
  '  keywords = {scaling},',
  '}',
  '',
  '@inproceedings{knuth1984literate,',
  '  title = {Literate Programming},',
  '  author = {Donald E. Knuth},',
  '  booktitle = ieee,',
  '  year = 1984,',
  '}',
  '',
].join('\n');

function citeById(query: string): Thenable<CiteResult | undefined> {
  return vscode.commands.executeCommand<CiteResult | undefined>('litfeed.citeById', query);
}

describe('cite any paper, and keep preprints up to date', function () {
  // arXiv asks for 3 s between requests, and LitFeed waits them here too.
  this.timeout(90_000);
  let api: LitFeedApi;
  let fixture: LookupFixture;
  let restoreSettings: () => Promise<void>;
  let restoreAutoSave: (() => Promise<void>) | undefined;

  before(async () => {
    api = await activate();
    restoreSettings = keepSettings(...Object.values(URL_SETTINGS), 'citation.preferPublished', 'citation.bibFile');
    fixture = await startLookupFixture();
    const urls = lookupBaseUrls(fixture.url);
    for (const [name, key] of Object.entries(URL_SETTINGS)) await setSetting(key, urls[name as keyof typeof urls]);
    await setSetting('citation.preferPublished', true);
    // A look-up answered from an earlier run's cache would prove nothing about this one.
    fs.rmSync(path.join(api.storageDir, 'lookup-cache'), { recursive: true, force: true });
    restoreAutoSave = await autoSaveOff();
    await closeEverything();
  });

  after(async () => {
    await restoreAutoSave?.();
    await restoreSettings();
    await fixture?.close();
    fs.rmSync(path.join(api.storageDir, 'lookup-cache'), { recursive: true, force: true });
  });

  afterEach(async () => {
    fixture.setMode('ok');
    await closeEverything();
    removeScratchDirs();
  });

  it('cites an arXiv id into a .tex as its published version, then works offline from the cache', async () => {
    const dir = scratchDir('lookup-tex');
    const bib = path.join(dir, 'refs.bib');
    fs.writeFileSync(bib, '');
    const editor = await openAt(path.join(dir, 'paper.tex'), TEX(`Residual nets${CURSOR}.`));

    const result = await citeById('https://arxiv.org/abs/1512.03385v1');

    assert.ok(result && result.keys.length === 1, `cite result: ${JSON.stringify(result)}`);
    const key = result.keys[0];
    assert.strictEqual(editor.document.getText(), TEX(`Residual nets\\cite{${key}}.`));
    const [entry, ...more] = await parseBibFile(bib);
    assert.strictEqual(more.length, 0, fs.readFileSync(bib, 'utf8'));
    assert.strictEqual(entry.type, 'inproceedings', fs.readFileSync(bib, 'utf8'));
    assert.match(entry.fields.booktitle, /Computer Vision and Pattern Recognition/);
    assert.strictEqual(entry.fields.year, '2016');
    // DOIs are case-insensitive; services differ in which case they send.
    assert.strictEqual(entry.fields.doi?.toLowerCase(), '10.1109/cvpr.2016.90');
    assert.strictEqual(entry.fields.eprint, '1512.03385', 'the arXiv copy stays one click away');

    // Offline: every service answers 503; what was looked up before still is.
    fixture.setMode('down');
    const asked = fixture.requests.length;
    const md = await openAt(path.join(dir, 'notes.md'), `---\nbibliography: refs.bib\n---\nResNet ${CURSOR}\n`);
    const again = await citeById('1512.03385');
    assert.deepStrictEqual(again?.keys, [key], 'the same paper, the same key');
    assert.strictEqual(md.document.getText(), `---\nbibliography: refs.bib\n---\nResNet [@${key}]\n`);
    assert.strictEqual((await parseBibFile(bib)).length, 1, 'the entry is there once');
    assert.strictEqual(fixture.requests.length, asked, 'a fresh cached answer asks no service');

    // A looked-up paper is one of LitFeed's papers from now on: completion offers it, also in a
    // document whose bibliography does not hold it yet.
    const elsewhere = scratchDir('lookup-more');
    fs.writeFileSync(path.join(elsewhere, 'refs.bib'), '');
    const tex = await openAt(path.join(elsewhere, 'more.tex'), TEX(`Again \\cite{${CURSOR}}`));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      tex.document.uri,
      tex.selection.active,
      '{',
    );
    const offered = list.items.find((i) => i.detail?.startsWith('Deep Residual Learning for Image Recognition'));
    assert.ok(offered, `completion offers: ${JSON.stringify(list.items.map((i) => i.detail))}`);
    assert.strictEqual(typeof offered.label === 'string' ? offered.label : offered.label.label, key);
    assert.strictEqual(offered.command?.command, 'litfeed.addBibEntry', 'accepting it adds its entry');
  });

  it('cites a DOI into Markdown, and a title through the pick', async () => {
    const dir = scratchDir('lookup-md');
    const bib = path.join(dir, 'refs.bib');
    fs.writeFileSync(bib, '');
    const doc = `---\nbibliography: refs.bib\n---\n`;
    const editor = await openAt(path.join(dir, 'notes.md'), `${doc}YOLO ${CURSOR}\n`);

    const byDoi = await citeById('https://doi.org/10.1109/CVPR.2016.91');
    assert.ok(byDoi && byDoi.keys.length === 1, `cite result: ${JSON.stringify(byDoi)}`);
    assert.strictEqual(editor.document.getText(), `${doc}YOLO [@${byDoi.keys[0]}]\n`);
    const yolo = (await parseBibFile(bib)).find((e) => e.key === byDoi.keys[0]);
    assert.ok(yolo, fs.readFileSync(bib, 'utf8'));
    assert.match(yolo.fields.title, /You Only Look Once/);
    assert.strictEqual(yolo.type, 'inproceedings');

    const shown: string[] = [];
    const { result: byTitle } = await answeringQuickPicks(
      (items) => {
        shown.push(...items.map((i) => `${i.label} | ${i.detail ?? ''}`));
        return items.find((i) => /^Densely Connected Convolutional Networks$/.test(i.label));
      },
      () => citeById('densely connected convolutional networks huang'),
    );
    assert.ok(byTitle && byTitle.keys.length === 1, `picked from:\n${shown.join('\n')}`);
    const dense = (await parseBibFile(bib)).find((e) => e.key === byTitle.keys[0]);
    assert.ok(dense, fs.readFileSync(bib, 'utf8'));
    assert.strictEqual(dense.fields.eprint, '1608.06993', 'a title found on several services is cited from arXiv');
  });

  it('an id nobody knows writes nothing', async () => {
    const dir = scratchDir('lookup-missing');
    const bib = path.join(dir, 'refs.bib');
    fs.writeFileSync(bib, '');
    const text = TEX(`Nothing${CURSOR}.`);
    const editor = await openAt(path.join(dir, 'paper.tex'), text);
    assert.strictEqual(await citeById('2401.99999'), undefined);
    assert.strictEqual(editor.document.getText(), text.replace(CURSOR, ''));
    assert.strictEqual(fs.readFileSync(bib, 'utf8'), '');
  });

  it('Update Preprints upgrades a foreign .bib in one edit, keeping keys and the rest, and undo restores it', async () => {
    const dir = scratchDir('lookup-update');
    const bib = path.join(dir, 'refs.bib');
    fs.writeFileSync(bib, FOREIGN_BIB);

    const report = await vscode.commands.executeCommand<UpdateReport | undefined>(
      'litfeed.updatePreprints',
      vscode.Uri.file(bib),
      { preview: false },
    );

    assert.ok(report?.applied, `report: ${JSON.stringify(report && { ...report, proposed: [...report.proposed] })}`);
    assert.strictEqual(report.preprints, 3, 'three arXiv-only entries; the proceedings paper is not one');
    assert.deepStrictEqual([...report.proposed.keys()].sort(), ['DBLP:journals/corr/IoffeS15', 'he2015deep']);
    assert.deepStrictEqual(report.notFound, ['kaplan2020scaling']);
    const after = fs.readFileSync(bib, 'utf8');
    const entries = await parseBibFile(bib);
    assert.deepStrictEqual(
      entries.map((e) => e.key),
      ['he2015deep', 'DBLP:journals/corr/IoffeS15', 'kaplan2020scaling', 'knuth1984literate'],
      'keys and order kept',
    );
    const resnet = entries[0];
    assert.strictEqual(resnet.type, 'inproceedings');
    assert.match(resnet.fields.booktitle, /Computer Vision and Pattern Recognition/);
    assert.strictEqual(resnet.fields.note, 'my favourite', 'a field of the user stays');
    assert.strictEqual(resnet.fields.journal, undefined, 'the arXiv "journal" is gone');
    const batchNorm = entries[1];
    assert.strictEqual(batchNorm.type, 'inproceedings');
    assert.match(batchNorm.fields.booktitle, /International Conference on Machine Learning|ICML/);
    assert.doesNotMatch(batchNorm.fields.volume ?? '', /abs\//, 'CoRR’s abs/ volume is gone');
    assert.strictEqual(batchNorm.fields.eprint, '1502.03167');
    const untouched = FOREIGN_BIB.slice(FOREIGN_BIB.indexOf('@misc{kaplan2020scaling'));
    assert.ok(after.endsWith(untouched), `the entries after the upgraded ones changed:\n${after}`);
    assert.ok(after.startsWith('% Exported from three tools; hand-edited since.\n@string{ieee = {IEEE}}\n'));

    // One undo in the .bib takes the whole update back.
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(bib));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), FOREIGN_BIB);
  });

  it('Update Preprints refuses a .bib that does not parse, changing nothing', async () => {
    const dir = scratchDir('lookup-broken');
    const bib = path.join(dir, 'refs.bib');
    const broken = `${FOREIGN_BIB}\n@article{broken,\n  title = {Never closed},\n`;
    fs.writeFileSync(bib, broken);
    const report = await vscode.commands.executeCommand('litfeed.updatePreprints', vscode.Uri.file(bib), {
      preview: false,
    });
    assert.strictEqual(report, undefined);
    assert.strictEqual(fs.readFileSync(bib, 'utf8'), broken);
  });
});
