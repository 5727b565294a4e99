/**
 * A published version as the services' readers build it: kind, venue and who said so, then
 * only the details the service gave. A detail it did not give is absent, never `undefined`,
 * as everywhere in the Paper model (a stored record is compared and merged field by field).
 */
import type { Publication } from '../paper';

type Details = { [K in Exclude<keyof Publication, 'kind' | 'venue' | 'foundBy'>]?: string | undefined };

export function newPublication(
  kind: Publication['kind'],
  venue: string,
  foundBy: string,
  details: Details,
): Publication {
  const publication: Publication = { kind, venue, foundBy };
  for (const [name, value] of Object.entries(details) as [keyof Details, string | undefined][]) {
    if (value !== undefined) publication[name] = value;
  }
  return publication;
}
