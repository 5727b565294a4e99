import * as vscode from 'vscode';
import { checkBaseUrl } from '../core/net/baseUrl';
import type { HttpOptions } from '../core/net/http';
import { Politeness } from '../core/net/politeness';
import { LookupCache } from '../core/lookup/cache';
import { LOOKUP_INTERVALS_MS, lookupClient } from '../core/lookup/client';
import type { LookupServices } from '../core/lookup/services';
import type { Settings } from './settings';

/** What every request of the features bundle is made with, read from the current settings. */
export interface Network {
  http(signal?: AbortSignal): HttpOptions;
  /** The Hugging Face base URL; throws when the setting is refused. */
  huggingFace(): string;
  /** The arXiv export API's base URL; throws when the setting is refused. */
  arxiv(): string;
  /** Where arXiv PDFs are downloaded from; throws when the setting is refused. */
  arxivPdf(): string;
  /** One gate for every request to arXiv (listings and look-ups alike: arXiv asks 3 s between them). */
  readonly arxivGate: Politeness;
  /** The cite-any-paper look-ups, from the current settings; throws when a base URL is refused. */
  lookup(): LookupServices;
}

export function network(
  version: string,
  settings: () => Settings,
  log: vscode.LogOutputChannel,
  storage: vscode.Uri,
): Network {
  const userAgent = () => {
    const email = settings().contactEmail;
    return `LitFeed/${version} (VS Code extension${email ? `; mailto:${email}` : ''})`;
  };
  const http = (signal?: AbortSignal): HttpOptions => ({
    timeoutMs: settings().timeoutMs,
    userAgent: userAgent(),
    log,
    ...(signal ? { signal } : {}),
  });
  const arxivGate = new Politeness({ intervalMs: LOOKUP_INTERVALS_MS.arxiv });
  const gates = {
    arxiv: arxivGate,
    dblp: new Politeness({ intervalMs: LOOKUP_INTERVALS_MS.dblp }),
    semanticScholar: new Politeness({ intervalMs: LOOKUP_INTERVALS_MS.semanticScholar }),
  };
  const cache = new LookupCache(vscode.Uri.joinPath(storage, 'lookup-cache').fsPath, { log });
  return {
    http,
    huggingFace: () => baseUrl(settings().huggingFaceBaseUrl, 'litfeed.sources.huggingFace.baseUrl'),
    arxiv: () => baseUrl(settings().arxivBaseUrl, 'litfeed.sources.arxiv.baseUrl'),
    arxivPdf: () => baseUrl(settings().pdf.arxivBaseUrl, 'litfeed.sources.arxivPdf.baseUrl'),
    arxivGate,
    lookup: () => {
      const s = settings();
      const urls = s.lookupBaseUrls;
      return lookupClient({
        baseUrls: {
          arxiv: baseUrl(s.arxivBaseUrl, 'litfeed.sources.arxiv.baseUrl'),
          huggingFace: baseUrl(s.huggingFaceBaseUrl, 'litfeed.sources.huggingFace.baseUrl'),
          crossref: baseUrl(urls.crossref, 'litfeed.sources.crossref.baseUrl'),
          dblp: baseUrl(urls.dblp, 'litfeed.sources.dblp.baseUrl'),
          semanticScholar: baseUrl(urls.semanticScholar, 'litfeed.sources.semanticScholar.baseUrl'),
          aclAnthology: baseUrl(urls.aclAnthology, 'litfeed.sources.aclAnthology.baseUrl'),
        },
        http,
        ...(s.contactEmail ? { contactEmail: s.contactEmail } : {}),
        gates,
        cache,
      });
    },
  };
}

function baseUrl(raw: string, setting: string): string {
  const check = checkBaseUrl(raw);
  if (!check.ok) throw new Error(vscode.l10n.t('the setting {0} is refused: {1}', setting, check.reason));
  return check.url;
}
