/**
 * Just enough of the `vscode` module for the paper panel's host code to run in plain Node:
 * a webview panel that records what is posted and lets a test play the page, and recorders
 * for notifications and openExternal. Installed by hooking `require('vscode')`.
 */
import * as assert from 'node:assert/strict';
import Module from 'node:module';

type Listener<T> = (value: T) => void;

class Emitter<T> {
  private listeners: Listener<T>[] = [];
  event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
}

export class FakeUri {
  constructor(readonly value: string) {}
  static joinPath(base: FakeUri, ...parts: string[]): FakeUri {
    return new FakeUri([base.value, ...parts].join('/'));
  }
  static parse(value: string): FakeUri {
    return new FakeUri(value);
  }
  toString(): string {
    return this.value;
  }
}

export class FakeWebviewPanel {
  readonly posted: unknown[] = [];
  title = '';
  visible = true;
  viewColumn: number | undefined = 2;
  disposed = false;
  revealed = 0;
  iconPath: unknown;
  private readonly received = new Emitter<unknown>();
  private readonly disposeEmitter = new Emitter<void>();
  private readonly viewState = new Emitter<{ webviewPanel: FakeWebviewPanel }>();
  readonly webview = {
    html: '',
    options: {} as Record<string, unknown>,
    cspSource: 'https://csp.test',
    asWebviewUri: (uri: FakeUri) => new FakeUri(`https://csp.test/${uri.value}`),
    postMessage: async (message: unknown) => {
      this.posted.push(JSON.parse(JSON.stringify(message)));
      return true;
    },
    onDidReceiveMessage: this.received.event,
  };
  onDidDispose = this.disposeEmitter.event;
  onDidChangeViewState = this.viewState.event;

  constructor(
    readonly viewType: string,
    readonly createOptions: Record<string, unknown> = {},
  ) {}

  /** The page sends `message` to the host. */
  fromPage(message: unknown): void {
    this.received.fire(message);
  }
  reveal(): void {
    this.revealed++;
  }
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.viewState.fire({ webviewPanel: this });
  }
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
  }
}

export interface FakeVscode {
  panels: FakeWebviewPanel[];
  opened: string[];
  warnings: string[];
  errors: string[];
  serializers: Map<string, { deserializeWebviewPanel(panel: FakeWebviewPanel, state: unknown): Promise<void> }>;
  module: Record<string, unknown>;
}

/** The webview panel the code under test created last; fails the test when there is none. */
export function lastPanel(fake: FakeVscode): FakeWebviewPanel {
  const panel = fake.panels[fake.panels.length - 1];
  assert.ok(panel, 'no panel was created');
  return panel;
}

export function createFakeVscode(): FakeVscode {
  const fake: FakeVscode = {
    panels: [],
    opened: [],
    warnings: [],
    errors: [],
    serializers: new Map(),
    module: {},
  };
  fake.module = {
    Uri: FakeUri,
    ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
    l10n: {
      t: (message: string, ...args: unknown[]) =>
        message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])),
    },
    env: {
      language: 'en',
      openExternal: async (uri: FakeUri) => {
        fake.opened.push(uri.toString());
        return true;
      },
    },
    window: {
      createWebviewPanel: (viewType: string, _title: string, _show: unknown, options: Record<string, unknown>) => {
        const panel = new FakeWebviewPanel(viewType, options);
        fake.panels.push(panel);
        return panel;
      },
      registerWebviewPanelSerializer: (
        viewType: string,
        serializer: FakeVscode['serializers'] extends Map<string, infer S> ? S : never,
      ) => {
        fake.serializers.set(viewType, serializer);
        return { dispose: () => fake.serializers.delete(viewType) };
      },
      showWarningMessage: async (message: string) => {
        fake.warnings.push(message);
        return undefined;
      },
      showErrorMessage: async (message: string) => {
        fake.errors.push(message);
        return undefined;
      },
    },
  };
  return fake;
}

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;

/** Makes `require('vscode')` return `fake.module` until the returned function is called. */
export function installFakeVscode(fake: FakeVscode): () => void {
  const mod = Module as unknown as { _load: Loader };
  const original = mod._load;
  mod._load = function (request, parent, isMain) {
    if (request === 'vscode') return fake.module;
    return original.call(this, request, parent, isMain);
  };
  return () => {
    mod._load = original;
  };
}
