/**
 * Hostile papers in the real VS Code: a loopback feed whose every field (title, authors,
 * abstract, AI summary, keywords, organization, project page, code link) carries XSS payloads
 * (test/fixtures/reliability/xssPayloads.ts). Each paper's abstract is opened from the tree
 * like a person would; inside the webview frame no element may carry an on* attribute, no
 * script may exist but the page's nonce'd one, no href/src/action may be anything but https,
 * and no link button may point off https. A payload that ran would set window.__pwned, log
 * "PWNED" or ask the sentinel server for /pwned: all three are watched.
 */
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { Frame } from 'playwright-core';
import { xssLinks, xssPayloads, XSS_LINK_COUNT, XSS_PAYLOAD_COUNT } from '../fixtures/reliability/xssPayloads';
import { showFeedRow, SIDEBAR_ROWS, startWorkbench, waitFor, type Workbench } from './e2eSupport';

const PER_PAPER = 8;

interface Sentinel {
  url: string;
  hits: string[];
  items: unknown[];
  close(): Promise<void>;
}

/** The hostile feed and the /pwned counter, on one loopback server. */
async function startHostileFeed(): Promise<Sentinel> {
  const hits: string[] = [];
  const state: { items: unknown[] } = { items: [] };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/pwned')) {
      hits.push(url.search);
      res.writeHead(204, { 'access-control-allow-origin': '*' });
      res.end();
      return;
    }
    const page = Number(url.searchParams.get('p') ?? 0) || 0;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(url.pathname === '/api/daily_papers' && page === 0 ? state.items : []));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const payloads = xssPayloads(base);
  const links = xssLinks(base);
  const today = new Date().toISOString().slice(0, 10);
  for (let n = 0; n * PER_PAPER < payloads.length; n++) {
    const mine = payloads.slice(n * PER_PAPER, (n + 1) * PER_PAPER);
    const tag = `XSS-${String(n).padStart(2, '0')}`;
    state.items.push({
      paper: {
        id: `2612.${String(90000 + n)}`,
        title: `${tag} ${mine.join(' ')}`,
        summary: mine.join('\n\n'),
        authors: [{ name: `Author ${tag}` }, ...mine.map((name) => ({ name }))],
        publishedAt: `${today}T10:00:00.000Z`,
        submittedOnDailyAt: `${today}T13:00:00.000Z`,
        upvotes: 500 - n,
        ai_summary: mine.join(' '),
        ai_keywords: mine,
        organization: { fullname: mine[0], name: mine[1] },
        projectPage: links[n % links.length],
        githubRepo: links[(n + 1) % links.length],
      },
      title: `${tag} ${mine.join(' ')}`,
      summary: mine.join('\n\n'),
      numComments: n,
    });
  }
  return {
    url: base,
    hits,
    items: state.items,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

interface FrameAudit {
  title: string;
  onAttributes: string[];
  foreignScripts: string[];
  scripts: number;
  badUrls: string[];
  badLinkButtons: string[];
  pwned: boolean;
  textLength: number;
}

function audit(frame: Frame): Promise<FrameAudit> {
  return frame.evaluate(() => {
    const all = Array.from(document.querySelectorAll('*'));
    const onAttributes: string[] = [];
    const badUrls: string[] = [];
    for (const el of all) {
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) onAttributes.push(`<${el.tagName.toLowerCase()} ${name}>`);
        if (
          ['href', 'src', 'xlink:href', 'action', 'formaction', 'data', 'srcdoc', 'background', 'poster'].includes(name)
        ) {
          if (!/^https:\/\//i.test(attr.value.trim())) {
            badUrls.push(`<${el.tagName.toLowerCase()} ${name}="${attr.value.slice(0, 80)}">`);
          }
        }
      }
    }
    const scripts = Array.from(document.scripts);
    const page = document.querySelector('#paper-title');
    return {
      title: page?.textContent ?? '',
      onAttributes,
      // VS Code's webview host adds one inline script of its own (acquireVsCodeApi) before the page's.
      foreignScripts: scripts
        .filter(
          (s, i) =>
            !s.nonce &&
            !(i === 0 && s.id === '_vscodeApiScript' && s.text.trim().startsWith('globalThis.acquireVsCodeApi')),
        )
        .map((s) => s.outerHTML.slice(0, 120)),
      scripts: scripts.length,
      badUrls,
      badLinkButtons: Array.from(document.querySelectorAll('nav.links button.link'))
        .map((b) => b.getAttribute('title') ?? '')
        .filter((t) => !/^https:\/\//.test(t)),
      pwned: (window as unknown as { __pwned?: unknown }).__pwned !== undefined,
      textLength: document.body.innerText.length,
    };
  });
}

describe('hostile papers in the abstract view (e2e)', function () {
  this.timeout(120_000);
  let feed: Sentinel;
  let wb: Workbench;
  const consolePwned: string[] = [];
  const dialogs: string[] = [];

  before(async function () {
    this.timeout(180_000);
    feed = await startHostileFeed();
    wb = await startWorkbench('xss', { 'litfeed.sources.huggingFace.baseUrl': feed.url, 'litfeed.feed.range': 'day' });
    wb.page.on('console', (m) => {
      if (m.text().includes('PWNED')) consolePwned.push(m.text());
    });
    wb.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });

  after(async () => {
    await wb?.shot('xss-last').catch(() => undefined);
    await wb?.close();
    await feed?.close();
  });

  it(`${XSS_PAYLOAD_COUNT} payloads in every field and ${XSS_LINK_COUNT} hostile links: nothing runs, no on* attribute, no foreign script, no non-https URL`, async () => {
    const { page } = wb;
    const papers = feed.items.length;
    assert.ok(XSS_PAYLOAD_COUNT >= 60, `only ${XSS_PAYLOAD_COUNT} payloads`);
    const started = Date.now();
    const audits: FrameAudit[] = [];
    for (let n = 0; n < papers; n++) {
      const tag = `XSS-${String(n).padStart(2, '0')}`;
      await showFeedRow(page, tag);
      await page.locator(SIDEBAR_ROWS, { hasText: tag }).first().click();
      const frame = await waitFor(`the abstract of ${tag}`, async () => {
        for (const f of page.frames()) {
          if (f === page.mainFrame()) continue;
          const title = await f
            .locator('#paper-title')
            .innerText({ timeout: 200 })
            .catch(() => '');
          if (title.startsWith(tag)) return f;
        }
        return undefined;
      });
      // Let KaTeX, images and anything that would fire settle.
      await page.waitForTimeout(300);
      const a = await audit(frame);
      audits.push(a);
      assert.deepStrictEqual(a.onAttributes, [], `${tag}: event handler attributes`);
      assert.deepStrictEqual(a.foreignScripts, [], `${tag}: scripts without the page nonce`);
      assert.deepStrictEqual(a.badUrls, [], `${tag}: non-https URLs in the page`);
      assert.deepStrictEqual(a.badLinkButtons, [], `${tag}: link buttons off https`);
      assert.strictEqual(a.pwned, false, `${tag}: a payload ran in the webview`);
      assert.ok(a.textLength > 200, `${tag}: the page shows the hostile text as text (${a.textLength} characters)`);
    }
    await page.waitForTimeout(500);
    const workbenchPwned = await page.evaluate(
      () => (window as unknown as { __pwned?: unknown }).__pwned !== undefined,
    );
    assert.strictEqual(workbenchPwned, false, 'a payload reached the workbench window');
    assert.deepStrictEqual(feed.hits, [], 'the sentinel /pwned endpoint was called');
    assert.deepStrictEqual(consolePwned, [], 'a payload logged PWNED');
    assert.deepStrictEqual(dialogs, [], 'a payload opened a dialog');
    assert.ok(
      audits.every((x) => x.scripts === audits[0].scripts && x.scripts >= 1),
      `script counts ${audits.map((x) => x.scripts).join(',')}`,
    );
    await wb.shot('xss');
    console.log(
      `      ${papers} hostile papers, ${XSS_PAYLOAD_COUNT} payloads × 7 fields + ${XSS_LINK_COUNT} links, audited in ${Math.round((Date.now() - started) / 1000)} s`,
    );
  });

  it('is able to fail: the audit sees a handler, a foreign script and a javascript: URL planted in the frame', async () => {
    const { page } = wb;
    const frame = await waitFor('an abstract frame', async () => {
      for (const f of page.frames()) {
        if (
          f !== page.mainFrame() &&
          (await f
            .locator('#paper-title')
            .count()
            .catch(() => 0)) > 0
        ) {
          return f;
        }
      }
      return undefined;
    });
    await frame.evaluate(() => {
      const a = document.createElement('a');
      a.setAttribute('href', 'javascript:void 0');
      a.setAttribute('onclick', 'void 0');
      document.body.append(a);
      const s = document.createElement('script');
      s.type = 'text/plain';
      document.body.append(s);
    });
    const a = await audit(frame);
    assert.strictEqual(a.onAttributes.length, 1);
    assert.strictEqual(a.foreignScripts.length, 1);
    assert.strictEqual(a.badUrls.length, 1);
  });
});
