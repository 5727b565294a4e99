import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMMAND_NAMES } from '../../src/ui/commandIds';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

interface Contributed {
  command: string;
  title: string;
  category?: string;
  icon?: string;
}

describe('package.json contributions', () => {
  const contributed: Contributed[] = pkg.contributes.commands;

  it('contributes exactly the commands the extension registers', () => {
    assert.deepEqual(contributed.map((c) => c.command).sort(), COMMAND_NAMES.map((n) => `litfeed.${n}`).sort());
  });

  it('gives every command the LitFeed category and a localised title', () => {
    for (const c of contributed) {
      assert.equal(c.category, 'LitFeed', c.command);
      const key = /^%(.+)%$/.exec(c.title)?.[1];
      assert.ok(key && nls[key], `${c.command} title ${c.title} has no package.nls.json entry`);
    }
  });

  it('gives every command shown in a menu a codicon', () => {
    const inMenus = new Set<string>(
      Object.entries(pkg.contributes.menus as Record<string, { command: string }[]>)
        .filter(([menu]) => menu !== 'commandPalette')
        .flatMap(([, items]) => items.map((i) => i.command)),
    );
    for (const c of contributed) if (inMenus.has(c.command)) assert.match(c.icon ?? '', /^\$\([a-z-]+\)$/, c.command);
  });

  it('menus only name contributed commands and carry when clauses', () => {
    const ids = new Set(contributed.map((c) => c.command));
    for (const [menu, items] of Object.entries(
      pkg.contributes.menus as Record<string, { command: string; when?: string }[]>,
    )) {
      for (const item of items) {
        assert.ok(ids.has(item.command), `${menu} names unknown ${item.command}`);
        if (menu !== 'commandPalette') assert.ok(item.when, `${menu} ${item.command} has no when clause`);
      }
    }
  });

  it('resolves every %key% in package.json', () => {
    const keys = JSON.stringify(pkg).match(/%[\w.]+%/g) ?? [];
    assert.ok(keys.length > 10);
    for (const k of keys) assert.ok(nls[k.slice(1, -1)], `missing ${k}`);
  });

  it('keeps engines.vscode and @types/vscode at or below what code-server 1.139 runs, and in step', () => {
    const engine = /^\^?(\d+)\.(\d+)/.exec(pkg.engines.vscode);
    const types = /^\^?(\d+)\.(\d+)/.exec(pkg.devDependencies['@types/vscode']);
    assert.ok(engine && types);
    assert.ok(Number(engine[2]) <= 139 && Number(engine[1]) === 1);
    assert.ok(Number(types[2]) <= Number(engine[2]), '@types/vscode must not be newer than engines.vscode');
  });

  it('declares every configuration key the settings reader uses', () => {
    const props = Object.keys(pkg.contributes.configuration.properties);
    const reader = readFileSync(path.join(root, 'src/ui/settings.ts'), 'utf8');
    const used = [...reader.matchAll(/c\.get<[^>]+>\('([\w.]+)'\)/g)].map((m) => `litfeed.${m[1]}`);
    assert.ok(used.length >= 5);
    for (const key of used) assert.ok(props.includes(key), `${key} is read but not contributed`);
  });
});
