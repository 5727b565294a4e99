/**
 * The tag commands' bodies: Tag Paper (a multi-pick of the tags in use plus the typed one),
 * Filter by Tag, Rename Tag, Delete Tag and the tag to pick for Export Tag. Each takes the
 * tag (or the tags) as an argument when given one — a tag group's row, another command, a
 * test — and asks only for what it was not given.
 */
import * as vscode from 'vscode';
import type { Paper } from '../../core/paper';
import {
  applyTagPick,
  commonTags,
  normaliseTag,
  parseTagInput,
  sameTag,
  tagKey,
  type TagCount,
} from '../../core/tracking/tags';
import { asTreeNode } from '../treeNodes';
import type { ReadingListProvider } from './readingListView';
import type { UserState } from './userState';

const TITLE_MAX = 50;

/** The tag a command's argument names: a tag group's row, or the tag itself. */
export function tagArgument(arg: unknown): string | undefined {
  if (typeof arg === 'string') return normaliseTag(arg);
  const node = asTreeNode(arg);
  return node?.kind === 'tag' ? node.tag : undefined;
}

/** The tag in use that `tag` names, spelt as the list spells it, or undefined after saying there is none. */
function existingTag(user: UserState, tag: string): TagCount | undefined {
  const found = user.allTags().find((t) => sameTag(t.tag, tag));
  if (!found) vscode.window.showInformationMessage(vscode.l10n.t('LitFeed: no saved paper is tagged “{0}”.', tag));
  return found;
}

/** The tag an argument names, or one the user picks from those in use. */
export async function chooseTag(user: UserState, arg: unknown, placeHolder: string): Promise<TagCount | undefined> {
  const given = tagArgument(arg);
  if (given !== undefined) return existingTag(user, given);
  const all = user.allTags();
  if (all.length === 0) {
    vscode.window.showInformationMessage(
      vscode.l10n.t('LitFeed: no saved paper has a tag yet. Tag one with “Tag Paper…” in the Reading List.'),
    );
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    all.map((t) => ({ label: t.tag, description: paperCount(t.count), tag: t })),
    { placeHolder },
  );
  return pick?.tag;
}

function paperCount(count: number): string {
  return count === 1 ? vscode.l10n.t('1 paper') : vscode.l10n.t('{0} papers', count);
}

/**
 * "Tag Paper…": sets the papers' tags, from `given` when there is such an argument, else from
 * the pick. A paper not saved yet is saved with its tags, and the user is told so. Resolves to
 * how many papers changed, undefined when the pick was dismissed.
 */
export async function tagPapers(
  user: UserState,
  papers: Paper[],
  given?: readonly string[],
): Promise<number | undefined> {
  if (papers.length === 0) return undefined;
  const current = papers.map((p) => user.tagsOf(p));
  let next: string[][];
  if (given) next = papers.map(() => [...given]);
  else {
    const picked = await pickTags(
      user.allTags(),
      current,
      papers,
      papers.some((p) => !user.isSaved(p)),
    );
    if (!picked) return undefined;
    const common = commonTags(current);
    next = current.map((tags) => applyTagPick(tags, picked, common));
  }
  const unsaved = papers.filter((p, i) => !user.isSaved(p) && next[i].length > 0);
  const changed = await user.setTags(papers.map((paper, i) => ({ paper, tags: next[i] })));
  if (unsaved.length > 0) {
    vscode.window.showInformationMessage(
      unsaved.length === 1
        ? vscode.l10n.t('LitFeed: “{0}” was saved to the Reading List with its tags.', short(unsaved[0].title))
        : vscode.l10n.t('LitFeed: {0} papers were saved to the Reading List with their tags.', unsaved.length),
    );
  }
  return changed;
}

interface TagItem extends vscode.QuickPickItem {
  tag: string;
}

/**
 * The multi-pick of Tag Paper: the tags in use (those every paper has ticked; those only some
 * have say so), and above them a ticked "New tag: …" for each typed name not in use. Typing
 * a tag in use ticks it. Resolves to the ticked tags, or undefined when dismissed.
 */
async function pickTags(
  all: TagCount[],
  current: readonly (readonly string[])[],
  papers: Paper[],
  unsaved: boolean,
): Promise<string[] | undefined> {
  const common = commonTags(current);
  const onSome = new Set(current.flat().map(tagKey));
  const existing: TagItem[] = all.map(({ tag, count }) => ({
    label: tag,
    description:
      onSome.has(tagKey(tag)) && !common.some((c) => sameTag(c, tag))
        ? vscode.l10n.t('{0} · on some of these papers', paperCount(count))
        : paperCount(count),
    tag,
  }));
  const ticked = new Set(common.map(tagKey));
  // Tags ticked because their name was typed, unticked again when the typing changes.
  let typedTicks = new Set<string>();

  const pick = vscode.window.createQuickPick<TagItem>();
  pick.canSelectMany = true;
  pick.matchOnDescription = false;
  pick.title =
    papers.length === 1
      ? vscode.l10n.t('Tags of “{0}”', short(papers[0].title))
      : vscode.l10n.t('Tags of {0} papers', papers.length);
  pick.placeholder = unsaved
    ? vscode.l10n.t('Tick tags, or type a new one (commas separate several). A paper not saved yet is saved.')
    : vscode.l10n.t('Tick tags, or type a new one (commas separate several)');

  let updating = false;
  const update = () => {
    const typed = parseTagInput(pick.value);
    const fresh = typed.filter((t) => !all.some((c) => sameTag(c.tag, t)));
    for (const key of typedTicks) ticked.delete(key);
    // Only what typing ticked is unticked by typing: a tag ticked before stays ticked.
    const typedInUse = typed.filter((t) => !fresh.includes(t)).map(tagKey);
    typedTicks = new Set(typedInUse.filter((key) => !ticked.has(key)));
    for (const key of typedTicks) ticked.add(key);
    const newItems: TagItem[] = fresh.map((tag) => ({
      label: vscode.l10n.t('New tag: {0}', tag),
      tag,
      alwaysShow: true,
    }));
    updating = true;
    pick.items = [...newItems, ...existing];
    pick.selectedItems = [...newItems, ...existing.filter((i) => ticked.has(tagKey(i.tag)))];
    updating = false;
  };
  update();

  return new Promise<string[] | undefined>((resolve) => {
    let result: string[] | undefined;
    const subscriptions = [
      pick.onDidChangeValue(update),
      pick.onDidChangeSelection((items) => {
        if (updating) return;
        // The user's own ticks: what is ticked among the tags in use (new items are re-made per keystroke).
        for (const item of existing) {
          if (items.includes(item)) ticked.add(tagKey(item.tag));
          else ticked.delete(tagKey(item.tag));
        }
        typedTicks = new Set([...typedTicks].filter((key) => ticked.has(key)));
      }),
      pick.onDidAccept(() => {
        result = pick.selectedItems.map((i) => i.tag);
        pick.hide();
      }),
      pick.onDidHide(() => {
        for (const s of subscriptions) s.dispose();
        pick.dispose();
        resolve(result);
      }),
    ];
    pick.show();
  });
}

/** "Filter by Tag…": the Reading List shows only the papers with the tag. */
export async function filterByTag(user: UserState, view: ReadingListProvider, arg: unknown): Promise<void> {
  const tag = await chooseTag(user, arg, vscode.l10n.t('Show the saved papers tagged…'));
  if (tag) view.setTagFilter(tag.tag);
}

/**
 * "Rename Tag…" on every paper that has it; a name in use merges the two tags. `newName`
 * skips the input box.
 */
export async function renameTag(
  user: UserState,
  view: ReadingListProvider,
  arg: unknown,
  newName?: unknown,
): Promise<number> {
  const from = await chooseTag(user, arg, vscode.l10n.t('Rename which tag?'));
  if (!from) return 0;
  const name =
    typeof newName === 'string'
      ? newName
      : await vscode.window.showInputBox({
          title: vscode.l10n.t('Rename the tag “{0}” ({1})', from.tag, paperCount(from.count)),
          prompt: vscode.l10n.t('The new name applies to every paper with the tag.'),
          value: from.tag,
          validateInput: (text) => renameProblem(user, from.tag, text),
        });
  if (name === undefined) return 0;
  const result = await user.renameTag(from.tag, name);
  if (result.to !== undefined) view.tagRenamed(from.tag, result.to);
  return result.changed;
}

function renameProblem(
  user: UserState,
  from: string,
  text: string,
): string | vscode.InputBoxValidationMessage | undefined {
  const tag = normaliseTag(text);
  if (tag === undefined) {
    return text.includes(',')
      ? vscode.l10n.t('A tag cannot hold a comma: commas separate tags.')
      : vscode.l10n.t('Type the new name.');
  }
  const other = user.allTags().find((t) => sameTag(t.tag, tag) && !sameTag(t.tag, from));
  return other
    ? {
        message: vscode.l10n.t('“{0}” is a tag already: the two will be merged into “{0}”.', other.tag),
        severity: vscode.InputBoxValidationSeverity.Info,
      }
    : undefined;
}

/**
 * "Delete Tag…" from every paper, after a modal that says how many (the papers stay saved).
 * `{ confirm: false }` skips the modal.
 */
export async function deleteTag(
  user: UserState,
  view: ReadingListProvider,
  arg: unknown,
  options?: unknown,
): Promise<number> {
  const tag = await chooseTag(user, arg, vscode.l10n.t('Delete which tag?'));
  if (!tag) return 0;
  const confirm = !(
    typeof options === 'object' &&
    options !== null &&
    (options as { confirm?: unknown }).confirm === false
  );
  if (confirm) {
    const remove = vscode.l10n.t('Delete Tag');
    const answer = await vscode.window.showWarningMessage(
      tag.count === 1
        ? vscode.l10n.t('Delete the tag “{0}” from 1 paper?', tag.tag)
        : vscode.l10n.t('Delete the tag “{0}” from {1} papers?', tag.tag, tag.count),
      { modal: true, detail: vscode.l10n.t('The papers stay in the Reading List.') },
      remove,
    );
    if (answer !== remove) return 0;
  }
  const changed = await user.deleteTag(tag.tag);
  view.tagRenamed(tag.tag, undefined);
  return changed;
}

function short(title: string): string {
  const chars = [...title];
  return chars.length <= TITLE_MAX
    ? title
    : `${chars
        .slice(0, TITLE_MAX - 1)
        .join('')
        .trimEnd()}…`;
}
