/**
 * Citing a paper LitFeed has never seen, and upgrading the bibliography's preprints, as a person
 * does it in code-server: the command from the palette, a title typed in its input box, the
 * paper picked from the merged results; then "Update Preprints in Bibliography…" on refs.bib,
 * its changes in VS Code's refactor preview, applied with its Apply button. The look-up
 * services are the loopback stand-ins of test/fixtures/server/lookupFixture.ts.
 * Screenshots: test-results/e2e-lookup-*.png.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { lookupBaseUrls, startLookupFixture, type LookupFixture } from '../fixtures/server/lookupFixture';
import {
  clean,
  editorText,
  openFileAtLine,
  runFromPalette,
  startWorkbench,
  waitFor,
  type Workbench,
  QUICK_ROWS,
  typeIntoCommand,
} from './e2eSupport';

const CARET_LINE = 'Put the cursor here';
const DENSENET = { id: '1608.06993', title: 'Densely Connected Convolutional Networks' };

describe('citing any paper and updating preprints in code-server (e2e)', function () {
  this.timeout(120_000);
  let wb: Workbench;
  let lookup: LookupFixture;
  let bib: string;

  before(async function () {
    this.timeout(180_000);
    lookup = await startLookupFixture();
    const urls = lookupBaseUrls(lookup.url);
    wb = await startWorkbench('lookup', {
      'litfeed.sources.arxiv.baseUrl': urls.arxiv,
      'litfeed.sources.crossref.baseUrl': urls.crossref,
      'litfeed.sources.dblp.baseUrl': urls.dblp,
      'litfeed.sources.semanticScholar.baseUrl': urls.semanticScholar,
      'litfeed.sources.aclAnthology.baseUrl': urls.aclAnthology,
      'litfeed.network.timeoutSeconds': 20,
    });
    bib = path.join(wb.workspace, 'refs.bib');
  });

  after(async () => {
    await wb?.shot('lookup-last').catch(() => undefined);
    await wb?.close();
    await lookup?.close();
  });

  it('"Cite Paper by ID, DOI or Title…" finds a title on several services and cites the pick', async () => {
    const { page } = wb;
    await openFileAtLine(page, 'paper.tex', CARET_LINE);
    await typeIntoCommand(page, 'LitFeed: Cite Paper by ID', 'densely connected convolutional networks huang');
    await page.keyboard.press('Enter');
    const row = page.locator(QUICK_ROWS, { hasText: DENSENET.title }).first();
    await row.waitFor({ state: 'visible', timeout: 60_000 });
    const shown = clean(await row.innerText());
    assert.match(shown, /Gao Huang/, `the row names the authors: ${shown}`);
    assert.match(shown, /2017/, `the row gives the year: ${shown}`);
    await wb.shot('lookup-01-title-pick');
    await row.click();

    const entry = await waitFor(
      'the DenseNet entry in refs.bib on disk',
      async () => {
        const text = fs.readFileSync(bib, 'utf8');
        const at = text.indexOf(`eprint={${DENSENET.id}}`);
        return at >= 0 ? text.slice(text.lastIndexOf('@', at), text.indexOf('\n}', at) + 2) : undefined;
      },
      60_000,
    );
    assert.match(entry, /^@inproceedings\{/, `cited as the published paper:\n${entry}`);
    assert.match(entry, /booktitle=\{[^}]*Computer Vision and Pattern Recognition/, entry);
    const key = /^@\w+\{([^,]+),/.exec(entry)?.[1] ?? '';
    await waitFor(`\\cite{${key}} on screen`, async () => (await editorText(page)).includes(`\\cite{${key}}`));
    await wb.shot('lookup-02-cited');
  });

  it('"Update Preprints in Bibliography…" shows the upgrades in the refactor preview, and Apply writes them', async () => {
    const { page } = wb;
    const before = fs.readFileSync(bib, 'utf8');
    assert.match(before, /@misc\{vaswani2017attention,/, 'refs.bib starts with the arXiv entry of the Transformer');
    await openFileAtLine(page, 'refs.bib', 'archivePrefix');
    await runFromPalette(page, 'LitFeed: Update Preprints in Bibliography');
    const preview = page.locator('.part.panel', { hasText: 'vaswani2017attention' });
    await preview.waitFor({ state: 'visible', timeout: 60_000 }).catch(async (err) => {
      await wb.shot('lookup-03-no-preview');
      throw err;
    });
    await wb.shot('lookup-03-refactor-preview');
    assert.strictEqual(fs.readFileSync(bib, 'utf8'), before, 'nothing is written before Apply');

    // VS Code hands edits that need confirmation to the preview unticked: a person ticks the
    // file (every entry in it) or single entries, then applies.
    const fileRow = page.locator('.part.panel .monaco-list-row', { hasText: 'refs.bib' }).first();
    await fileRow.locator('.monaco-custom-toggle, .monaco-checkbox, input[type="checkbox"]').first().click();
    await wb.shot('lookup-04-ticked');
    await page.locator('.part.panel').getByRole('button', { name: 'Apply' }).first().click();
    const after = await waitFor(
      'the upgraded Transformer entry in refs.bib on disk',
      async () => {
        const text = fs.readFileSync(bib, 'utf8');
        return /@inproceedings\{vaswani2017attention,/.test(text) ? text : undefined;
      },
      30_000,
    );
    assert.match(after, /booktitle=\{[^}]*Neural Information Processing Systems/, after);
    assert.match(after, /eprint=\{1706\.03762\}/, 'the arXiv id stays');
    await wb.shot('lookup-05-applied');
  });
});
