import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JSDOM } from 'jsdom';
import { isAllowedImage } from '../../src/core/view/linkPolicy';
import {
  contentSecurityPolicy,
  escapeHtml,
  imageSources,
  paperHtml,
  type AbstractFont,
  type PaperHtmlResources,
} from '../../src/ui/panel/paperHtml';
import { repoRoot } from './helpers/paperPage';

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

/**
 * Whether a CSP source list lets `url` load, for the source forms the page's policy uses:
 * `'none'`, a scheme (`https:`), and a scheme + host source without port or path, where a
 * leading `*.` matches subdomains only (CSP Level 3, "host-source" matching).
 */
function cspAllows(sources: readonly string[], url: string): boolean {
  const target = new URL(url);
  return sources.some((source) => {
    if (source === "'none'") return false;
    if (/^[a-z][a-z0-9+.-]*:$/.test(source)) return target.protocol === source;
    const m = /^([a-z][a-z0-9+.-]*):\/\/(\*\.)?([^/:*]+)$/.exec(source);
    assert.ok(m, `a source form this check does not know: ${source}`);
    if (`${m[1]}:` !== target.protocol || target.port !== '') return false;
    return m[2] ? target.hostname.endsWith(`.${m[3]}`) : target.hostname === m[3];
  });
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
    assert.deepEqual(d.get('img-src'), [
      resources.cspSource,
      'https://huggingface.co',
      'https://*.huggingface.co',
      'https://arxiv.org',
    ]);
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
      "default-src 'none'; style-src CSP; font-src CSP; " +
        'img-src CSP https://huggingface.co https://*.huggingface.co https://arxiv.org; ' +
        "script-src 'nonce-N'; base-uri 'none'; form-action 'none'",
    );
  });

  it('lets images load from the thumbnail hosts and the webview, and from nowhere else', () => {
    const imgSrc = directives(cspOf(paperHtml({ ...resources, cspSource: 'https://csp.test' }))).get('img-src') ?? [];
    for (const url of [
      'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2401.00001.png',
      'https://huggingface.co/front/thumbnails/papers/2401.00001.png',
      'https://arxiv.org/static/x.png',
      'https://csp.test/media/icon.png',
    ]) {
      assert.ok(cspAllows(imgSrc, url), `blocked: ${url}`);
    }
    for (const url of [
      'https://evil.example/track.png',
      'https://huggingface.co.evil.example/x.png',
      'https://evilhuggingface.co/x.png',
      'https://export.arxiv.org/x.png',
      'https://github.com/o/r/raw/x.png',
      'http://huggingface.co/x.png',
      'https://huggingface.co:8443/x.png',
      'data:image/png;base64,AAAA',
    ]) {
      assert.ok(!cspAllows(imgSrc, url), `allowed: ${url}`);
    }
  });

  it('allows in the CSP exactly the image hosts the view model shows', () => {
    const sources = imageSources();
    for (const url of [
      'https://huggingface.co/x.png',
      'https://cdn-thumbnails.huggingface.co/x.png',
      'https://a.b.huggingface.co/x.png',
      'https://arxiv.org/x.png',
      'https://www.arxiv.org/x.png',
      'https://export.arxiv.org/x.png',
      'https://github.com/x.png',
      'https://evil.example/x.png',
      'https://huggingface.co.evil.example/x.png',
    ]) {
      assert.equal(cspAllows(sources, url), isAllowedImage(url), url);
    }
  });
});

describe('paper view font (litfeed.abstractView.font)', () => {
  const css = fs.readFileSync(path.join(repoRoot, 'media', 'paperView.css'), 'utf8');

  /** The page from the builder with the real style sheet inlined (jsdom loads no files). */
  function styled(font: AbstractFont | undefined) {
    const html = paperHtml({ ...resources, font });
    const { window } = new JSDOM(html.replace('</head>', `<style>${css}</style></head>`));
    const main = window.document.getElementById('paper');
    assert.ok(main);
    main.innerHTML = '<h1>T</h1><section class="abstract"><p>Prose <code>x</code></p></section>';
    const family = (selector: string) => {
      const el = window.document.querySelector(selector);
      assert.ok(el, selector);
      return window.getComputedStyle(el).fontFamily;
    };
    return { html, family };
  }

  it('marks the body with the choice, ui by default and for anything unknown', () => {
    assert.match(styled(undefined).html, /<body data-font="ui">/);
    assert.match(styled('ui').html, /<body data-font="ui">/);
    assert.match(styled('editor').html, /<body data-font="editor">/);
    assert.match(paperHtml({ ...resources, font: '"><script>' as AbstractFont }), /<body data-font="ui">/);
  });

  it('sets prose in the workbench font for ui and the editor font for editor; code keeps the editor font', () => {
    const ui = styled('ui');
    assert.equal(ui.family('body'), 'var(--vscode-font-family)');
    const editor = styled('editor');
    assert.equal(editor.family('body'), 'var(--vscode-editor-font-family, var(--vscode-font-family))');
    for (const page of [ui, editor]) {
      // Prose elements have no font of their own: they inherit the body's.
      for (const selector of ['h1', '.abstract', '.abstract p']) assert.equal(page.family(selector), '', selector);
      assert.equal(page.family('code'), 'var(--vscode-editor-font-family)');
    }
  });
});
