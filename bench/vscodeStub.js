// @ts-check
/**
 * Enough of the `vscode` module for the bundled extension's activate() to run in plain Node,
 * so the benchmark can time start-up against a cache on disk. Nothing here draws or talks to
 * a window: views, channels and status items are inert objects that keep what is set on them.
 * Settings come from `configuration` (flat `litfeed.*` keys); `refreshOnStartup` is off so
 * activation never reaches for the network.
 *
 * install(options) hooks `require('vscode')` and returns the stub and an ExtensionContext.
 */
'use strict';

const Module = require('node:module');
const path = require('node:path');

/** @typedef {{ dispose(): void }} Disposable */

const noop = () => undefined;
/** @type {() => Disposable} */
const disposable = () => ({ dispose: noop });

class EventEmitter {
  constructor() {
    /** @type {((value: unknown) => void)[]} */
    this.listeners = [];
    /** @param {(value: unknown) => void} listener */
    this.event = (listener) => {
      this.listeners.push(listener);
      return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
    };
  }
  /** @param {unknown} value */
  fire(value) {
    for (const l of [...this.listeners]) l(value);
  }
  dispose() {
    this.listeners = [];
  }
}

class Disposable {
  /** @param {() => void} fn */
  constructor(fn) {
    this.fn = fn;
  }
  /** @param {Disposable[]} items */
  static from(...items) {
    return new Disposable(() => items.forEach((d) => d.dispose()));
  }
  dispose() {
    this.fn();
  }
}

class Uri {
  /** @param {string} scheme @param {string} fsPath */
  constructor(scheme, fsPath) {
    this.scheme = scheme;
    this.fsPath = fsPath;
    this.path = fsPath.split(path.sep).join('/');
  }
  /** @param {string} p */
  static file(p) {
    return new Uri('file', p);
  }
  /** @param {string} value */
  static parse(value) {
    return value.startsWith('file://') ? new Uri('file', value.slice(7)) : new Uri(value.split(':')[0], value);
  }
  /** @param {Uri} base @param {string[]} parts */
  static joinPath(base, ...parts) {
    return new Uri(base.scheme, path.join(base.fsPath, ...parts));
  }
  toString() {
    return `${this.scheme}://${this.path}`;
  }
}

class TreeItem {
  /** @param {unknown} label @param {number} [collapsibleState] */
  constructor(label, collapsibleState) {
    this.label = label;
    this.collapsibleState = collapsibleState;
  }
}

class ThemeIcon {
  /** @param {string} id @param {unknown} [color] */
  constructor(id, color) {
    this.id = id;
    this.color = color;
  }
}

class ThemeColor {
  /** @param {string} id */
  constructor(id) {
    this.id = id;
  }
}

class MarkdownString {
  constructor(value = '') {
    this.value = value;
  }
  /** @param {string} s */
  appendMarkdown(s) {
    this.value += s;
    return this;
  }
  /** @param {string} s */
  appendText(s) {
    this.value += s;
    return this;
  }
}

class Position {
  /** @param {number} line @param {number} character */
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}

class Range {
  /** @param {Position} start @param {Position} end */
  constructor(start, end) {
    this.start = start;
    this.end = end;
  }
}

class Selection extends Range {}

class CompletionItem {
  /** @param {unknown} label @param {number} [kind] */
  constructor(label, kind) {
    this.label = label;
    this.kind = kind;
  }
}

class WorkspaceEdit {
  constructor() {
    /** @type {unknown[]} */
    this.edits = [];
  }
  /** @param {unknown[]} args */
  insert(...args) {
    this.edits.push(args);
  }
  /** @param {unknown[]} args */
  replace(...args) {
    this.edits.push(args);
  }
}

/** An in-memory Memento, as globalState. */
class Memento {
  constructor() {
    /** @type {Map<string, unknown>} */
    this.values = new Map();
  }
  keys() {
    return [...this.values.keys()];
  }
  /** @param {string} key @param {unknown} [fallback] */
  get(key, fallback) {
    return this.values.has(key) ? this.values.get(key) : fallback;
  }
  /** @param {string} key @param {unknown} value */
  update(key, value) {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
    return Promise.resolve();
  }
  setKeysForSync() {}
}

/**
 * Functions of a namespace not listed explicitly return a disposable: the extension may
 * subscribe to more events than this stub knows of without the benchmark breaking.
 * @template {object} T @param {T} known @returns {T}
 */
function lenient(known) {
  return new Proxy(known, {
    get(target, prop, receiver) {
      if (prop in target) return Reflect.get(target, prop, receiver);
      if (typeof prop === 'symbol' || prop === 'then') return undefined;
      return () => disposable();
    },
  });
}

function inertView() {
  return {
    description: undefined,
    message: undefined,
    title: undefined,
    badge: undefined,
    visible: true,
    selection: [],
    onDidChangeSelection: () => disposable(),
    onDidChangeVisibility: () => disposable(),
    onDidExpandElement: () => disposable(),
    onDidCollapseElement: () => disposable(),
    onDidChangeCheckboxState: () => disposable(),
    reveal: () => Promise.resolve(),
    dispose: noop,
  };
}

function outputChannel() {
  const ch = { name: 'LitFeed', logLevel: 2, onDidChangeLogLevel: () => disposable(), dispose: noop };
  for (const m of [
    'trace',
    'debug',
    'info',
    'warn',
    'error',
    'append',
    'appendLine',
    'replace',
    'clear',
    'show',
    'hide',
  ]) {
    /** @type {Record<string, unknown>} */ (ch)[m] = noop;
  }
  return ch;
}

/**
 * @param {{ storageDir: string, extensionDir: string, configuration?: Record<string, unknown> }} options
 */
function createStub(options) {
  /** @type {Record<string, unknown>} */
  const configuration = { 'litfeed.refreshOnStartup': false, ...options.configuration };
  const commands = new Map();

  const workspaceConfiguration = (/** @type {string | undefined} */ section) => ({
    /** @param {string} key @param {unknown} [fallback] */
    get: (key, fallback) => {
      const full = section ? `${section}.${key}` : key;
      return full in configuration ? configuration[full] : fallback;
    },
    /** @param {string} key */
    has: (key) => (section ? `${section}.${key}` : key) in configuration,
    inspect: () => undefined,
    update: () => Promise.resolve(),
  });

  const vscode = {
    version: '1.90.0',
    EventEmitter,
    Disposable,
    Uri,
    TreeItem,
    ThemeIcon,
    ThemeColor,
    MarkdownString,
    Position,
    Range,
    Selection,
    CompletionItem,
    WorkspaceEdit,
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
    QuickPickItemKind: { Separator: -1, Default: 0 },
    CompletionItemKind: { Text: 0, Reference: 17 },
    CodeActionKind: { QuickFix: { value: 'quickfix' } },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    l10n: {
      /** @param {string} message @param {unknown[]} args */
      t: (message, ...args) => message.replace(/\{(\d+)\}/g, (_m, i) => String(args[Number(i)])),
    },
    env: {
      language: 'en',
      clipboard: { writeText: () => Promise.resolve(), readText: () => Promise.resolve('') },
      openExternal: () => Promise.resolve(true),
    },
    window: lenient({
      createOutputChannel: outputChannel,
      createTreeView: inertView,
      createStatusBarItem: () => ({ text: '', tooltip: '', command: undefined, show: noop, hide: noop, dispose: noop }),
      registerWebviewPanelSerializer: () => disposable(),
      registerTreeDataProvider: () => disposable(),
      createWebviewPanel: () => {
        throw new Error('the benchmark opens no webview');
      },
      showInformationMessage: () => Promise.resolve(undefined),
      showWarningMessage: () => Promise.resolve(undefined),
      showErrorMessage: () => Promise.resolve(undefined),
      setStatusBarMessage: () => disposable(),
      /** @param {unknown} _o @param {(p: unknown, t: unknown) => unknown} task */
      withProgress: (_o, task) =>
        Promise.resolve(
          task({ report: noop }, { isCancellationRequested: false, onCancellationRequested: () => disposable() }),
        ),
      activeTextEditor: undefined,
      visibleTextEditors: [],
    }),
    workspace: lenient({
      getConfiguration: workspaceConfiguration,
      workspaceFolders: undefined,
      textDocuments: [],
      fs: {},
      asRelativePath: (/** @type {unknown} */ p) => String(p),
      onDidOpenTextDocument: () => disposable(),
      onDidChangeTextDocument: () => disposable(),
      onDidCloseTextDocument: () => disposable(),
    }),
    commands: {
      /** @param {string} id @param {(...args: unknown[]) => unknown} fn */
      registerCommand: (id, fn) => {
        commands.set(id, fn);
        return { dispose: () => commands.delete(id) };
      },
      /** @param {string} id @param {unknown[]} args */
      executeCommand: (id, ...args) => Promise.resolve(commands.get(id)?.(...args)),
      getCommands: () => Promise.resolve([...commands.keys()]),
    },
    languages: lenient({ registerCompletionItemProvider: () => disposable() }),
  };

  const packageJSON = require(path.join(options.extensionDir, 'package.json'));
  const context = {
    subscriptions: /** @type {Disposable[]} */ ([]),
    globalState: new Memento(),
    workspaceState: new Memento(),
    globalStorageUri: Uri.file(options.storageDir),
    storageUri: undefined,
    logUri: Uri.file(path.join(options.storageDir, 'logs')),
    extensionUri: Uri.file(options.extensionDir),
    extensionPath: options.extensionDir,
    extension: { id: 'litfeed.litfeed', packageJSON, extensionUri: Uri.file(options.extensionDir) },
    /** @param {string} p */
    asAbsolutePath: (p) => path.join(options.extensionDir, p),
    extensionMode: 1,
  };
  return { vscode, context };
}

/**
 * Node modules the real extension host has loaded before any extension starts: its bundle
 * (vs/workbench/api/node/extensionHostProcess.js in code-server 4.139.1) imports them at its
 * top level. Loading them here, before the clock starts, keeps the bench from charging
 * LitFeed for modules a user's editor has already paid for.
 */
const HOST_BUILTINS = [
  'fs',
  'fs/promises',
  'os',
  'http',
  'net',
  'crypto',
  'child_process',
  'string_decoder',
  'zlib',
  'url',
  'util',
  'events',
];

/**
 * Makes `require('vscode')` answer with the stub, from any module.
 * @param {{ storageDir: string, extensionDir: string, configuration?: Record<string, unknown> }} options
 */
function install(options) {
  for (const builtin of HOST_BUILTINS) require(builtin);
  const stub = createStub(options);
  const id = path.join(__dirname, '__vscode_stub__.js');
  const resolve = /** @type {any} */ (Module)._resolveFilename;
  /** @type {any} */ (Module)._resolveFilename = function (
    /** @type {string} */ request,
    /** @type {unknown[]} */ ...rest
  ) {
    return request === 'vscode' ? id : resolve.call(this, request, ...rest);
  };
  const mod = new Module(id);
  mod.filename = id;
  mod.loaded = true;
  mod.exports = stub.vscode;
  require.cache[id] = mod;
  return stub;
}

module.exports = { install, createStub };
