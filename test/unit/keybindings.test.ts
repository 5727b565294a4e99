/**
 * LitFeed's keybindings (package.json `contributes.keybindings`) against the VS Code defaults
 * that can fire while one of its views has focus, and the README's Keyboard table.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { VIEW_IDS, keyboardArgs, readKeyPress } from '../../src/ui/commandIds';
import { pkg, root } from './helpers/packageFiles';

interface Binding {
  key: string;
  command: string;
  when?: string;
  args?: unknown;
  mac?: string;
}

const bindings: Binding[] = pkg.contributes.keybindings;
const defaults = JSON.parse(
  readFileSync(path.join(root, 'test/fixtures/vscode-1.139-default-keybindings.json'), 'utf8'),
) as { source: string; bindings: Binding[] };

/** A key press as VS Code writes it, modifiers in one order: `shift+ctrl+k` and `ctrl+shift+k` are one press. */
function press(chord: string): string {
  const parts = chord.toLowerCase().split('+');
  const key = parts.pop() ?? '';
  return [...parts.sort(), key].join('+');
}

/** The first press of a binding: a default chord (`ctrl+k ctrl+s`) waits for more after it. */
const firstPress = (key: string) => press(key.trim().split(/\s+/)[0]);

/** The LitFeed views a when clause names with `focusedView ==`. */
function focusedViews(when: string): string[] {
  return [...when.matchAll(/focusedView\s*==\s*'?([\w.]+)'?/g)].map((m) => m[1]);
}

const RANGE_KEYS = new Set(['litfeed.nextRange', 'litfeed.previousRange', 'litfeed.goToToday']);

describe('keybindings', () => {
  it('the defaults list names its source and holds the tree keys it must', () => {
    assert.match(defaults.source, /1\.139/);
    const keys = new Set(defaults.bindings.map((b) => firstPress(b.key)));
    for (const key of ['enter', 'space', 'down', 'ctrl+a', 'escape', 'f1', 'ctrl+p', 'ctrl+alt+f']) {
      assert.ok(keys.has(press(key)), `the defaults list lacks ${key}`);
    }
  });

  it('binds the triage actions in the feed', () => {
    const inFeed = new Set(
      bindings.filter((b) => focusedViews(b.when ?? '').includes('litfeed.feed')).map((b) => b.command),
    );
    for (const command of [
      'openPaper',
      'toggleSaved',
      'cite',
      'toggleRead',
      'nextRange',
      'previousRange',
      'search',
      'filter',
    ]) {
      assert.ok(inFeed.has(`litfeed.${command}`), `litfeed.${command} has no key in the feed`);
    }
  });

  it('binds only contributed commands', () => {
    const ids = new Set((pkg.contributes.commands as { command: string }[]).map((c) => c.command));
    for (const b of bindings) assert.ok(ids.has(b.command), `${b.key} runs unknown ${b.command}`);
  });

  it('is active only while a LitFeed view has focus and no input box does', () => {
    for (const b of bindings) {
      const views = focusedViews(b.when ?? '');
      assert.ok(views.length > 0, `${b.key} (${b.command}) names no view`);
      for (const view of views) assert.ok((VIEW_IDS as readonly string[]).includes(view), `${b.key}: ${view}`);
      // Type-to-find in the tree and the filter box take letters: none may trigger a command there.
      assert.match(b.when ?? '', /&& !inputFocus$/, `${b.key} (${b.command})`);
      assert.equal(b.mac, undefined, 'the same keys on every platform');
    }
  });

  it('hands a command on "the paper" the focused row and the view the key was pressed in', () => {
    for (const b of bindings.filter((x) => x.args !== undefined && !RANGE_KEYS.has(x.command))) {
      const [view] = focusedViews(b.when ?? '');
      assert.deepEqual(focusedViews(b.when ?? ''), [view], `${b.key} (${b.command}) is for one view`);
      assert.deepEqual(b.args, keyboardArgs(view as (typeof VIEW_IDS)[number]), `${b.key} (${b.command})`);
    }
    for (const command of ['litfeed.openPaper', 'litfeed.toggleSaved', 'litfeed.cite', 'litfeed.toggleRead']) {
      const views = bindings.filter((b) => b.command === command).flatMap((b) => focusedViews(b.when ?? ''));
      assert.deepEqual([...views].sort(), [...VIEW_IDS].sort(), `${command} in every view`);
      assert.ok(
        bindings.filter((b) => b.command === command).every((b) => b.args !== undefined),
        command,
      );
    }
  });

  it("the range keys ask for the feed's focus back, since stepping the range replaces its rows", () => {
    const range = bindings.filter((b) => RANGE_KEYS.has(b.command));
    assert.deepEqual(range.map((b) => b.key).sort(), ['n', 'p', 't']);
    for (const b of range) assert.deepEqual(b.args, { keepFocus: true }, `${b.key} (${b.command})`);
  });

  it('reads a key press whether or not the host found the focused row', () => {
    const row = { kind: 'paper' };
    assert.deepEqual(readKeyPress([row, { view: 'litfeed.arxiv' }]), { view: 'litfeed.arxiv', row });
    assert.deepEqual(readKeyPress([null, { view: 'litfeed.feed' }]), { view: 'litfeed.feed', row: null });
    assert.deepEqual(readKeyPress(keyboardArgs('litfeed.readingList')), {
      view: 'litfeed.readingList',
      row: undefined,
    });
    assert.equal(readKeyPress([row, { view: 'elsewhere' }]), undefined);
    assert.equal(readKeyPress([row, row]), undefined);
    assert.equal(readKeyPress(row), undefined);
  });

  it('clashes with no VS Code default that can fire in a tree view', () => {
    const taken = new Map<string, string[]>();
    for (const d of defaults.bindings) {
      const key = firstPress(d.key);
      taken.set(key, [...(taken.get(key) ?? []), d.command]);
    }
    for (const b of bindings) {
      const clash = taken.get(press(b.key));
      assert.equal(clash, undefined, `${b.key} (${b.command}) is VS Code's ${clash?.join(', ')}`);
    }
  });

  it('gives each key one command per view', () => {
    const seen = new Map<string, string>();
    for (const b of bindings) {
      for (const view of focusedViews(b.when ?? '')) {
        const slot = `${press(b.key)} in ${view}`;
        assert.equal(seen.get(slot), undefined, `${slot}: ${seen.get(slot)} and ${b.command}`);
        seen.set(slot, b.command);
      }
    }
  });

  it('lists every key in the README', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = /\n## Keyboard\n([\s\S]*?)\n## /.exec(readme)?.[1];
    assert.ok(section, 'the README has a Keyboard section');
    for (const b of bindings) {
      const shown = b.key
        .split('+')
        .map((p) => (p.length === 1 ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1)))
        .join('+');
      const row = section.split('\n').find((line) => line.includes(`\`${shown}\``));
      assert.ok(row, `the README's Keyboard table has no \`${shown}\``);
    }
  });
});
