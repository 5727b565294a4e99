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
 * VS Code's own "open an extension's walkthrough on install" setting: who turned that off
 * does not want one opened at them, and is not offered ours either (the flag stays unset).
 */
export const OPEN_ON_INSTALL_SETTING = 'workbench.welcomePage.walkthroughs.openOnInstall';

export interface WalkthroughOfferDeps {
  state: Pick<vscode.Memento, 'get' | 'update'>;
  /** The value of OPEN_ON_INSTALL_SETTING now. */
  openOnInstall(): boolean;
  /** Opens the walkthrough (`workbench.action.openWalkthrough`). */
  open(id: string): Thenable<unknown>;
}

/** Opens the walkthrough unless it was offered before or walkthroughs are turned off; resolves to whether it opened it. */
export async function offerWalkthroughOnce(deps: WalkthroughOfferDeps): Promise<boolean> {
  if (deps.state.get<boolean>(WALKTHROUGH_OFFERED_KEY) === true || !deps.openOnInstall()) return false;
  // The flag first: a failure to open must not turn into an offer on every start.
  await deps.state.update(WALKTHROUGH_OFFERED_KEY, true);
  await deps.open(WALKTHROUGH_ID);
  return true;
}
