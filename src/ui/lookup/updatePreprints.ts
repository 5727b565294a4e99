import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseBib } from '../../core/cite/bibDocument';
import { errorMessage } from '../../core/guards';
import { entrySpan } from '../../core/lookup/entrySpan';
import { findPreprintEntries, type PreprintEntry } from '../../core/lookup/preprintEntries';
import { findPublished } from '../../core/lookup/published';
import type { LookupServices } from '../../core/lookup/services';
import { upgradeEntry } from '../../core/lookup/upgradeEntry';
import type { Publication } from '../../core/paper';
import type { BibTargetFinder } from '../cite/bibTarget';
import { isReadonly } from '../cite/readonlySetting';

export interface UpdatePreprintsDeps {
  /** Throws when a base URL setting is refused. */
  services(): LookupServices;
  targets: BibTargetFinder;
  log: vscode.LogOutputChannel;
}

export interface UpdatePreprintsOptions {
  /**
   * Show the changes in VS Code's refactor preview, one group per entry, each to be ticked
   * (the default). Off applies them at once: the integration tests use it, since the preview
   * waits for a person.
   */
  preview?: boolean;
}

export interface UpdateReport {
  bib: vscode.Uri;
  /** arXiv-only entries found in the file. */
  preprints: number;
  /** Entries with a published version, by key. */
  proposed: Map<string, Publication>;
  /** Entries no service knew a published version of. */
  notFound: string[];
  /** Entries whose look-up failed (a service down), with why. */
  failed: Map<string, string>;
  applied: boolean;
}

/** Look-ups in flight at once: the per-host gates keep each service polite whatever this is. */
const PARALLEL = 3;

/**
 * "Update Preprints in Bibliography…": finds the arXiv-only entries of a .bib (LitFeed's own
 * and other tools' styles), looks each up for a published version, and proposes the upgrades
 * as one WorkspaceEdit, each entry its own change. Keys, the user's own fields and every other
 * byte of the file stay as they are.
 */
export async function updatePreprints(
  deps: UpdatePreprintsDeps,
  target?: vscode.Uri,
  options: UpdatePreprintsOptions = {},
): Promise<UpdateReport | undefined> {
  const bib = target ?? (await chooseBib(deps.targets));
  if (!bib) return undefined;
  const name = path.basename(bib.path);
  let services: LookupServices;
  let doc: vscode.TextDocument;
  try {
    services = deps.services();
    doc = await vscode.workspace.openTextDocument(bib);
  } catch (err) {
    vscode.window.showErrorMessage(vscode.l10n.t('LitFeed: {0}', errorMessage(err)));
    return undefined;
  }
  if (await isReadonly(bib)) {
    vscode.window.showErrorMessage(vscode.l10n.t('LitFeed: {0} is read-only. Nothing was changed.', name));
    return undefined;
  }
  const text = doc.getText();
  const version = doc.version;
  const wasDirty = doc.isDirty;
  const parsed = await parseBib(text);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    vscode.window.showErrorMessage(
      vscode.l10n.t(
        'LitFeed: {0} does not parse (line {1}: {2}). Nothing was changed; fix the file and try again.',
        name,
        first.line,
        first.message,
      ),
    );
    return undefined;
  }
  const preprints = findPreprintEntries(parsed.entries);
  const report: UpdateReport = {
    bib,
    preprints: preprints.length,
    proposed: new Map(),
    notFound: [],
    failed: new Map(),
    applied: false,
  };
  if (preprints.length === 0) {
    vscode.window.showInformationMessage(vscode.l10n.t('LitFeed: {0} has no arXiv-only entries.', name));
    return report;
  }

  const finished = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('LitFeed: looking for published versions of {0} preprints in {1}', preprints.length, name),
      cancellable: true,
    },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      let done = 0;
      try {
        await inPool(preprints, PARALLEL, async (entry) => {
          if (abort.signal.aborted) return;
          await lookUp(entry, services, report, abort.signal, deps.log);
          done++;
          progress.report({
            increment: 100 / preprints.length,
            message: vscode.l10n.t('{0} of {1} · {2} found', done, preprints.length, report.proposed.size),
          });
        });
      } finally {
        sub.dispose();
      }
      return !abort.signal.aborted;
    },
  );
  if (!finished) {
    vscode.window.showInformationMessage(vscode.l10n.t('LitFeed: Update Preprints cancelled. Nothing was changed.'));
    return report;
  }
  if (report.proposed.size === 0) {
    vscode.window.showInformationMessage(summary(report, name));
    return report;
  }
  if (doc.version !== version) {
    vscode.window.showWarningMessage(
      vscode.l10n.t('LitFeed: {0} changed during the look-ups. Nothing was changed; run the command again.', name),
    );
    return report;
  }

  const edit = upgradeEdit(doc, text, preprints, report, options.preview !== false, deps.log);
  if (edit.size === 0) {
    vscode.window.showInformationMessage(summary(report, name));
    return report;
  }
  if (options.preview !== false) {
    // VS Code hands edits that need confirmation to its preview unticked; say what to do there.
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'LitFeed: review the published versions found for {0} in the Refactor Preview: tick the entries to update (the file’s box ticks all), then Apply.',
        name,
      ),
    );
  }
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: options.preview !== false });
  report.applied = applied;
  // Saved as Cite saves a .bib it changed: unless the user had unsaved edits of their own there.
  if (applied && !wasDirty && !doc.isUntitled) await doc.save();
  vscode.window.showInformationMessage(
    applied ? summary(report, name) : vscode.l10n.t('LitFeed: nothing was changed.'),
  );
  return report;
}

async function lookUp(
  entry: PreprintEntry,
  services: LookupServices,
  report: UpdateReport,
  signal: AbortSignal,
  log: vscode.LogOutputChannel,
): Promise<void> {
  const key = entry.record.key;
  try {
    // An entry found in the .bib carries what the finder needs: title, authors, ids, year.
    const result = await findPublished(entry, services, signal);
    for (const failure of result.failures) log.warn(`Update Preprints, ${key}: ${failure.service}: ${failure.message}`);
    if (result.publication) report.proposed.set(key, result.publication);
    else if (result.failures.length > 0) report.failed.set(key, result.failures.map((f) => f.message).join('; '));
    else report.notFound.push(key);
  } catch (err) {
    if (signal.aborted) return;
    log.warn(`Update Preprints, ${key}: ${errorMessage(err)}`);
    report.failed.set(key, errorMessage(err));
  }
}

/** One replacement per upgraded entry, labelled so the preview can list and untick each. */
function upgradeEdit(
  doc: vscode.TextDocument,
  text: string,
  preprints: readonly PreprintEntry[],
  report: UpdateReport,
  confirm: boolean,
  log: vscode.LogOutputChannel,
): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  // A file that is ASCII today stays ASCII: its author chose escapes, or their engine needs them.
  const ascii = !/[^\x00-\x7f]/.test(text);
  for (const entry of preprints) {
    const publication = report.proposed.get(entry.record.key);
    if (!publication) continue;
    const key = entry.record.key;
    const span = entrySpan(text, entry.record.line);
    let upgraded: string | undefined;
    try {
      if (span) upgraded = upgradeEntry(text.slice(span.start, span.end), publication, { ascii });
    } catch (err) {
      log.warn(`Update Preprints, ${key}: ${errorMessage(err)}`);
    }
    if (!span || upgraded === undefined) {
      // An entry LitFeed cannot rewrite safely (a % line inside it, say) is left as it is.
      report.proposed.delete(key);
      report.failed.set(key, 'the entry could not be rewritten safely');
      continue;
    }
    const range = new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end));
    const label = `${key}: ${publication.venue}${publication.year ? ` (${publication.year})` : ''}`;
    edit.replace(doc.uri, range, upgraded, {
      label,
      description: vscode.l10n.t('found by {0}', publication.foundBy),
      needsConfirmation: confirm,
    });
  }
  return edit;
}

function summary(report: UpdateReport, name: string): string {
  const parts = [
    vscode.l10n.t(
      'LitFeed: published versions found for {0} of {1} preprint entries in {2}',
      report.proposed.size,
      report.preprints,
      name,
    ),
  ];
  if (report.notFound.length > 0) parts.push(vscode.l10n.t('{0} not found', report.notFound.length));
  if (report.failed.size > 0) parts.push(vscode.l10n.t('{0} look-ups failed (see the log)', report.failed.size));
  return parts.join('; ') + '.';
}

/** The active .bib, else the active document's bibliography, else one picked from the workspace. */
async function chooseBib(targets: BibTargetFinder): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (active && path.extname(active.uri.path).toLowerCase() === '.bib') return active.uri;
  if (active) {
    const { uri } = await targets.find(active, { ask: false });
    if (uri) return uri;
  }
  const files = await vscode.workspace.findFiles('**/*.bib', '**/node_modules/**', 200);
  if (files.length === 1) return files[0];
  if (files.length === 0) {
    vscode.window.showInformationMessage(vscode.l10n.t('LitFeed: no .bib file is open or in the workspace.'));
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { placeHolder: vscode.l10n.t('Update the preprints of which bibliography?') },
  );
  return pick?.uri;
}

async function inPool<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}
