/**
 * A module loaded the first time it is needed rather than with the extension: `bundle`
 * beside the running bundle when there is one (an esbuild entry of its own, see esbuild.js),
 * else `unbundled()` (tests and scripts, from node_modules). The load is shared by every
 * caller; one that fails is not remembered, so the next call tries again.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

export function lazyModule<T>(bundle: string, unbundled: () => Promise<T>): () => Promise<T> {
  let module: Promise<T> | undefined;
  return () => {
    if (module === undefined) {
      const loading = (async (): Promise<T> => {
        const bundled = path.join(__dirname, bundle);
        if (existsSync(bundled)) return createRequire(__filename)(bundled) as T;
        return unbundled();
      })();
      module = loading;
      loading.catch(() => {
        if (module === loading) module = undefined;
      });
    }
    return module;
  };
}
