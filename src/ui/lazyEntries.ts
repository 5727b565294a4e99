import * as vscode from 'vscode';
import { errorMessage } from '../core/guards';
import { COMPLETION_SELECTOR, citeLinePrefix } from './cite/citeContext';
import { COMMAND_NAMES, PAPER_VIEW_TYPE, type CommandName } from './commandIds';
import type { Features } from './host';

/**
 * What VS Code must find at start-up but whose bodies are in features.js: the paper panel's
 * serializer, every command, and citation completion. Each loads the features bundle on its
 * first call; completion only inside a citation, so typing elsewhere loads nothing.
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
      COMPLETION_SELECTOR,
      {
        provideCompletionItems: async (doc, position) =>
          citeLinePrefix(doc, position) === undefined ? [] : features().provideCompletionItems(doc, position),
      },
      '{',
      ',',
      '@',
    ),
  );
}
