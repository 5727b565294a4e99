/**
 * Hostile paper data through the real page script in a DOM: whatever a feed sends as a
 * title, author, abstract, summary, keyword, organization or link must end up as text, never
 * as markup, never as a link off the allow-list, and never run.
 */
import * as assert from 'node:assert/strict';
import { isAllowedLink } from '../../src/core/view/linkPolicy';
import type { Paper } from '../../src/core/paper';
import { paperViewModel, type PaperViewModel } from '../../src/core/view/paperView';
import { PAGE_ACTIONS } from '../../src/webview/protocol';
import { openPaperPage, pageBundle, showMessage, type PaperPage } from './helpers/paperPage';

/** Each tries to run `pwn()` (the sentinel), inject markup, or escape a context. */
const PAYLOADS: string[] = [
  '<script>pwn("script")</script>',
  '</script><script>pwn("close-script")</script>',
  '<img src=x onerror="pwn(\'img\')">',
  '<svg onload="pwn(\'svg\')"><circle r=1 /></svg>',
  '<iframe src="javascript:pwn(\'iframe\')"></iframe>',
  '<a href="javascript:pwn(\'a\')">click</a>',
  '"><b onmouseover="pwn(\'attr\')">x</b>',
  "' onfocus='pwn(\"quote\")' autofocus='",
  '<style>body{display:none}</style>',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<form action="https://evil.example/"><button>go</button></form>',
  '<math><mtext><table><mglyph><style><img src=x onerror=pwn("mxss")>',
  '<!--<img src=x onerror=pwn("comment")>-->',
  '<![CDATA[<img src=x onerror=pwn("cdata")>]]>',
  '&lt;img src=x onerror=pwn("entity")&gt;',
  '<details open ontoggle="pwn(\'details\')">',
  'javascript:pwn("bare-url")',
  '${pwn("template")} {{constructor.constructor("pwn(\'ng\')")()}}',
  '$\\href{javascript:pwn("href")}{x}$',
  '$\\url{javascript:pwn("url")}$',
  '$\\htmlClass{x}{y}$ and $\\htmlId{evil}{z}$',
  '$\\htmlStyle{background:url(https://evil.example/t.png)}{s}$ $\\htmlData{onclick=pwn()}{d}$',
  '$\\includegraphics{https://evil.example/track.png}$',
  '$\\text{<img src=x onerror=pwn("katex-text")>}$',
  '$$</script><script>pwn("display")</script>$$',
  '\\(<img src=x onerror=pwn("paren")>\\)',
  '$\\def\\x{\\x\\x}\\x$ bomb',
  '$\\frac{1}{$ unclosed brace and $\\unknownmacro{q}$',
  '\\emph{<script>pwn("emph")</script>} \\textbf{<img src=x onerror=pwn("bf")>}',
  'bidi \u202Egnp.exe\u202C and \u2066isolate\u2069 and \u200Bzero\u200Dwidth\uFEFF',
  'nul \u0000 and controls \u0007\u001B[31m',
  '__proto__ constructor prototype toString',
  `${'<b>'.repeat(500)}deep`,
];

const KATEX_TAGS = new Set([
  'span',
  'math',
  'semantics',
  'mrow',
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'mspace',
  'msup',
  'msub',
  'msubsup',
  'mfrac',
  'msqrt',
  'mroot',
  'mstyle',
  'mtable',
  'mtr',
  'mtd',
  'mover',
  'munder',
  'munderover',
  'mpadded',
  'mphantom',
  'menclose',
  'annotation',
  'svg',
  'path',
  'line',
]);
const PAGE_TAGS = new Set([
  'article',
  'header',
  'h1',
  'h2',
  'section',
  'nav',
  'div',
  'ul',
  'li',
  'p',
  'button',
  'time',
  'em',
  'strong',
  'code',
  'sup',
  'span',
  'img',
]);
const PAGE_CLASSES = new Set([
  'paper',
  'thumbnail',
  'authors',
  'author-list',
  'authors-toggle',
  'meta',
  'date',
  'upvotes',
  'comments',
  'stars',
  'organization',
  'actions',
  'action',
  'primary',
  'abstract',
  'ai-summary',
  'keywords',
  'chips',
  'links',
  'link',
  'empty',
  'math',
  'math-display',
  'math-fallback',
]);
const PAGE_ATTRIBUTES = new Set([
  'class',
  'id',
  'type',
  'title',
  'aria-label',
  'aria-labelledby',
  'aria-controls',
  'aria-expanded',
  'aria-pressed',
  'role',
  'data-action',
  'data-kind',
  'datetime',
  'alt',
  'src',
  'referrerpolicy',
]);
const KATEX_ATTRIBUTES = new Set([
  'class',
  'style',
  'aria-hidden',
  'xmlns',
  'encoding',
  'mathvariant',
  'mathcolor',
  'mathsize',
  'mathbackground',
  'stretchy',
  'fence',
  'separator',
  'lspace',
  'rspace',
  'accent',
  'accentunder',
  'displaystyle',
  'scriptlevel',
  'width',
  'height',
  'depth',
  'viewbox',
  'preserveaspectratio',
  'd',
  'columnalign',
  'columnspacing',
  'rowspacing',
  'columnlines',
  'rowlines',
  'notation',
  'linethickness',
  'minsize',
  'maxsize',
  'x1',
  'x2',
  'y1',
  'y2',
  'stroke-width',
  'display',
  'voffset',
  'symmetric',
  'movablelimits',
  'largeop',
  'form',
  'framespacing',
  'mathbackground',
]);

function hostilePaper(payload: string): Paper {
  return {
    id: 'hostile-1',
    title: `T ${payload}`,
    authors: [payload, ...Array.from({ length: 20 }, (_, i) => `${payload} #${i}`)],
    abstract: `A ${payload}\n\nSecond paragraph ${payload}`,
    aiSummary: `S ${payload}`,
    aiKeywords: [payload, 'safe'],
    organization: payload,
    upvotes: 1,
    numComments: 2,
    thumbnail: payload,
    links: {
      huggingFace: 'https://huggingface.co/papers/hostile-1',
      code: payload,
      project: payload,
      pdf: `https://arxiv.org/pdf/${payload}`,
    },
    source: 'hf-daily',
  };
}

/** The first author as the view model cleans it (whitespace collapsed), i.e. what must show. */
function payloadAuthor(paper: Paper): string {
  return paperViewModel(paper).authors[0];
}

/** Every check that says `payload` stayed data. */
function assertInert(page: PaperPage, firstAuthor: string, label: string): void {
  const { document, root } = page;
  assert.deepEqual(page.pwned, [], `${label}: script ran`);

  for (const el of Array.from(root.querySelectorAll('*'))) {
    const tag = el.localName;
    // `.katex-display` is KaTeX's wrapper around a display formula's `.katex`.
    const inKatex = el.closest('.katex, .katex-display') !== null;
    if (inKatex) assert.ok(KATEX_TAGS.has(tag), `${label}: <${tag}> inside KaTeX output`);
    else assert.ok(PAGE_TAGS.has(tag), `${label}: unexpected <${tag}>`);
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      assert.ok(!name.startsWith('on'), `${label}: event handler attribute ${name} on <${tag}>`);
      assert.ok(!name.includes('href'), `${label}: ${name} on <${tag}>`);
      if (inKatex) {
        assert.ok(KATEX_ATTRIBUTES.has(name), `${label}: attribute ${name} on KaTeX <${tag}>`);
      } else {
        assert.ok(PAGE_ATTRIBUTES.has(name), `${label}: attribute ${name} on <${tag}>`);
      }
    }
    if (!inKatex) {
      for (const cls of Array.from(el.classList)) {
        assert.ok(PAGE_CLASSES.has(cls), `${label}: class ${cls} on <${tag}>`);
      }
    }
    if (tag === 'img') {
      assert.ok(el.classList.contains('thumbnail'), `${label}: an <img> that is not the thumbnail`);
      assert.match(
        el.getAttribute('src') ?? '',
        /^https:\/\/([a-z0-9-]+\.)*huggingface\.co\//,
        `${label}: thumbnail src`,
      );
    }
    if (tag === 'math' || tag === 'annotation' || tag === 'svg') assert.ok(inKatex, `${label}: <${tag}> outside KaTeX`);
  }

  // Nothing new anywhere in the document: the two stylesheets, two meta tags, two scripts.
  assert.equal(document.querySelectorAll('script').length, 2, `${label}: script count`);
  assert.equal(document.querySelectorAll('link').length, 2, `${label}: link count`);
  assert.equal(document.querySelectorAll('meta').length, 3, `${label}: meta count`);
  for (const sel of ['style', 'iframe', 'object', 'embed', 'base', 'form', 'a', 'frame', 'details', 'b']) {
    assert.equal(document.querySelectorAll(sel).length, 0, `${label}: <${sel}> in the document`);
  }

  // The text is shown, not swallowed: authors are plain text, and the abstract is never blank.
  const authorItems = Array.from(root.querySelectorAll('.author-list li')).map((li) => li.textContent);
  assert.equal(authorItems[0], firstAuthor, `${label}: first author`);
  const abstractText = Array.from(root.querySelectorAll('.abstract p')).map((p) => p.textContent ?? '');
  assert.equal(abstractText.length, 2, `${label}: abstract paragraphs`);
  for (const p of abstractText) assert.ok(p.trim().length > 1, `${label}: a blank abstract paragraph`);
}

/** Fires the events inline handlers would listen for, on every element, then checks again. */
function poke(page: PaperPage): void {
  const { window, root } = page;
  for (const el of Array.from(root.querySelectorAll('*'))) {
    for (const type of ['error', 'load', 'mouseover', 'focus', 'toggle', 'animationstart']) {
      el.dispatchEvent(new window.Event(type, { bubbles: true }));
    }
    if (el.localName === 'button') (el as HTMLButtonElement).click();
  }
}

function assertPostsAreSafe(page: PaperPage, paper: Paper, label: string): void {
  for (const message of page.posted) {
    if (message.type === 'openLink') {
      assert.ok(isAllowedLink(message.url, paper), `${label}: the page asked to open ${JSON.stringify(message.url)}`);
    } else if (message.type === 'action') {
      assert.ok((PAGE_ACTIONS as readonly string[]).includes(message.action), `${label}: action ${message.action}`);
    } else {
      assert.equal(message.type, 'ready', label);
    }
  }
}

describe('abstract view with hostile paper data (real page script in jsdom)', function () {
  this.timeout(60_000);

  before(async () => {
    await pageBundle();
  });

  it(`has at least 30 payloads (${PAYLOADS.length})`, () => {
    assert.ok(PAYLOADS.length >= 30);
  });

  for (const [i, payload] of PAYLOADS.entries()) {
    it(`payload ${i + 1}: ${JSON.stringify(payload.slice(0, 70))}`, async () => {
      const paper = hostilePaper(payload);
      const page = await openPaperPage();
      page.send(showMessage(paperViewModel(paper), paper));
      assert.ok(page.root.querySelector('h1'), 'nothing rendered');
      assertInert(page, payloadAuthor(paper), 'rendered');
      poke(page);
      assertInert(page, payloadAuthor(paper), 'after events');
      assertPostsAreSafe(page, paper, 'posts');
      // The same data restored from saved state after a reload must be just as inert.
      const reloaded = await openPaperPage(page.state());
      assert.ok(reloaded.root.querySelector('h1'), 'nothing restored');
      assertInert(reloaded, payloadAuthor(paper), 'restored');
    });
  }

  it('shows hostile text verbatim as text', async () => {
    const payload = '<img src=x onerror=pwn("v")>';
    const paper = hostilePaper(payload);
    const page = await openPaperPage();
    page.send(showMessage(paperViewModel(paper), paper));
    assert.equal(page.root.querySelector('.organization')?.textContent, payload);
    assert.ok(page.root.querySelector('h1')?.textContent?.includes(payload));
    assert.equal(page.root.querySelector('.chips li')?.textContent, payload);
  });

  it('keeps bidi and zero-width characters as characters, inside one text node', async () => {
    const payload = 'a\u202Eb\u200Bc';
    const paper = hostilePaper(payload);
    const page = await openPaperPage();
    page.send(showMessage(paperViewModel(paper), paper));
    assert.equal(page.root.querySelector('.organization')?.textContent, payload);
  });

  it('refuses a hostile model that bypassed the view model (links, thumbnail, segment kinds)', async () => {
    const paper = hostilePaper('x');
    const model = {
      ...paperViewModel(paper),
      title: '<img src=x onerror=pwn("t")>',
      titleSegments: [
        { kind: 'html', html: '<img src=x onerror=pwn("kind")>' },
        { kind: 'text', text: '<b>t</b>', style: '__proto__' },
        { kind: 'text', text: 'c', style: 'constructor' },
        { kind: 'text', text: 's', style: 'script' },
        {
          kind: 'math',
          tex: '\\href{javascript:pwn("m")}{x}',
          display: false,
          source: '<img src=x onerror=pwn("src")>',
        },
      ],
      thumbnail: 'javascript:pwn("thumb")',
      links: [
        { kind: 'code', label: '<img src=x onerror=pwn("label")>', url: 'javascript:pwn("link")' },
        { kind: 'pdf', label: 'data', url: 'data:text/html,<script>pwn("data")</script>' },
        { kind: 'project', label: 'vscode', url: 'command:workbench.action.terminal.new' },
        { kind: 'huggingFace', label: 'ok', url: 'https://huggingface.co/papers/x' },
      ],
      authors: ['<script>pwn("a")</script>'],
      authorsCollapsedCount: '<b>' as unknown as number,
      upvotes: '<img src=x onerror=pwn("n")>' as unknown as number,
    } as unknown as PaperViewModel;
    const page = await openPaperPage();
    page.send(showMessage(model, paper));
    assertInert(page, '<script>pwn("a")</script>', 'bypass');
    const linkButtons = Array.from(page.root.querySelectorAll('nav.links button.link'));
    assert.deepEqual(
      linkButtons.map((b) => b.getAttribute('title')),
      ['https://huggingface.co/papers/x'],
    );
    assert.equal(page.root.querySelector('img'), null);
    assert.equal(page.root.querySelector('.upvotes'), null);
    poke(page);
    assert.deepEqual(page.pwned, []);
    // The link itself and the comment count (which opens the discussion on the same page).
    const opened = page.posted.filter((m) => m.type === 'openLink');
    assert.ok(opened.length > 0);
    for (const m of opened) assert.deepEqual(m, { type: 'openLink', url: 'https://huggingface.co/papers/x' });
  });

  it('ignores messages that are not a host message', async () => {
    const page = await openPaperPage();
    for (const data of [
      null,
      'show',
      42,
      [],
      { type: 'show' },
      { type: 'show', model: 'x', paper: {} },
      { type: 'eval', code: 'pwn()' },
    ]) {
      page.send(data);
    }
    assert.equal(page.root.childElementCount, 0);
    assert.deepEqual(page.pwned, []);
  });
});
