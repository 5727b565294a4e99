/**
 * The abstract view's page script (bundled by esbuild into media/dist/paperView.js).
 * It keeps the last paper in the webview state, so a page VS Code reloads (hidden panels
 * are not retained) draws at once, then says `ready` and waits for the host to post.
 */
import { renderPaper, type RenderedPaper } from './render';
import {
  readCitedList,
  readHfLinksView,
  readHostMessage,
  readSimilarView,
  readState,
  readStrings,
  readTags,
  type PageMessage,
  type PageState,
} from './protocol';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): unknown;
  setState(state: PageState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

function start(): void {
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('paper') ?? document.body;
  let state = readState(vscode.getState());
  let rendered: RenderedPaper | undefined;

  const draw = () => {
    if (!state) return;
    const current = state;
    const focused = focusedButton(root);
    rendered = renderPaper(root, current.model, {
      strings: readStrings(current.strings),
      saved: current.saved,
      tags: readTags(current.tags),
      authorsExpanded: current.authorsExpanded === true,
      cited: readCitedList(current.cited),
      hfLinks: readHfLinksView(current.hfLinks),
      similar: readSimilarView(current.similar),
      post: (message) => vscode.postMessage(message),
      onAuthorsToggled: (expanded) => {
        current.authorsExpanded = expanded;
        vscode.setState(current);
      },
    });
    // A redraw replaces every button: the keyboard's place is kept, not thrown back to the top.
    if (focused) restoreFocus(root, focused);
  };

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = readHostMessage(event.data);
    if (!message) return;
    if (message.type === 'show') {
      const samePaper = state?.paperId === message.model.id;
      state = {
        paperId: message.model.id,
        paper: message.paper,
        model: message.model,
        saved: message.saved,
        tags: message.tags,
        strings: message.strings,
        authorsExpanded: samePaper ? state?.authorsExpanded === true : false,
        cited: message.cited,
        // The host sends the section again after `show` when it has one for this paper.
        ...(samePaper && state?.hfLinks ? { hfLinks: state.hfLinks } : {}),
        ...(samePaper && state?.similar ? { similar: state.similar } : {}),
      };
      vscode.setState(state);
      draw();
      if (!samePaper) window.scrollTo?.(0, 0);
    } else if (message.type === 'cited') {
      if (state?.paperId !== message.paperId) return;
      state.cited = message.cited;
      vscode.setState(state);
      rendered?.setCited(message.cited);
    } else if (message.type === 'hfLinks') {
      if (state?.paperId !== message.links.paperId) return;
      state.hfLinks = message.links;
      vscode.setState(state);
      rendered?.setHfLinks(message.links);
    } else if (message.type === 'similar') {
      if (state?.paperId !== message.similar.paperId) return;
      state.similar = message.similar;
      vscode.setState(state);
      rendered?.setSimilar(message.similar);
    } else if (state) {
      state.saved = message.saved;
      state.tags = message.tags;
      vscode.setState(state);
      rendered?.setSaved(message.saved, message.tags);
    }
  });

  draw();
  vscode.postMessage({ type: 'ready' });
}

/** Which button has focus, as a key that finds its successor in a redrawn page. */
interface FocusKey {
  action?: string;
  index: number;
}

function focusedButton(root: HTMLElement): FocusKey | undefined {
  const active = document.activeElement;
  if (!(active instanceof HTMLButtonElement) || !root.contains(active)) return undefined;
  return { action: active.dataset.action, index: [...root.querySelectorAll('button')].indexOf(active) };
}

function restoreFocus(root: HTMLElement, key: FocusKey): void {
  const buttons = [...root.querySelectorAll('button')];
  const next = (key.action && buttons.find((b) => b.dataset.action === key.action)) || buttons[key.index];
  next?.focus({ preventScroll: true });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
