import * as vscode from 'vscode';
import { errorMessage } from '../core/guards';
import { CITATION_SELECTOR, citeLinePrefix, mayBeOnCitation } from './cite/citeContext';
import { COMMAND_NAMES, PAPER_VIEW_TYPE, PDF_VIEW_TYPE, type CommandName } from './commandIds';
import type { Features } from './host';
import { DIAGNOSTIC_SOURCE } from './refs/diagnosticSource';

/** Documents whose citations LitFeed serves, and .bib files (references from an entry, their diagnostics' fixes). */
const WITH_BIB: vscode.DocumentSelector = [
  ...(CITATION_SELECTOR as vscode.DocumentFilter[]),
  { language: 'bibtex' },
  { pattern: '**/*.bib' },
];

/**
 * What VS Code must find at start-up but whose bodies are in features.js: the paper panel's
 * serializer, every command, citation completion, and the live bibliography's hover,
 * definition, references and quick fixes. Each loads the features bundle on its first call;
 * completion only inside a citation, so typing elsewhere loads nothing.
 */
export function registerLazyEntries(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  features: () => Features,
): void {
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(PAPER_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => features().restorePanel(panel, state),
    }),
    vscode.window.registerWebviewPanelSerializer(PDF_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => features().restorePdf(panel, state),
    }),
  );
  const runCommand = async (name: CommandName, args: unknown[]) => {
    try {
      return await features().commands[name](...args);
    } catch (err) {
      const message = errorMessage(err);
      log.error(`command litfeed.${name} failed: ${err instanceof Error && err.stack ? err.stack : message}`);
      vscode.window.showErrorMessage(vscode.l10n.t('LitFeed: {0} failed: {1}', name, message));
      return undefined;
    }
  };
  for (const name of COMMAND_NAMES) {
    context.subscriptions.push(
      vscode.commands.registerCommand(`litfeed.${name}`, (...args: unknown[]) => runCommand(name, args)),
    );
  }
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(
      CITATION_SELECTOR,
      {
        provideCompletionItems: async (doc, position) =>
          citeLinePrefix(doc, position) === undefined ? [] : features().provideCompletionItems(doc, position),
      },
      '{',
      ',',
      '@',
      '<',
      '`',
    ),
    vscode.languages.registerHoverProvider(CITATION_SELECTOR, {
      // Hovering prose loads nothing; only text that may cite reaches the features bundle.
      provideHover: (doc, position) =>
        mayBeOnCitation(doc, position) ? features().citations.provideHover(doc, position) : undefined,
    }),
    vscode.languages.registerDefinitionProvider(CITATION_SELECTOR, {
      provideDefinition: (doc, position) =>
        mayBeOnCitation(doc, position) ? features().citations.provideDefinition(doc, position) : [],
    }),
    vscode.languages.registerReferenceProvider(WITH_BIB, {
      provideReferences: (doc, position, context) => features().citations.provideReferences(doc, position, context),
    }),
    vscode.languages.registerCodeActionsProvider(
      CITATION_SELECTOR,
      {
        // Only LitFeed's own diagnostics have fixes here: anything else loads nothing.
        provideCodeActions: (doc, range, context) =>
          context.diagnostics.some((d) => d.source === DIAGNOSTIC_SOURCE)
            ? features().citations.provideCodeActions(doc, range, context)
            : [],
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  );
}
