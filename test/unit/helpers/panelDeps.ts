/**
 * What the abstract view's panel is made with in unit tests: every button a no-op, nothing
 * saved, with the few a test is about given in `extra`.
 */
import type { PaperPanelDeps } from '../../../src/ui/panel/paperPanel';

export function quietPanelDeps(extra: Partial<PaperPanelDeps> = {}): PaperPanelDeps {
  return {
    cite: () => undefined,
    copyBibtex: () => undefined,
    openNotes: () => undefined,
    saveToZotero: () => undefined,
    openPdf: () => undefined,
    tagPaper: () => undefined,
    tagsOf: () => [],
    toggleSaved: () => undefined,
    isSaved: () => false,
    ...extra,
  };
}
