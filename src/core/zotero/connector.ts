/**
 * Zotero's connector server, the local HTTP server the browser connectors use (default
 * http://127.0.0.1:23119). Shapes verified in zotero/zotero,
 * chrome/content/zotero/xpcom/server/server_connector.js:
 *
 * - `POST /connector/ping` (JSON body) → 200 `{ prefs: { automaticSnapshots, downloadAssociatedFiles,
 *   supportsAttachmentUpload, translatorsHash, … } }`; a GET answers HTML "Zotero is running".
 * - `POST /connector/getSelectedCollection` → 200 `{ libraryID, libraryName, libraryEditable,
 *   filesEditable, editable, id, name, targets }` (`id` null and `name` the library's name when
 *   a library itself is selected).
 * - `POST /connector/saveItems` with `{ sessionID, uri?, items }` → 201 when saved (all items
 *   in one database transaction, so a failure saves none); 409 `{ error: "SESSION_EXISTS" }`;
 *   500 `{ libraryEditable: false }`; 400 `{ error: "CONNECTOR_VERSION_OUTDATED" }` when the
 *   `X-Zotero-Connector-API-Version` header is below the server's (3).
 *
 * Items are in Zotero's translator item format (see zoteroItem.ts). Zotero 6 downloads an
 * attachment given by URL; Zotero 7 saves with ATTACHMENT_MODE_IGNORE ("all attachments come
 * from the Connector", translate_item.js) and expects the file's bytes at
 * `/connector/saveAttachment` instead, which is what `supportsAttachmentUpload` announces.
 */
import { postJson, type HttpOptions } from '../net/http';
import { isRecord } from '../guards';
import type { ZoteroItem } from './zoteroItem';
import { ZoteroError, zoteroFailure } from './zoteroError';

/** The connector API version LitFeed speaks (CONNECTOR_API_VERSION in server_connector.js). */
export const CONNECTOR_API_VERSION = '3';

/** Short: Zotero is on this machine, and a missing Zotero should not keep anyone waiting. */
export const PING_TIMEOUT_MS = 4000;

export interface ConnectorOptions {
  /** The checked loopback origin, e.g. `http://127.0.0.1:23119`. */
  baseUrl: string;
  http: HttpOptions;
}

export interface PingAnswer {
  /** Zotero 7 and later: attachments in saveItems are not fetched by Zotero. */
  supportsAttachmentUpload: boolean;
}

export interface SelectedCollection {
  libraryName: string;
  /** The collection's name, or the library's when no collection is selected. */
  name: string;
  /** Whether items can be added there. */
  editable: boolean;
}

function request(options: ConnectorOptions, path: string, body: unknown, timeoutMs?: number): Promise<unknown> {
  return postJson(`${options.baseUrl}${path}`, body, {
    ...options.http,
    retries: 0,
    // The short deadline, unless the caller's is shorter still.
    ...(timeoutMs !== undefined ? { timeoutMs: Math.min(timeoutMs, options.http.timeoutMs ?? timeoutMs) } : {}),
    headers: { ...options.http.headers, 'X-Zotero-Connector-API-Version': CONNECTOR_API_VERSION },
  });
}

export async function ping(options: ConnectorOptions): Promise<PingAnswer> {
  let answer: unknown;
  try {
    answer = await request(options, '/connector/ping', {}, PING_TIMEOUT_MS);
  } catch (err) {
    throw zoteroFailure(err, 'not-running');
  }
  const prefs = isRecord(answer) && isRecord(answer.prefs) ? answer.prefs : {};
  return { supportsAttachmentUpload: prefs.supportsAttachmentUpload === true };
}

export async function selectedCollection(options: ConnectorOptions): Promise<SelectedCollection> {
  let answer: unknown;
  try {
    answer = await request(options, '/connector/getSelectedCollection', {}, PING_TIMEOUT_MS);
  } catch (err) {
    throw zoteroFailure(err);
  }
  if (!isRecord(answer) || typeof answer.libraryName !== 'string') {
    throw new ZoteroError('failed', 'Zotero answered getSelectedCollection without a library name');
  }
  const name = typeof answer.name === 'string' && answer.name !== '' ? answer.name : answer.libraryName;
  return { libraryName: answer.libraryName, name, editable: answer.libraryEditable !== false };
}

/** Saves `items` in one session; throws a ZoteroError (`refused` when Zotero said no). */
export async function saveItems(options: ConnectorOptions, sessionID: string, items: ZoteroItem[]): Promise<void> {
  try {
    await request(options, '/connector/saveItems', { sessionID, items });
  } catch (err) {
    const failure = zoteroFailure(err);
    // A status is Zotero's own answer: it refused; network and time-outs keep their kinds.
    if (failure.kind === 'failed' && /answered \d{3}/.test(failure.detail)) {
      throw new ZoteroError('refused', failure.detail);
    }
    throw failure;
  }
}
