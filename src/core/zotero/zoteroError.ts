/**
 * What went wrong talking to Zotero, as a kind the UI turns into a message saying what to do
 * (the words live in ui/zotero, translated); `detail` is the technical part, for the log.
 */
import { errorMessage } from '../guards';
import { HttpError } from '../net/httpError';

export type ZoteroErrorKind =
  /** Nothing answers at the address: Zotero is not running (or listens elsewhere). */
  | 'not-running'
  /** The answer took longer than the short deadline. */
  | 'timeout'
  /** Zotero answers, but not `/better-bibtex/json-rpc`. */
  | 'no-bbt'
  /** Better BibTeX answers, but lacks `api.ready` (added with the current API). */
  | 'bbt-old'
  /** Zotero refused the save (read-only library, outdated connector API, …). */
  | 'refused'
  /** Anything else: a malformed answer, a JSON-RPC error. */
  | 'failed';

export class ZoteroError extends Error {
  override readonly name = 'ZoteroError';
  constructor(
    readonly kind: ZoteroErrorKind,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** A failed request as a ZoteroError; `missing` is the kind a 404 means for that endpoint. */
export function zoteroFailure(err: unknown, missing: ZoteroErrorKind = 'failed'): ZoteroError {
  if (err instanceof ZoteroError) return err;
  if (err instanceof HttpError) {
    if (err.kind === 'network') return new ZoteroError('not-running', err.message);
    if (err.kind === 'timeout') return new ZoteroError('timeout', err.message);
    if (err.kind === 'status' && err.status === 404) return new ZoteroError(missing, err.message);
  }
  return new ZoteroError('failed', errorMessage(err));
}
