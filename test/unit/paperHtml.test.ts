import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, escapeHtml, paperHtml, type PaperHtmlResources } from '../../src/ui/paperHtml';

const resources: PaperHtmlResources = {
  cspSource: 'https://*.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/dist/paperView.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/paperView.css',
  katexStyleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/dist/katex/katex.min.css',
};

function cspOf(html: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(m, 'no CSP meta tag');
  return m[1].replace(/&#39;/g, "'");
}

function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

function scriptTags(html: string): string[] {
  return html.match(/<script\b[^>]*>/g) ?? [];
}

describe('paper view HTML', () => {
  it("sets default-src 'none' and limits each resource kind", () => {
    const d = directives(cspOf(paperHtml(resources)));
    assert.deepEqual(d.get('default-src'), ["'none'"]);
    assert.deepEqual(d.get('style-src'), [resources.cspSource]);
    assert.deepEqual(d.get('font-src'), [resources.cspSource]);
    assert.deepEqual(d.get('img-src'), [resources.cspSource, 'https:']);
    assert.deepEqual(d.get('base-uri'), ["'none'"]);
    assert.deepEqual(d.get('form-action'), ["'none'"]);
  });

  it('allows scripts only by nonce, with no unsafe-inline or unsafe-eval anywhere', () => {
    const csp = cspOf(paperHtml(resources));
    const scriptSrc = directives(csp).get('script-src') ?? [];
    assert.equal(scriptSrc.length, 1);
    assert.match(scriptSrc[0], /^'nonce-[A-Za-z0-9+/]{20,}={0,2}'$/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic|data:|blob:/);
    // No bare wildcard source (the cspSource's own `*.vscode-cdn.net` is VS Code's).
    assert.doesNotMatch(csp, /(^|\s)\*(\s|;|$)/);
  });

  it('draws a fresh nonce per render, and every script carries it', () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const html = paperHtml(resources);
      const nonce = /'nonce-([^']+)'/.exec(cspOf(html))?.[1];
      assert.ok(nonce);
      nonces.add(nonce);
      const scripts = scriptTags(html);
      assert.equal(scripts.length, 1);
      for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
    }
    assert.equal(nonces.size, 20);
  });

  it('has no inline script: the only script is the bundled file', () => {
    const html = paperHtml(resources);
    assert.match(html, /<script nonce="[^"]+" src="[^"]+paperView\.js"><\/script>/);
    assert.doesNotMatch(html, /<script\b[^>]*>[^<]+<\/script>/);
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.doesNotMatch(html, /style="/);
  });

  it('uses the nonce it is given (for tests) in both places', () => {
    const html = paperHtml({ ...resources, nonce: 'dGVzdC1ub25jZS0xMjM0NQ==' });
    assert.match(cspOf(html), /script-src 'nonce-dGVzdC1ub25jZS0xMjM0NQ=='/);
    assert.ok(html.includes('<script nonce="dGVzdC1ub25jZS0xMjM0NQ=="'));
  });

  it('escapes the resource URIs and refuses a malformed language tag', () => {
    const html = paperHtml({ ...resources, styleUri: 'https://x/"><script>alert(1)</script>', lang: 'en"><script>' });
    assert.equal(scriptTags(html).length, 1);
    assert.ok(html.includes('&#34;&#62;&#60;script&#62;'));
    assert.ok(html.includes('<html lang="en">'));
  });

  it('escapes & < > " \' in escapeHtml', () => {
    assert.equal(escapeHtml(`&<>"'`), '&#38;&#60;&#62;&#34;&#39;');
  });

  it('builds the same CSP string the page uses', () => {
    assert.equal(
      contentSecurityPolicy('CSP', 'N'),
      "default-src 'none'; style-src CSP; font-src CSP; img-src CSP https:; script-src 'nonce-N'; base-uri 'none'; form-action 'none'",
    );
  });
});
