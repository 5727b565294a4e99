/**
 * Whether VS Code knows a tree's rows again after the tree was redrawn whole.
 *
 * When a provider fires a change for the whole tree, VS Code's extension host forgets every
 * row at once and learns them again only as the workbench asks for the children of each row
 * it has open, one round trip per level (on a busy machine, a second or more). A command run
 * on a row in between gets no row as its argument, and `TreeView.selection` is empty, though
 * the workbench still shows the row selected. This follows which rows VS Code has open and
 * which of them it has not asked for since the redraw, so a command can wait for the rows to
 * be known again instead of acting on nothing.
 */

/** The key of the top of the tree (its children are the top-level rows). */
const TOP = '';

export class TreeRefetch<T> {
  /** Rows VS Code has asked the children of: the open rows. */
  private readonly open = new Set<string>();
  /** The row each row that can have children was last listed under. */
  private readonly under = new Map<string, string>();
  /** Open rows VS Code has not asked for again since the last redraw. */
  private pending = new Set<string>();
  private waiting: (() => void)[] = [];

  /** `parentKey` names a row that can have children; undefined for a row that never has. */
  constructor(private readonly parentKey: (node: T) => string | undefined) {}

  /** The provider is about to fire a change for the whole tree. */
  redrawn(): void {
    this.pending = new Set(this.open);
  }

  /** Called by the provider's getChildren with what it answers; returns `children`. */
  fetched<C extends T>(node: T | undefined, children: C[]): C[] {
    const key = node === undefined ? TOP : this.parentKey(node);
    if (key === undefined) return children;
    this.open.add(key);
    this.pending.delete(key);
    const now = new Set(children.map((c) => this.parentKey(c)).filter((k) => k !== undefined));
    // An open row that is gone from under this one will never be asked for.
    for (const [child, parent] of [...this.under]) if (parent === key && !now.has(child)) this.close(child);
    for (const child of now) this.under.set(child, key);
    this.wake();
    return children;
  }

  /** The user collapsed `node`: VS Code will not ask for its children until it is expanded. */
  collapsed(node: T): void {
    const key = this.parentKey(node);
    if (key === undefined) return;
    this.close(key, false);
    this.wake();
  }

  /** True when every open row has been asked for since the last redraw. */
  get settled(): boolean {
    return this.pending.size === 0;
  }

  /** Settles once every open row has been asked for again (at once when they have). */
  whenSettled(): Promise<void> {
    if (this.settled) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Closes `key` and the rows under it; `gone`: they are no longer in the tree at all. */
  private close(key: string, gone = true): void {
    this.open.delete(key);
    this.pending.delete(key);
    if (gone) this.under.delete(key);
    for (const [child, parent] of [...this.under]) if (parent === key) this.close(child, gone);
  }

  private wake(): void {
    if (!this.settled || this.waiting.length === 0) return;
    const waiting = this.waiting;
    this.waiting = [];
    // VS Code registers the rows after getChildren returns: a waiter runs once it has.
    setTimeout(() => waiting.forEach((resolve) => resolve()), 0);
  }
}
