import { createFakeVscode, installFakeVscode } from './fakeVscode';
import { forgetUiModules } from './uiModules';

/**
 * The parts of the tree and hover API that rows use, for tests that draw rows against the
 * stand-in `vscode` module (helpers/fakeVscode.ts).
 */
export function treeApi(): Record<string, unknown> {
  class MarkdownString {
    value = '';
    supportHtml = false;
    isTrusted = false;
    supportThemeIcons = false;
    appendMarkdown(text: string) {
      this.value += text;
      return this;
    }
    appendText(text: string) {
      this.value += text;
      return this;
    }
  }
  class EventEmitter {
    event = () => ({ dispose: () => undefined });
    fire(): void {}
    dispose(): void {}
  }
  return {
    TreeItem: class {
      constructor(
        public label: string,
        public collapsibleState: number,
      ) {}
    },
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    ThemeIcon: class {
      constructor(
        public id: string,
        public color?: unknown,
      ) {}
    },
    ThemeColor: class {
      constructor(public id: string) {}
    },
    MarkdownString,
    EventEmitter,
  };
}

/**
 * Installs the stand-in `vscode` module with the tree API for UI modules loaded after it (and
 * forgets those loaded before); returns what takes it out again.
 */
export function installTreeVscode(): () => void {
  const fake = createFakeVscode();
  Object.assign(fake.module, treeApi());
  const uninstall = installFakeVscode(fake);
  forgetUiModules();
  return () => {
    uninstall();
    forgetUiModules();
  };
}
