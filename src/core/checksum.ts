/**
 * FNV-1a, the one hash LitFeed uses for checks and stable names: over 32-bit words (the search
 * index's files, the For you model's file), over bytes (a summary record), over a string's
 * UTF-16 units (a word's feature bucket, a set of signals, a work's id). It guards against torn
 * and damaged files, not against anyone crafting one.
 */

export const CHECKSUM_SEED = 0x811c9dc5;
const PRIME = 0x01000193;

/**
 * A checksum of 32-bit words: fast enough to check a 60 MB index in a few slices, and any
 * flipped, zeroed or missing stretch changes it. `seed` chains pieces of one file.
 */
export function checksumWords(words: Uint32Array, seed = CHECKSUM_SEED): number {
  let h = seed;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], PRIME);
  return h >>> 0;
}

/** FNV-1a over bytes. */
export function checksumBytes(bytes: Uint8Array): number {
  let h = CHECKSUM_SEED;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], PRIME);
  return h >>> 0;
}

/** The checksum of a file's checked part, given in pieces (`checksumWords` chained), ends with its length. */
export function finishChecksum(h: number, length: number): number {
  return Math.imul(h ^ length, PRIME) >>> 0;
}

/** FNV-1a over a string's UTF-16 units. */
export function hashText(text: string): number {
  let h = CHECKSUM_SEED;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), PRIME);
  return h >>> 0;
}
