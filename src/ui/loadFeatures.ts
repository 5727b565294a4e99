/**
 * Loads `features.js`, the bundle beside this one that holds everything the first screen
 * does not need (see src/features.ts). esbuild builds it as an entry of its own; the path is
 * computed so that esbuild leaves this require to run time.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { Features, FeaturesModule, Host } from './host';

export const FEATURES_BUNDLE = 'features.js';

function loadFeaturesModule(): FeaturesModule {
  return createRequire(__filename)(path.join(__dirname, FEATURES_BUNDLE)) as FeaturesModule;
}

/** The features bundle, loaded and built on the first `get()`, then disposed with the extension. */
export class LazyFeatures {
  private features: Features | undefined;

  constructor(
    private readonly host: () => Host,
    private readonly subscriptions: vscode.Disposable[],
  ) {}

  get(): Features {
    if (!this.features) {
      this.features = loadFeaturesModule().createFeatures(this.host());
      this.subscriptions.push(this.features);
    }
    return this.features;
  }

  /** The features when something already loaded them; undefined instead of loading them. */
  get loaded(): Features | undefined {
    return this.features;
  }
}
