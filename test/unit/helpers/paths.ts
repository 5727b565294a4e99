import * as path from 'node:path';

/** Fixtures live in the source tree; tests run from out/test/unit, so climb back to the repo root. */
export function fixturePath(...parts: string[]): string {
  return path.resolve(__dirname, '../../../../test/fixtures', ...parts);
}
