import * as vscode from 'vscode';
import { checkBaseUrl } from '../core/net/baseUrl';
import type { HttpOptions } from '../core/net/http';
import type { Settings } from './settings';

/** What every request of the features bundle is made with, read from the current settings. */
export interface Network {
  http(signal?: AbortSignal): HttpOptions;
  /** The Hugging Face base URL; throws when the setting is refused. */
  huggingFace(): string;
  /** The arXiv export API's base URL; throws when the setting is refused. */
  arxiv(): string;
}

export function network(version: string, settings: () => Settings, log: vscode.LogOutputChannel): Network {
  return {
    http: (signal) => ({
      timeoutMs: settings().timeoutMs,
      userAgent: `LitFeed/${version} (VS Code extension)`,
      log,
      ...(signal ? { signal } : {}),
    }),
    huggingFace: () => baseUrl(settings().huggingFaceBaseUrl, 'litfeed.sources.huggingFace.baseUrl'),
    arxiv: () => baseUrl(settings().arxivBaseUrl, 'litfeed.sources.arxiv.baseUrl'),
  };
}

function baseUrl(raw: string, setting: string): string {
  const check = checkBaseUrl(raw);
  if (!check.ok) throw new Error(vscode.l10n.t('the setting {0} is refused: {1}', setting, check.reason));
  return check.url;
}
