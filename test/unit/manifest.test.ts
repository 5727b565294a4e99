import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { COMMAND_NAMES } from '../../src/ui/commandIds';
import { nls, pkg, root, shipped } from './helpers/packageFiles';

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

/** The Marketplace's categories (vsce and the Marketplace reject any other); Open VSX takes the same. */
const MARKETPLACE_CATEGORIES = [
  'AI',
  'Azure',
  'Chat',
  'Data Science',
  'Debuggers',
  'Education',
  'Extension Packs',
  'Formatters',
  'Keymaps',
  'Language Packs',
  'Linters',
  'Machine Learning',
  'Notebooks',
  'Other',
  'Programming Languages',
  'SCM Providers',
  'Snippets',
  'Testing',
  'Themes',
  'Visualization',
];

describe('the manifest the Marketplace and Open VSX read', () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

  it('has a name, publisher, version and engine both registries accept', () => {
    assert.match(pkg.name, /^[a-z0-9][a-z0-9-]*$/);
    assert.match(pkg.publisher, /^[a-z0-9][a-z0-9-]*$/i);
    assert.match(pkg.version, /^\d+\.\d+\.\d+$/, 'a plain x.y.z (pre-releases are a flag, not a version)');
    assert.match(pkg.engines.vscode, /^\^\d+\.\d+\.\d+$/);
    assert.ok(pkg.displayName && pkg.displayName.length <= 60);
    const description = /^%(.+)%$/.exec(pkg.description)?.[1];
    assert.ok(description && nls[description], 'a localised description');
  });

  it('has a license the registries recognise, and the file', () => {
    assert.equal(pkg.license, 'MIT');
    assert.match(readFileSync(path.join(root, 'LICENSE'), 'utf8'), /MIT License/);
  });

  it('has a PNG icon of at least 128×128 that ships', () => {
    assert.match(pkg.icon, /\.png$/, 'the Marketplace takes no SVG icon');
    const png = readFileSync(path.join(root, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    assert.ok(png.readUInt32BE(16) >= 128 && png.readUInt32BE(20) >= 128, 'IHDR width and height');
    assert.ok(shipped(pkg.icon));
    assert.match(pkg.galleryBanner.color, /^#[0-9a-f]{6}$/i);
  });

  it('has Marketplace categories and at most 30 keywords', () => {
    assert.ok(pkg.categories.length > 0);
    for (const c of pkg.categories) assert.ok(MARKETPLACE_CATEGORIES.includes(c), c);
    assert.ok(pkg.keywords.length <= 30);
  });

  it('names its repository, or says in the README that there is none yet', () => {
    if (pkg.repository) assert.match(pkg.repository.url ?? pkg.repository, /^https:\/\//);
    else assert.match(readme, /no public repository yet/i);
  });

  it('ships every image the README shows, so its relative links resolve in the packaged README', () => {
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g), ...readme.matchAll(/<img[^>]+src="([^"]+)"/g)].map(
      (m) => m[1],
    );
    assert.ok(images.length > 0);
    for (const image of images) {
      assert.doesNotMatch(image, /\.svg$/i, `${image}: the Marketplace rejects SVG images in a README`);
      if (/^[a-z]+:/i.test(image)) {
        assert.match(image, /^https:\/\//, image);
        continue;
      }
      assert.ok(existsSync(path.join(root, image)), `${image} exists`);
      assert.ok(shipped(image), `${image} is in the .vsix (.vscodeignore)`);
    }
  });

  it('has a publish script for each registry that publishes the packaged .vsix', () => {
    assert.match(pkg.scripts.package, /vsce package .*--no-rewrite-relative-links .*--allow-missing-repository/);
    assert.match(pkg.scripts['publish:vsce'], /^vsce publish --packagePath litfeed\.vsix$/);
    assert.match(pkg.scripts['publish:ovsx'], /^npx --yes ovsx@\d+\.\d+\.\d+ publish litfeed\.vsix$/);
    assert.equal(pkg.devDependencies.ovsx, undefined, 'ovsx is fetched when publishing, not installed by everyone');
    for (const script of ['publish:vsce', 'publish:ovsx']) assert.ok(readme.includes(`npm run ${script}`), script);
  });
});
