import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { LookupCache, lookupCacheDefaults } from '../../src/core/lookup/cache';
import type { Logger } from '../../src/core/log';
import { makeTempDir, type TempDir } from './helpers/tmpdir';

const DAY = 24 * 60 * 60 * 1000;

function recordingLog(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m), warnings };
}

describe('lookup: the answer cache', () => {
  let tmp: TempDir;
  let t: number;
  const now = () => t;
  beforeEach(async () => {
    tmp = await makeTempDir();
    t = Date.UTC(2026, 0, 1);
  });
  afterEach(() => tmp.remove());

  it('has nothing for a URL never stored, even when its folder does not exist yet', async () => {
    const cache = new LookupCache(path.join(tmp.path, 'not', 'yet'), { now });
    assert.equal(await cache.get('https://example.org/a'), undefined);
  });

  it('gives back a stored body as fresh, one file per URL named by its hash', async () => {
    const cache = new LookupCache(path.join(tmp.path, 'cache'), { now });
    await cache.set('https://example.org/a', { text: '{"a":1}' });
    await cache.set('https://example.org/b', { text: 'b' });
    assert.deepEqual(await cache.get('https://example.org/a'), { text: '{"a":1}', fresh: true, ageMs: 0 });
    const files = await fs.readdir(path.join(tmp.path, 'cache'));
    assert.deepEqual(
      files.sort(),
      [
        path.basename(cache.fileOf('https://example.org/a')),
        path.basename(cache.fileOf('https://example.org/b')),
      ].sort(),
    );
    assert.match(files[0], /^[0-9a-f]{64}\.json$/);
  });

  it('keeps a 200 fresh for 30 days and a 404 for one day by default, then stale', async () => {
    const cache = new LookupCache(tmp.path, { now });
    await cache.set('https://example.org/found', { text: 'x' });
    await cache.set('https://example.org/missing', { notFound: true });
    assert.deepEqual(await cache.get('https://example.org/missing'), { notFound: true, fresh: true, ageMs: 0 });
    t += DAY + 1;
    assert.deepEqual(await cache.get('https://example.org/missing'), { notFound: true, fresh: false, ageMs: DAY + 1 });
    assert.equal((await cache.get('https://example.org/found'))?.fresh, true);
    t += lookupCacheDefaults.ttlMs;
    assert.deepEqual(await cache.get('https://example.org/found'), {
      text: 'x',
      fresh: false,
      ageMs: DAY + 1 + lookupCacheDefaults.ttlMs,
    });
  });

  it('takes its times to live from the options', async () => {
    const cache = new LookupCache(tmp.path, { now, ttlMs: 10, notFoundTtlMs: 5 });
    await cache.set('https://example.org/a', { text: 'x' });
    await cache.set('https://example.org/b', { notFound: true });
    t += 6;
    assert.equal((await cache.get('https://example.org/a'))?.fresh, true);
    assert.equal((await cache.get('https://example.org/b'))?.fresh, false);
    t += 5;
    assert.equal((await cache.get('https://example.org/a'))?.fresh, false);
  });

  it('treats an answer from the future (a clock set back) as stale', async () => {
    const cache = new LookupCache(tmp.path, { now });
    await cache.set('https://example.org/a', { text: 'x' });
    t -= DAY;
    assert.equal((await cache.get('https://example.org/a'))?.fresh, false);
  });

  it('ignores a corrupt or foreign file and replaces it on the next write', async () => {
    const cache = new LookupCache(tmp.path, { now });
    const url = 'https://example.org/a';
    await fs.writeFile(cache.fileOf(url), '{"url": "https://example.org/a", "fetchedAt": 1, "sta');
    assert.equal(await cache.get(url), undefined);
    await fs.writeFile(
      cache.fileOf(url),
      JSON.stringify({ url: 'https://elsewhere/', fetchedAt: t, status: 200, text: 'x' }),
    );
    assert.equal(await cache.get(url), undefined);
    await fs.writeFile(cache.fileOf(url), JSON.stringify({ url, fetchedAt: t, status: 200 }));
    assert.equal(await cache.get(url), undefined);
    await cache.set(url, { text: 'good' });
    assert.deepEqual(await cache.get(url), { text: 'good', fresh: true, ageMs: 0 });
  });

  it('leaves no temporary file behind', async () => {
    const cache = new LookupCache(tmp.path, { now });
    await cache.set('https://example.org/a', { text: 'x' });
    await cache.set('https://example.org/a', { text: 'y' });
    const files = await fs.readdir(tmp.path);
    assert.deepEqual(files, [path.basename(cache.fileOf('https://example.org/a'))]);
    assert.equal((await cache.get('https://example.org/a'))?.text, 'y');
  });

  it('logs a failed write and carries on', async () => {
    const blocker = path.join(tmp.path, 'a-file');
    await fs.writeFile(blocker, 'not a folder');
    const log = recordingLog();
    const cache = new LookupCache(path.join(blocker, 'cache'), { now, log });
    await cache.set('https://example.org/a', { text: 'x' });
    assert.equal(log.warnings.length, 1);
    assert.match(log.warnings[0], /lookup cache: could not store the answer for https:\/\/example\.org\/a/);
    assert.equal(await cache.get('https://example.org/a'), undefined);
  });

  it('keeps at most maxEntries answers, dropping the oldest first', async () => {
    const cache = new LookupCache(tmp.path, { now, maxEntries: 10 });
    const url = (i: number) => `https://example.org/${i}`;
    for (let i = 0; i < 10; i++) {
      t += 1000;
      await cache.set(url(i), { text: String(i) });
    }
    // Writing an answer already stored again does not count twice.
    await cache.set(url(9), { text: '9 again' });
    assert.equal((await fs.readdir(tmp.path)).length, 10);
    t += 1000;
    await cache.set(url(10), { text: '10' });
    const left = await fs.readdir(tmp.path);
    assert.equal(left.length, 9, 'evicted down to nine tenths of the cap');
    assert.equal(await cache.get(url(0)), undefined);
    assert.equal(await cache.get(url(1)), undefined);
    assert.equal((await cache.get(url(2)))?.text, '2');
    assert.equal((await cache.get(url(10)))?.text, '10');
  });

  it('counts the answers already on disk when it starts', async () => {
    const first = new LookupCache(tmp.path, { now, maxEntries: 3 });
    for (let i = 0; i < 3; i++) {
      t += 1000;
      await first.set(`https://example.org/${i}`, { text: String(i) });
    }
    const second = new LookupCache(tmp.path, { now, maxEntries: 3 });
    t += 1000;
    await second.set('https://example.org/new', { text: 'new' });
    assert.equal((await fs.readdir(tmp.path)).length, 2);
    assert.equal((await second.get('https://example.org/new'))?.text, 'new');
    assert.equal(await second.get('https://example.org/0'), undefined);
  });
});
