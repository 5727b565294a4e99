/**
 * The walkthrough (`contributes.walkthroughs` in package.json) is offered once: opened on
 * the first start after the feed is first drawn, never again on this machine. VS Code opens an
 * extension's walkthrough by itself only when it is installed from the Extensions view, not
 * from a .vsix or the command line, which is how most people get LitFeed today.
 */
import type * as vscode from 'vscode';

/** `publisher.name#id`, as `workbench.action.openWalkthrough` takes it. */
export const WALKTHROUGH_ID = 'litfeed.litfeed#gettingStarted';

/** The globalState flag: set once the walkthrough was offered. */
export const WALKTHROUGH_OFFERED_KEY = 'litfeed.walkthroughOffered';

/**
 * Who turned off VS Code's own "open an extension's walkthrough on install", or wants no
 * editor opened at start (`workbench.startupEditor: none`), is not offered ours either (and
 * the flag stays unset). Both are read: the first is machine-scoped, so an extension running
 * on a remote (code-server, SSH) never sees the user's value of it.
 */
export function walkthroughsAllowed(config: Pick<vscode.WorkspaceConfiguration, 'get'>): boolean {
  return (
    config.get<boolean>('workbench.welcomePage.walkthroughs.openOnInstall', true) !== false &&
    config.get<string>('workbench.startupEditor') !== 'none'
  );
}

export interface WalkthroughOfferDeps {
  state: Pick<vscode.Memento, 'get' | 'update'>;
  /** `walkthroughsAllowed` now. */
  allowed(): boolean;
  /** Opens the walkthrough (`workbench.action.openWalkthrough`). */
  open(id: string): Thenable<unknown>;
}

/** Opens the walkthrough unless it was offered before or walkthroughs are turned off; resolves to whether it opened it. */
export async function offerWalkthroughOnce(deps: WalkthroughOfferDeps): Promise<boolean> {
  if (deps.state.get<boolean>(WALKTHROUGH_OFFERED_KEY) === true || !deps.allowed()) return false;
  // The flag first: a failure to open must not turn into an offer on every start.
  await deps.state.update(WALKTHROUGH_OFFERED_KEY, true);
  await deps.open(WALKTHROUGH_ID);
  return true;
}
