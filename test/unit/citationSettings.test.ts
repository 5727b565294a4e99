/** `litfeed.citation.asciiBibtex` as read from settings and turned into entry options, against a stand-in `vscode`. */
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type * as SettingsModule from '../../src/ui/settings';
import { createFakeVscode, installFakeVscode } from './helpers/fakeVscode';

describe('asciiBibtex setting (stand-in vscode)', () => {
  let uninstall: () => void;
  let settings: typeof SettingsModule;
  let stored: Record<string, unknown>;

  before(() => {
    const fake = createFakeVscode();
    const workspace = (fake.module.workspace ?? {}) as Record<string, unknown>;
    workspace.getConfiguration = () => ({ get: (key: string) => stored[key] });
    fake.module.workspace = workspace;
    uninstall = installFakeVscode(fake);
    settings = createRequire(__filename)('../../src/ui/settings') as typeof SettingsModule;
  });
  after(() => uninstall());
  beforeEach(() => {
    stored = {};
  });

  const read = () => settings.readSettings().citation;

  it('unset or unknown is auto', () => {
    assert.equal(read().ascii, 'auto');
    stored['citation.asciiBibtex'] = 'sometimes';
    assert.equal(read().ascii, 'auto');
  });

  it('booleans from settings written before auto keep their meaning', () => {
    stored['citation.asciiBibtex'] = true;
    assert.equal(read().ascii, true);
    stored['citation.asciiBibtex'] = false;
    assert.equal(read().ascii, false);
  });

  it('auto: ASCII entries for classic BibTeX only; none without a document', () => {
    const citation = read();
    assert.equal(settings.entryOptions(citation, 'bibtex').ascii, true);
    for (const engine of ['biber', 'pandoc', 'typst', undefined] as const) {
      assert.equal(settings.entryOptions(citation, engine).ascii, false, String(engine));
    }
    assert.equal(settings.entryOptions(citation).ascii, false);
  });

  it('true writes ASCII even without a document (the reading list export)', () => {
    stored['citation.asciiBibtex'] = true;
    assert.equal(settings.entryOptions(read()).ascii, true);
    stored['citation.asciiBibtex'] = false;
    assert.equal(settings.entryOptions(read(), 'bibtex').ascii, false);
  });

  it('a Typst document gets titles written for Typst; no other engine does', () => {
    assert.equal(settings.entryOptions(read(), 'typst').typst, true);
    for (const engine of ['bibtex', 'biber', 'pandoc', undefined] as const) {
      assert.equal('typst' in settings.entryOptions(read(), engine), false, String(engine));
    }
  });
});
