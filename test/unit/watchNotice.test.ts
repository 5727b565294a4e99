/** The notice after a refresh that brings new watch-list matches, against a stand-in `vscode`. */
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Paper } from '../../src/core/paper';
import type { PaperMarker } from '../../src/ui/feed/feedTree';
import type * as NoticeModule from '../../src/ui/tracking/watchNotice';
import { paper } from '../helpers/paper';
import { createFakeVscode, installFakeVscode } from './helpers/fakeVscode';

const marker: PaperMarker = {
  isRead: (p: Paper) => p.id.endsWith('-read'),
  watchMatch: (p: Paper) => (p.id.startsWith('w') ? { keywords: ['diffusion'], authors: [] } : undefined),
  isSaved: () => false,
};

describe('watch-list notice (stand-in vscode)', () => {
  let uninstall: () => void;
  let notify: typeof NoticeModule.notifyWatched;
  let shown: { message: string; buttons: string[] }[];
  let click: string | undefined;

  before(() => {
    const fake = createFakeVscode();
    (fake.module.window as Record<string, unknown>).showInformationMessage = async (
      message: string,
      ...buttons: string[]
    ) => {
      shown.push({ message, buttons });
      return click;
    };
    uninstall = installFakeVscode(fake);
    notify = (createRequire(__filename)('../../src/ui/tracking/watchNotice') as typeof NoticeModule).notifyWatched;
  });
  after(() => uninstall());
  beforeEach(() => {
    shown = [];
    click = undefined;
  });

  /** Runs notifyWatched and waits for the button's answer to be acted on; gives the papers shown. */
  async function run(papers: Paper[], enabled = true): Promise<string[] | undefined> {
    let showed: string[] | undefined;
    notify(papers, marker, enabled, (matches) => (showed = matches.map((p) => p.id)));
    await new Promise((resolve) => setImmediate(resolve));
    return showed;
  }

  it('names the one new unread match', async () => {
    await run([paper({ id: 'w1', title: 'Watched One' }), paper({ id: 'other' }), paper({ id: 'w2-read' })]);
    assert.deepEqual(shown, [
      { message: 'LitFeed: 1 new paper matches your watch list: Watched One', buttons: ['Show'] },
    ]);
  });

  it('counts several, and "Show" shows exactly the unread matches', async () => {
    click = 'Show';
    const showed = await run([paper({ id: 'w1' }), paper({ id: 'w2' }), paper({ id: 'w3-read' }), paper({ id: 'x' })]);
    assert.deepEqual(
      shown.map((s) => s.message),
      ['LitFeed: 2 new papers match your watch list.'],
    );
    assert.deepEqual(showed, ['w1', 'w2']);
  });

  it('says nothing without unread matches, or when the setting is off', async () => {
    await run([paper({ id: 'x' }), paper({ id: 'w1-read' })]);
    await run([paper({ id: 'w1' })], false);
    assert.deepEqual(shown, []);
  });

  it('shows nothing when the notice is dismissed', async () => {
    assert.equal(await run([paper({ id: 'w1' })]), undefined);
    assert.equal(shown.length, 1);
  });
});
