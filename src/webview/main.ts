/**
 * The abstract view's page script (bundled by esbuild into media/dist/paperView.js).
 * It keeps the last paper in the webview state, so a page VS Code reloads (hidden panels
 * are not retained) draws at once, then says `ready` and waits for the host to post.
 */
import type { Paper } from '../core/paper';
import type { PaperViewModel } from '../core/view/paperView';
import { renderPaper, type RenderedPaper } from './render';
import { DEFAULT_PAGE_STRINGS, type HostMessage, type PageMessage, type PageState, type PageStrings } from './protocol';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): unknown;
  setState(state: PageState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readStrings(value: unknown): PageStrings {
  const strings: PageStrings = { ...DEFAULT_PAGE_STRINGS };
  if (!isRecord(value)) return strings;
  for (const key of Object.keys(strings) as (keyof PageStrings)[]) {
    if (typeof value[key] === 'string') strings[key] = value[key] as string;
  }
  return strings;
}

function isModel(value: unknown): value is PaperViewModel {
  return isRecord(value) && typeof value.id === 'string' && typeof value.title === 'string';
}

function readHostMessage(data: unknown): HostMessage | undefined {
  if (!isRecord(data)) return undefined;
  if (data.type === 'show' && isModel(data.model) && isRecord(data.paper)) {
    return {
      type: 'show',
      model: data.model,
      saved: data.saved === true,
      strings: readStrings(data.strings),
      paper: data.paper as unknown as Paper,
    };
  }
  if (data.type === 'saved') return { type: 'saved', saved: data.saved === true };
  return undefined;
}

function readState(value: unknown): PageState | undefined {
  if (!isRecord(value) || !isModel(value.model) || !isRecord(value.paper) || typeof value.paperId !== 'string') {
    return undefined;
  }
  return value as unknown as PageState;
}

function start(): void {
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('paper') ?? document.body;
  let state = readState(vscode.getState());
  let rendered: RenderedPaper | undefined;

  const draw = () => {
    if (!state) return;
    const current = state;
    rendered = renderPaper(root, current.model, {
      strings: readStrings(current.strings),
      saved: current.saved,
      authorsExpanded: current.authorsExpanded === true,
      post: (message) => vscode.postMessage(message),
      onAuthorsToggled: (expanded) => {
        current.authorsExpanded = expanded;
        vscode.setState(current);
      },
    });
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
        strings: message.strings,
        authorsExpanded: samePaper ? state?.authorsExpanded === true : false,
      };
      vscode.setState(state);
      draw();
      if (!samePaper) window.scrollTo?.(0, 0);
    } else if (state) {
      state.saved = message.saved;
      vscode.setState(state);
      rendered?.setSaved(message.saved);
    }
  });

  draw();
  vscode.postMessage({ type: 'ready' });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
