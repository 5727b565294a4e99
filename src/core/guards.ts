/**
 * Checks for values of unknown shape — JSON from disk or the network, messages from the
 * webview, anything thrown — so every module reads them the same way.
 */

/** A plain object (not null, not an array): what JSON objects parse to. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isStringArray(v: unknown): v is string[] {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return true;
}

/**
 * What went wrong, for a message or a log line: an Error's message without the `Error: `
 * prefix that `String(err)` adds, and anything else thrown as text.
 */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The `code` of a Node system error (`ENOENT`, `EACCES`, …), if it has one. */
export function errorCode(err: unknown): string | undefined {
  return isRecord(err) && typeof err.code === 'string' ? err.code : undefined;
}

/** `errorMessage` with the system error code in front when the message does not name it. */
export function describeError(err: unknown): string {
  const code = errorCode(err);
  const message = errorMessage(err);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
