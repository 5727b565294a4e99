import * as vscode from 'vscode';
import { errorMessage } from '../../core/guards';
import { recogniseInput } from '../../core/lookup/identifiers';
import { completeWork, resolveInput, type ResolveOptions } from '../../core/lookup/resolve';
import type { LookupServices } from '../../core/lookup/services';
import type { MergedWork } from '../../core/lookup/titleSearch';
import type { Paper } from '../../core/paper';

export interface LookUpDeps {
  /** Throws when a base URL setting is refused. */
  services(): LookupServices;
  preferPublished(): boolean;
  /** Keeps looked-up papers on disk and in the library, so they work offline and in search. */
  keep(papers: Paper[]): Promise<void>;
  log: vscode.LogOutputChannel;
}

export interface CiteByIdDeps extends LookUpDeps {
  cite(papers: Paper[]): Promise<unknown>;
}

const SERVICE_NAMES: Record<string, string> = {
  arxiv: 'arXiv',
  crossref: 'Crossref',
  dblp: 'DBLP',
  semanticScholar: 'Semantic Scholar',
  huggingFace: 'Hugging Face',
  acl: 'ACL Anthology',
};

/**
 * "Cite Paper by ID, DOI or Title…": one input box; an identifier is looked up where it
 * belongs, anything else is a title search whose merged results are offered in a pick. The
 * chosen paper is kept like a feed paper and cited by the same command. Returns what Cite
 * returned, or undefined when nothing was cited (cancelled, not found, a service failed).
 */
export async function citeById(deps: CiteByIdDeps, initial?: string): Promise<unknown> {
  const text =
    initial?.trim() ||
    (
      await vscode.window.showInputBox({
        title: vscode.l10n.t('Cite Paper by ID, DOI or Title'),
        prompt: vscode.l10n.t(
          'An arXiv id or URL, a DOI, a Hugging Face, DBLP or ACL Anthology link, or words of the title (and an author)',
        ),
        placeHolder: vscode.l10n.t('e.g. 1706.03762, 10.1109/CVPR.2016.90, or attention is all you need vaswani'),
        ignoreFocusOut: true,
      })
    )?.trim();
  if (!text) return undefined;
  const chosen = await lookUpPaper(deps, text, vscode.l10n.t('Nothing was cited.'));
  return chosen ? deps.cite([chosen]) : undefined;
}

/**
 * Looks `text` up — an identifier where it belongs, anything else as a title search whose
 * merged results are offered in a pick — and keeps the chosen paper. Undefined when cancelled,
 * not found or failed (the user was told, ending with `nothingDone`).
 */
export async function lookUpPaper(deps: LookUpDeps, text: string, nothingDone: string): Promise<Paper | undefined> {
  let services: LookupServices;
  try {
    services = deps.services();
  } catch (err) {
    vscode.window.showErrorMessage(vscode.l10n.t('LitFeed: {0}', errorMessage(err)));
    return undefined;
  }
  const input = recogniseInput(text);
  const warn = (message: string) => deps.log.warn(`look-up of "${text}": ${message}`);
  const resolution = await lookingUp(text, nothingDone, async (signal) => {
    const options: ResolveOptions = { published: deps.preferPublished(), signal, warn };
    const found = await resolveInput(input, services, options);
    // Some title searches failed, others answered: the answers are shown, the failures logged.
    if (found.kind === 'choices') for (const failure of found.failures) warn(`${failure.service}: ${failure.message}`);
    return found;
  });
  if (resolution === undefined) return undefined;
  let chosen: Paper | undefined;
  if (resolution.kind === 'missing') {
    vscode.window.showWarningMessage(vscode.l10n.t('LitFeed: {0}. {1}', resolution.message, nothingDone));
    return undefined;
  }
  if (resolution.kind === 'paper') chosen = resolution.paper;
  else {
    const work = await pickWork(resolution.works, text);
    if (!work) return undefined;
    chosen = (
      await lookingUp(work.title, nothingDone, async (signal) => ({
        kind: 'paper' as const,
        paper: await completeWork(work, services, { published: deps.preferPublished(), signal, warn }),
      }))
    )?.paper;
  }
  if (!chosen) return undefined;
  await deps.keep([chosen]);
  return chosen;
}

/** Runs a look-up under a cancellable progress notification; a failure is shown and gives undefined. */
async function lookingUp<T>(
  what: string,
  nothingDone: string,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T | undefined> {
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('LitFeed: looking up "{0}"…', what.length > 60 ? `${what.slice(0, 59)}…` : what),
      cancellable: true,
    },
    async (_progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        return await run(abort.signal);
      } catch (err) {
        if (!abort.signal.aborted) {
          vscode.window.showErrorMessage(
            vscode.l10n.t('LitFeed: the look-up of "{0}" failed: {1}. {2}', what, errorMessage(err), nothingDone),
          );
        }
        return undefined;
      } finally {
        sub.dispose();
      }
    },
  );
}

type WorkItem = vscode.QuickPickItem & { work: MergedWork };

async function pickWork(works: readonly MergedWork[], query: string): Promise<MergedWork | undefined> {
  const items: WorkItem[] = works.map((work) => {
    const authors = work.authors.slice(0, 3).join(', ') + (work.authors.length > 3 ? ' …' : '');
    const venue = work.publication ? work.publication.venue : work.arxivId ? `arXiv:${work.arxivId}` : undefined;
    const year = work.publication?.year ?? work.year;
    const from = work.services.map((s) => SERVICE_NAMES[s] ?? s).join(', ');
    return {
      label: work.title,
      description: authors,
      detail: [venue, year, vscode.l10n.t('from {0}', from)].filter(Boolean).join(' · '),
      // Ranked already by how well they match; the pick must not re-filter on the label.
      alwaysShow: true,
      work,
    };
  });
  const pick = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Papers matching "{0}"', query),
    placeHolder: vscode.l10n.t('Which paper?'),
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  return pick?.work;
}
