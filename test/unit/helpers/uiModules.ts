/**
 * Node caches each module with the `vscode` it was first loaded against. A test that loads
 * `src/ui` modules against its own stand-in forgets them before and after, so neither it nor
 * a later test gets modules bound to another test's stand-in.
 */
import * as path from 'node:path';

const uiRoot = path.resolve(__dirname, '../../../src/ui') + path.sep;

export function forgetUiModules(): void {
  for (const file of Object.keys(require.cache)) {
    if (file.startsWith(uiRoot)) delete require.cache[file];
  }
}
