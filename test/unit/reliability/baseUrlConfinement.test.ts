/**
 * No setting value can send a request anywhere but the configured feed host: random and
 * hand-picked base URLs through checkBaseUrl, then every URL the three sources ask for is
 * recorded and must sit under the checked base (same origin, the base's path, then `/api/`).
 * Query text and categories, which come from the user, must not move the request either.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { checkBaseUrl, fetchDailyPapers, searchHuggingFace, type FeedRange } from '../../../src/core';
import { fetchArxivCategory } from '../../../src/core/sources/arxiv';
import { Politeness } from '../../../src/core/net/politeness';

const EMPTY_ATOM = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>q</title></feed>';
const RANGES: FeedRange[] = [
  { kind: 'day', anchor: '2026-11-25' },
  { kind: 'week', anchor: '2026-11-25' },
  { kind: 'month', anchor: '2026-02-10' },
];

/** Every URL the sources request for one base, with stubbed transports that record them. */
async function requestedUrls(base: string, query: string, category: string): Promise<string[]> {
  const urls: string[] = [];
  const fetchJson = async (url: string) => {
    urls.push(url);
    return [];
  };
  for (const range of RANGES) await fetchDailyPapers({ baseUrl: base, range, fetchJson });
  await searchHuggingFace({ baseUrl: base, query, fetchJson });
  await fetchArxivCategory({
    baseUrl: base,
    category,
    gate: new Politeness({ intervalMs: 0 }),
    fetchText: async (url: string) => {
      urls.push(url);
      return { text: EMPTY_ATOM };
    },
  }).catch((e: unknown) => {
    // A category that is not one is refused before anything is sent.
    if (!(e instanceof RangeError)) throw e;
  });
  return urls;
}

/** The security property: same scheme, host and port as the checked base, no credentials. */
function assertSameOrigin(base: string, urls: string[]): void {
  const b = new URL(base);
  assert.ok(urls.length >= RANGES.length, `only ${urls.length} requests`);
  for (const u of urls) {
    const url = new URL(u);
    assert.equal(url.origin, b.origin, `${u} left ${b.origin}`);
    assert.equal(url.username + url.password, '', u);
    assert.equal(url.hash, '', u);
  }
}

/** What the setting's description promises: `/api/…` appended to the base, path included. */
function assertUnder(base: string, urls: string[]): void {
  assertSameOrigin(base, urls);
  const prefix = new URL(base).pathname.replace(/\/+$/, '');
  for (const u of urls) assert.ok(new URL(u).pathname.startsWith(`${prefix}/api/`), `${u} is not under ${base}/api/`);
}

const hosts = fc.constantFrom(
  'huggingface.co',
  'hf-mirror.example.org',
  'export.arxiv.org',
  'xn--bcher-kva.example',
  'a.b.c.d.example',
  '127.0.0.1',
  'localhost',
  '[::1]',
  'HUGGINGFACE.CO',
);
const segment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,8}$/).filter((s) => s !== '.' && s !== '..');
const bases = fc
  .record({
    scheme: fc.constantFrom('https', 'http', 'HTTPS', 'ftp', 'javascript', 'file', 'ws'),
    host: hosts,
    port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
    path: fc.array(segment, { maxLength: 3 }),
    slash: fc.boolean(),
    junk: fc.constantFrom('', '', '', '?x=1', '#frag', '@evil.example', ' ', '\t', '/\\evil.example'),
  })
  .map(
    ({ scheme, host, port, path: p, slash, junk }) =>
      `${scheme}://${host}${port ? `:${port}` : ''}${p.map((s) => `/${s}`).join('')}${slash ? '/' : ''}${junk}`,
  );

describe('reliability: base URLs confine every request to the configured host', () => {
  it('for 500 random base URLs: refused with a reason, or every request of all three sources goes to that origin only', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        bases,
        fc.string({ maxLength: 40 }),
        fc.constantFrom('cs.LG', 'stat.ML', 'cs.LG OR all:x', '../x', 'cs.LG&max_results=9'),
        async (raw, query, category) => {
          const check = checkBaseUrl(raw);
          if (!check.ok) {
            refused++;
            assert.ok(
              check.reason.includes(JSON.stringify(raw).slice(1, -1)) || check.reason.includes(raw),
              check.reason,
            );
            return;
          }
          accepted++;
          const u = new URL(check.url);
          const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
          assert.ok(u.protocol === 'https:' || (u.protocol === 'http:' && loopback), `${raw} accepted as ${check.url}`);
          assertSameOrigin(check.url, await requestedUrls(check.url, query, category));
        },
      ),
      { numRuns: 500 },
    );
    assert.ok(accepted > 50 && refused > 50, `accepted ${accepted}, refused ${refused}`);
  });

  it('a mirror with a path prefix gets the requests under that prefix, as the setting says ("/api/… is appended")', async () => {
    for (const raw of [
      'https://mirror.example.org/hf',
      'https://mirror.example.org/proxy/huggingface/',
      'http://127.0.0.1:8123/prefix',
    ]) {
      const check = checkBaseUrl(raw);
      assert.ok(check.ok, raw);
      assertUnder(check.url, await requestedUrls(check.url, 'attention', 'cs.LG'));
    }
  });

  it('user text in the search query and the arXiv category never changes where a request goes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 60 }), async (text) => {
        const urls = await requestedUrls('https://huggingface.co', `${text}/../../@evil.example#x?y=1`, text);
        assertUnder('https://huggingface.co', urls);
        const search = new URL(urls.find((u) => u.includes('/api/papers/search')) ?? 'https://huggingface.co/none');
        assert.equal(search.pathname, '/api/papers/search');
        assert.deepEqual([...search.searchParams.keys()], ['q', 'limit'], 'no parameter smuggled in');
      }),
      { numRuns: 300 },
    );
  });

  for (const raw of [
    'http://huggingface.co',
    'http://10.0.0.1:8080',
    'http://localhost.evil.example',
    'http://127.0.0.1.nip.io',
    'http://[::ffff:127.0.0.1]/',
    'ws://127.0.0.1:9',
    'HTTP://EVIL.EXAMPLE',
  ]) {
    it(`refuses the non-https, non-loopback base ${raw} with a message naming it`, () => {
      const check = checkBaseUrl(raw);
      assert.equal(check.ok, false);
      assert.match(!check.ok ? check.reason : '', /must use https/);
      assert.ok(!check.ok && check.reason.includes(raw));
    });
  }

  it('the base URL settings cannot be set by a workspace (a cloned repo’s .vscode/settings.json)', () => {
    const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { scope?: string }> } };
    };
    const props = manifest.contributes.configuration.properties;
    for (const key of ['litfeed.sources.huggingFace.baseUrl', 'litfeed.sources.arxiv.baseUrl']) {
      assert.ok(key in props, key);
      // Default scope is "window", which a workspace can override; only these two keep it out.
      assert.ok(
        ['application', 'machine'].includes(props[key].scope ?? 'window'),
        `${key} has scope ${props[key].scope ?? 'window (default)'}`,
      );
    }
  });
});
