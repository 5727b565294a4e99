import * as vscode from 'vscode';
import type { BbtItem } from '../../core/zotero/betterBibtex';
import type { Citer, CiteResult } from '../cite/citations';
import { zoteroMessage, type ZoteroLink } from './zoteroLink';

interface ItemPick extends vscode.QuickPickItem {
  item: BbtItem;
}

/** Long enough that typing a word asks Zotero once, short enough to feel immediate. */
const DEBOUNCE_MS = 250;

/**
 * "Cite from Zotero…": searches the Zotero library through Better BibTeX as the user types and
 * cites the picks with their Better BibTeX keys and entries (never editing an auto-export).
 * Given `citekeys` (another extension, a keybinding, the tests) it cites those without asking.
 */
export async function citeFromZotero(
  zotero: ZoteroLink,
  citer: Citer,
  citekeys?: readonly string[],
): Promise<CiteResult | undefined> {
  let picks: BbtItem[] | undefined;
  try {
    await zotero.ready();
    picks = citekeys ? await itemsOf(zotero, citekeys) : await pickItems(zotero);
  } catch (err) {
    vscode.window.showErrorMessage(zoteroMessage(err));
    return undefined;
  }
  if (!picks || picks.length === 0) return undefined;
  try {
    return await citer.citeSources(
      picks.map((item) => ({ key: item.citekey, item })),
      (missing, engine) =>
        zotero.export(
          missing.map((m) => m.item),
          engine,
        ),
    );
  } catch (err) {
    vscode.window.showErrorMessage(zoteroMessage(err));
    return undefined;
  }
}

/** The items with exactly these keys; a key Zotero does not have is reported, and nothing cited. */
async function itemsOf(zotero: ZoteroLink, citekeys: readonly string[]): Promise<BbtItem[] | undefined> {
  const items: BbtItem[] = [];
  for (const key of citekeys) {
    const item = (await zotero.search(key)).find((i) => i.citekey === key);
    if (!item) {
      vscode.window.showErrorMessage(
        vscode.l10n.t('LitFeed: Zotero has no item with the key {0}. Nothing was cited.', key),
      );
      return undefined;
    }
    items.push(item);
  }
  return items;
}

function pickItems(zotero: ZoteroLink): Promise<BbtItem[] | undefined> {
  return new Promise((resolve) => {
    const quick = vscode.window.createQuickPick<ItemPick>();
    quick.canSelectMany = true;
    quick.matchOnDescription = true;
    quick.matchOnDetail = true;
    quick.placeholder = vscode.l10n.t('Search your Zotero library (title, author, year or citation key)');
    let timer: ReturnType<typeof setTimeout> | undefined;
    let asked = 0;
    const chosen = new Map<string, ItemPick>();
    quick.onDidChangeValue((value) => {
      if (timer) clearTimeout(timer);
      const terms = value.trim();
      if (terms === '') {
        quick.items = [...chosen.values()];
        return;
      }
      timer = setTimeout(async () => {
        const mine = ++asked;
        quick.busy = true;
        try {
          const items = await zotero.search(terms);
          if (mine !== asked) return;
          const fresh = items.slice(0, 100).map((item): ItemPick => ({
            label: item.title,
            description: item.citekey,
            detail: [item.authors.slice(0, 3).join(', ') + (item.authors.length > 3 ? ' et al.' : ''), item.year]
              .filter(Boolean)
              .join(' · '),
            item,
          }));
          // What was ticked stays ticked while the list changes.
          const keep = [...chosen.values()].filter((c) => !fresh.some((f) => f.item.citekey === c.item.citekey));
          quick.items = [...keep, ...fresh];
          quick.selectedItems = quick.items.filter((i) => chosen.has(i.item.citekey));
        } catch (err) {
          if (mine === asked) vscode.window.showErrorMessage(zoteroMessage(err));
        } finally {
          if (mine === asked) quick.busy = false;
        }
      }, DEBOUNCE_MS);
    });
    quick.onDidChangeSelection((selected) => {
      for (const item of quick.items) chosen.delete(item.item.citekey);
      for (const item of selected) chosen.set(item.item.citekey, item);
    });
    quick.onDidAccept(() => {
      const result = [...chosen.values()].map((c) => c.item);
      quick.hide();
      resolve(result.length > 0 ? result : quick.activeItems.map((a) => a.item));
    });
    quick.onDidHide(() => {
      if (timer) clearTimeout(timer);
      quick.dispose();
      resolve(undefined);
    });
    quick.show();
  });
}
