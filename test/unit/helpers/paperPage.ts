/**
 * Loads the abstract view's real page into a jsdom window: the HTML from the real builder,
 * the page script bundled by esbuild with the same options the extension build uses, a fake
 * `acquireVsCodeApi` that records what the page posts and saves.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { JSDOM, type DOMWindow } from 'jsdom';
import type { PaperViewModel } from '../../../src/core/view/paperView';
import type { HostMessage, PageMessage } from '../../../src/webview/protocol';
import { paperHtml } from '../../../src/ui/panel/paperHtml';

export const repoRoot = path.resolve(__dirname, '../../../..');

type PageWindow = DOMWindow & { acquireVsCodeApi?: unknown; pwn?: (tag?: string) => void };

let bundle: string | undefined;

/** The page script, built in memory exactly as scripts/build-webview.js builds it for release. */
export async function pageBundle(): Promise<string> {
  if (bundle !== undefined) return bundle;
  const script = path.join(repoRoot, 'scripts', 'build-webview.js');
  const { webviewBuildOptions } = createRequire(__filename)(script) as {
    webviewBuildOptions(o: { production: boolean }): esbuild.BuildOptions;
  };
  const result = await esbuild.build({
    ...webviewBuildOptions({ production: true }),
    write: false,
    sourcemap: false,
    legalComments: 'none',
  });
  const js = result.outputFiles?.find((f) => f.path.endsWith('.js'));
  if (!js) throw new Error('esbuild produced no page script');
  bundle = js.text;
  return bundle;
}

export interface PaperPage {
  window: PageWindow;
  document: Document;
  root: HTMLElement;
  /** Everything the page posted to the host, in order (as structured clones). */
  posted: PageMessage[];
  /** Calls of the sentinel `pwn()` that hostile payloads try to reach. */
  pwned: string[];
  state(): unknown;
  /** Delivers a host message as the webview would (a `message` event on the window). */
  send(message: HostMessage | unknown): void;
}

export const NONCE = 'dGVzdC1ub25jZS0wMDAwMDA=';

/** A fresh page; `savedState` is what `getState()` returns, as after a reload. */
export async function openPaperPage(savedState?: unknown): Promise<PaperPage> {
  const code = await pageBundle();
  const posted: PageMessage[] = [];
  const pwned: string[] = [];
  let state: unknown = savedState === undefined ? undefined : JSON.parse(JSON.stringify(savedState));
  const html = paperHtml({
    cspSource: 'https://csp.test',
    scriptUri: 'https://csp.test/media/dist/paperView.js',
    styleUri: 'https://csp.test/media/paperView.css',
    katexStyleUri: 'https://csp.test/media/dist/katex/katex.min.css',
    nonce: NONCE,
  });
  const dom = new JSDOM(html, {
    runScripts: 'dangerously',
    url: 'https://webview.test/index.html',
    pretendToBeVisual: true,
    beforeParse(window) {
      window.pwn = (tag?: string) => {
        pwned.push(String(tag));
      };
      window.acquireVsCodeApi = () => ({
        postMessage: (m: unknown) => posted.push(JSON.parse(JSON.stringify(m)) as PageMessage),
        getState: () => state,
        setState: (s: unknown) => {
          state = JSON.parse(JSON.stringify(s));
        },
      });
      // jsdom does not implement scrolling; the page only uses it as a nicety.
      window.scrollTo = () => undefined;
    },
  });
  const { window } = dom;
  const document = window.document;
  // jsdom loads no external resources, so the page script is run in place of the
  // <script src> the builder wrote, with the same nonce.
  const script = document.createElement('script');
  script.setAttribute('nonce', NONCE);
  script.textContent = code;
  document.body.append(script);
  const root = document.getElementById('paper');
  if (!root) throw new Error('the page has no #paper root');
  return {
    window,
    document,
    root,
    posted,
    pwned,
    state: () => state,
    send(message) {
      const data = JSON.parse(JSON.stringify(message)) as unknown;
      window.dispatchEvent(new window.MessageEvent('message', { data }));
    },
  };
}

/** A `show` message for `model` with the default strings. */
export function showMessage(model: PaperViewModel, paper: unknown, saved = false): unknown {
  return { type: 'show', model, saved, strings: {}, paper };
}
