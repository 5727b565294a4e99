/**
 * The messages between the extension host and the PDF tab's page, and their readers. Like the
 * abstract view's protocol, neither side trusts what it receives. The PDF itself crosses as
 * bytes in a message: the page fetches nothing from the network.
 */
import { isRecord } from '../../core/guards';
import { readViewState, type PdfViewState } from '../../core/pdf/pdfViewStates';

export type { PdfViewState };

/** What the page keeps in its webview state, for the host's serializer after a reload. */
export interface PdfPageState extends PdfViewState {
  paperId: string;
}

/** Why the page could not show the bytes it was given. */
export type PdfLoadFailure = 'password' | 'invalid' | 'other';

/** Page → host. */
export type PdfPageMessage =
  | { type: 'ready' }
  | { type: 'loaded'; pages: number }
  | { type: 'failed'; reason: PdfLoadFailure; detail: string }
  | { type: 'viewState'; state: PdfViewState }
  | { type: 'openLink'; url: string }
  | { type: 'openInBrowser' }
  | { type: 'retry' }
  | { type: 'cancel' };

/** Host → page. */
export type PdfHostMessage =
  | { type: 'progress'; received: number; total?: number }
  | { type: 'load'; data: Uint8Array; state?: PdfViewState }
  | { type: 'error'; title: string; detail: string; retry: boolean };

const MAX_TEXT = 2000;

export function readPdfPageState(value: unknown): PdfPageState | undefined {
  const view = readViewState(value);
  if (!view || !isRecord(value) || typeof value.paperId !== 'string' || value.paperId.length === 0) return undefined;
  return { ...view, paperId: value.paperId };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= MAX_TEXT ? value : undefined;
}

export function readPdfPageMessage(data: unknown): PdfPageMessage | undefined {
  if (!isRecord(data)) return undefined;
  switch (data.type) {
    case 'ready':
    case 'openInBrowser':
    case 'retry':
    case 'cancel':
      return { type: data.type };
    case 'loaded':
      return typeof data.pages === 'number' && Number.isSafeInteger(data.pages) && data.pages >= 0
        ? { type: 'loaded', pages: data.pages }
        : undefined;
    case 'failed': {
      const reason = data.reason === 'password' || data.reason === 'invalid' ? data.reason : 'other';
      return { type: 'failed', reason, detail: text(data.detail) ?? '' };
    }
    case 'viewState': {
      const state = readViewState(data.state);
      return state ? { type: 'viewState', state } : undefined;
    }
    case 'openLink':
      return text(data.url) !== undefined ? { type: 'openLink', url: data.url as string } : undefined;
    default:
      return undefined;
  }
}

export function readPdfHostMessage(data: unknown): PdfHostMessage | undefined {
  if (!isRecord(data)) return undefined;
  switch (data.type) {
    case 'progress':
      return typeof data.received === 'number'
        ? {
            type: 'progress',
            received: data.received,
            ...(typeof data.total === 'number' ? { total: data.total } : {}),
          }
        : undefined;
    case 'load': {
      if (!(data.data instanceof Uint8Array)) return undefined;
      const state = readViewState(data.state);
      return { type: 'load', data: data.data, ...(state ? { state } : {}) };
    }
    case 'error': {
      const title = text(data.title);
      return title !== undefined
        ? { type: 'error', title, detail: text(data.detail) ?? '', retry: data.retry === true }
        : undefined;
    }
    default:
      return undefined;
  }
}
