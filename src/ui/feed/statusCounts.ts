import type { Paper } from '../../core/paper';
import type { PaperMarker } from './feedTree';

export interface StatusCounts {
  /** Unread papers the feed shows. */
  unread: number;
  /** Of those, the ones matching the watch list. */
  watched: number;
}

/**
 * What the status bar counts among the papers the feed shows. The bundled sample counts as
 * nothing: its papers are old and its marks would only say "unread" about a demo.
 */
export function statusCounts(shown: readonly Paper[], sample: boolean, marker: PaperMarker): StatusCounts {
  const unread = sample ? [] : shown.filter((p) => !marker.isRead(p));
  return { unread: unread.length, watched: unread.filter((p) => marker.watchMatch(p)).length };
}
