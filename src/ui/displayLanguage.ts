/**
 * Days, ages and counts in VS Code's display language (`vscode.env.language`), for the trees,
 * the views' descriptions and the pickers. The words come from the l10n bundles; the dates and
 * numbers from `Intl`, except US English, which the first screen writes without it.
 */
import * as vscode from 'vscode';
import { ageLabel, countLabel, dayLabel, type DayWords } from '../core/feed/dayGroups';

function dayWords(): DayWords {
  return {
    today: vscode.l10n.t('Today'),
    yesterday: vscode.l10n.t('Yesterday'),
    undated: vscode.l10n.t('Undated'),
  };
}

/** A feed day's label: "Today", "Yesterday", "Undated" or the date. */
export function localDayLabel(day: string, today: string): string {
  return dayLabel(day, today, vscode.env.language, dayWords());
}

/** How long ago `fromIso` was: "3 h ago", "vor 3 Std.". */
export function localAge(fromIso: string): string {
  return ageLabel(fromIso, new Date(), vscode.env.language, vscode.l10n.t('at an unknown time'));
}

/** A count written the display language's way (digit grouping from 1000 on). */
export function localCount(n: number): string {
  return countLabel(n, vscode.env.language);
}
