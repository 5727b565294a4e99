/**
 * The contact address sent with look-ups (`litfeed.network.contactEmail`): a plain address
 * only, since it goes into the User-Agent header and Crossref's `mailto=` query, where anything
 * odd must not. Kept apart from the client so the settings reader can use it at start-up.
 */
export function checkContactEmail(raw: unknown): string | undefined {
  const email = typeof raw === 'string' ? raw.trim() : '';
  return /^[^\s@()<>,;:"\\[\]]+@[^\s@()<>,;:"\\[\]]+\.[^\s@()<>,;:"\\[\]]+$/.test(email) ? email : undefined;
}
