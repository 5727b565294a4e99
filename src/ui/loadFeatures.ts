/**
 * Loads `features.js`, the bundle beside this one that holds everything the first screen
 * does not need (see src/features.ts). esbuild builds it as an entry of its own; the path is
 * computed so that esbuild leaves this require to run time.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { FeaturesModule } from './host';

export const FEATURES_BUNDLE = 'features.js';

export function loadFeaturesModule(): FeaturesModule {
  return createRequire(__filename)(path.join(__dirname, FEATURES_BUNDLE)) as FeaturesModule;
}
