import * as assert from 'assert';
import * as vscode from 'vscode';
import { activate, EXTENSION_ID } from './helpers';

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

function contributed(): ContributedCommand[] {
  const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
    contributes: { commands: ContributedCommand[] };
  };
  return pkg.contributes.commands;
}

describe('commands', () => {
  before(async () => {
    await activate();
  });

  it('contributes the feed commands the README promises', () => {
    const ids = contributed().map((c) => c.command);
    for (const id of [
      'litfeed.refresh',
      'litfeed.openPaper',
      'litfeed.sortBy',
      'litfeed.previousRange',
      'litfeed.nextRange',
      'litfeed.goToDate',
      'litfeed.setRange',
      'litfeed.showLog',
    ]) {
      assert.ok(ids.includes(id), `${id} is not contributed`);
    }
  });

  it('registers every contributed command', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed()
      .map((c) => c.command)
      .filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('puts every command in the LitFeed category', () => {
    const other = contributed().filter((c) => c.category !== 'LitFeed');
    assert.deepStrictEqual(
      other.map((c) => c.command),
      [],
    );
  });

  it('runs "Show Log" without error', async () => {
    await vscode.commands.executeCommand('litfeed.showLog');
  });
});
