/**
 * Tag Paper's multi-pick against a stand-in `vscode` module: what it offers and ticks, what
 * typing adds, and what accepting sets on the papers.
 */
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { Paper } from '../../src/core/paper';
import type { TagChange } from '../../src/core/tracking/readingList';
import { tagCounts } from '../../src/core/tracking/tags';
import type * as TagCommands from '../../src/ui/tracking/tagCommands';
import type { UserState } from '../../src/ui/tracking/userState';
import { paper } from '../helpers/paper';
import { createFakeVscode, installFakeVscode } from './helpers/fakeVscode';
import { forgetUiModules } from './helpers/uiModules';

interface Item {
  label: string;
  description?: string;
  tag: string;
  alwaysShow?: boolean;
}

/** The QuickPick API the command uses; setting `selectedItems` tells listeners, as VS Code does. */
class FakeQuickPick {
  canSelectMany = false;
  matchOnDescription = true;
  title = '';
  placeholder = '';
  value = '';
  items: Item[] = [];
  private selected: Item[] = [];
  private readonly listeners = new Map<string, ((arg: unknown) => void)[]>();
  shown = false;

  get selectedItems(): Item[] {
    return this.selected;
  }
  set selectedItems(items: Item[]) {
    this.selected = items;
    this.fire('selection', items);
  }

  private on(name: string) {
    return (listener: (arg: unknown) => void) => {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return {
        dispose: () =>
          this.listeners.set(
            name,
            (this.listeners.get(name) ?? []).filter((l) => l !== listener),
          ),
      };
    };
  }
  onDidChangeValue = this.on('value');
  onDidChangeSelection = this.on('selection');
  onDidAccept = this.on('accept');
  onDidHide = this.on('hide');
  fire(name: string, arg?: unknown): void {
    for (const l of this.listeners.get(name) ?? []) l(arg);
  }
  show(): void {
    this.shown = true;
  }
  hide(): void {
    this.fire('hide');
  }
  dispose(): void {}

  // What a person does.
  type(text: string): void {
    this.value = text;
    this.fire('value', text);
  }
  toggle(label: string): void {
    const item = this.items.find((i) => i.label === label);
    assert.ok(item, `no item "${label}" in ${this.items.map((i) => i.label).join(' | ')}`);
    this.selectedItems = this.selected.includes(item)
      ? this.selected.filter((i) => i !== item)
      : [...this.selected, item];
  }
  accept(): void {
    this.fire('accept');
  }
  ticked(): string[] {
    return this.selected.map((i) => i.label);
  }
}

describe('Tag Paper pick (stand-in vscode)', () => {
  let uninstall: () => void;
  let module: typeof TagCommands;
  let pick: FakeQuickPick;
  let infos: string[];

  before(() => {
    const fake = createFakeVscode();
    const window = fake.module.window as Record<string, unknown>;
    window.createQuickPick = () => (pick = new FakeQuickPick());
    window.showInformationMessage = async (message: string) => {
      infos.push(message);
      return undefined;
    };
    uninstall = installFakeVscode(fake);
    forgetUiModules();
    module = createRequire(__filename)('../../src/ui/tracking/tagCommands') as typeof TagCommands;
  });
  after(() => {
    uninstall();
    forgetUiModules();
  });
  beforeEach(() => (infos = []));

  /** A user state over a fixed reading list that records what the command sets. */
  function userWith(saved: Record<string, string[]>) {
    const sets: TagChange[][] = [];
    const user = {
      allTags: () => tagCounts(Object.values(saved).map((tags) => ({ tags }))),
      tagsOf: (p: Paper) => saved[p.id] ?? [],
      isSaved: (p: Paper) => p.id in saved,
      setTags: async (changes: TagChange[]) => {
        sets.push(changes);
        return changes.length;
      },
    } as unknown as UserState;
    return { user, sets };
  }
  const set = (sets: TagChange[][]) => sets.map((changes) => changes.map((c) => [c.paper.id, [...c.tags]]));

  it('offers the tags in use with the paper\u2019s ticked, and sets exactly what is ticked on accept', async () => {
    const { user, sets } = userWith({ a: ['ML', 'vision'], b: ['rl', 'ML'] });
    const running = module.tagPapers(user, [paper({ id: 'a', title: 'Paper A' })]);
    assert.equal(pick.canSelectMany, true);
    assert.equal(pick.title, 'Tags of “Paper A”');
    assert.deepEqual(
      pick.items.map((i) => [i.label, i.description]),
      [
        ['ML', '2 papers'],
        ['rl', '1 paper'],
        ['vision', '1 paper'],
      ],
    );
    assert.deepEqual(pick.ticked(), ['ML', 'vision']);
    pick.toggle('vision');
    pick.toggle('rl');
    pick.accept();
    assert.equal(await running, 1);
    assert.deepEqual(set(sets), [[['a', ['ML', 'rl']]]]);
    assert.deepEqual(infos, [], 'a saved paper is not announced');
  });

  it('adds a ticked "New tag" for a typed name not in use, and ticks a typed name in use until the typing changes', async () => {
    const { user, sets } = userWith({ b: ['ML'] });
    const running = module.tagPapers(user, [paper({ id: 'new', title: 'Unsaved' })]);
    assert.match(pick.placeholder, /saved/);
    assert.deepEqual(pick.ticked(), []);
    pick.type('ml, Fresh Idea');
    assert.deepEqual(
      pick.items.map((i) => i.label),
      ['New tag: Fresh Idea', 'ML'],
    );
    assert.equal(pick.items[0].alwaysShow, true);
    assert.deepEqual(pick.ticked(), ['New tag: Fresh Idea', 'ML']);
    pick.type('Fresh Idea');
    assert.deepEqual(pick.ticked(), ['New tag: Fresh Idea'], 'ML was ticked by typing it, not by the user');
    pick.type('Fresh Idea, ml');
    pick.toggle('New tag: Fresh Idea');
    pick.accept();
    assert.equal(await running, 1);
    assert.deepEqual(set(sets), [[['new', ['ML']]]]);
    assert.deepEqual(infos, ['LitFeed: “Unsaved” was saved to the Reading List with its tags.']);
  });

  it('keeps a tag the user ticked when the typing changes', async () => {
    const { user, sets } = userWith({ b: ['ML', 'rl'] });
    const running = module.tagPapers(user, [paper({ id: 'b' })]);
    pick.type('r');
    pick.toggle('ML');
    pick.type('rl');
    assert.deepEqual(pick.ticked(), ['rl'], 'rl was on the paper; ML unticked by the user');
    pick.type('');
    pick.toggle('ML');
    pick.type('m');
    assert.deepEqual(pick.ticked().sort(), ['ML', 'New tag: m', 'rl']);
    pick.type('');
    pick.accept();
    await running;
    assert.deepEqual(set(sets), [[['b', ['ML', 'rl']]]]);
  });

  it('tags several papers: common tags ticked, partial ones said and left alone unless ticked', async () => {
    const { user, sets } = userWith({ a: ['ML', 'x'], b: ['ML'] });
    const running = module.tagPapers(user, [paper({ id: 'a' }), paper({ id: 'b' })]);
    assert.equal(pick.title, 'Tags of 2 papers');
    assert.deepEqual(pick.ticked(), ['ML']);
    assert.equal(pick.items.find((i) => i.label === 'x')?.description, '1 paper · on some of these papers');
    pick.type('new');
    pick.toggle('ML');
    pick.accept();
    await running;
    assert.deepEqual(set(sets), [
      [
        ['a', ['x', 'new']],
        ['b', ['new']],
      ],
    ]);
  });

  it('changes nothing when dismissed, and resolves to undefined', async () => {
    const { user, sets } = userWith({ a: ['ML'] });
    const running = module.tagPapers(user, [paper({ id: 'a' })]);
    pick.toggle('ML');
    pick.hide();
    assert.equal(await running, undefined);
    assert.deepEqual(sets, []);
  });

  it('takes the tags as an argument without a pick', async () => {
    const { user, sets } = userWith({});
    pick = undefined as unknown as FakeQuickPick;
    assert.equal(await module.tagPapers(user, [paper({ id: 'a' })], ['x']), 1);
    assert.equal(pick, undefined, 'no pick was made');
    assert.deepEqual(set(sets), [[['a', ['x']]]]);
  });
});
