import * as vscode from 'vscode';
import { isRangeKind, isSortOrder, type RangeKind, type SortOrder } from '../core';

/** LitFeed's settings, read in one place with their defaults and bounds. */
export interface Settings {
  huggingFaceBaseUrl: string;
  range: RangeKind;
  sort: SortOrder;
  retentionDays: number;
  refreshOnStartup: boolean;
  timeoutMs: number;
}

export const SECTION = 'litfeed';

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const range = c.get<string>('feed.range');
  const sort = c.get<string>('feed.sort');
  return {
    huggingFaceBaseUrl: c.get<string>('sources.huggingFace.baseUrl') || 'https://huggingface.co',
    range: isRangeKind(range) ? range : 'week',
    sort: isSortOrder(sort) ? sort : 'upvotes',
    retentionDays: clamp(Math.floor(c.get<number>('cache.retentionDays') ?? 30), 1, 3650),
    refreshOnStartup: c.get<boolean>('refreshOnStartup') ?? true,
    timeoutMs: clamp(c.get<number>('network.timeoutSeconds') ?? 20, 1, 300) * 1000,
  };
}

/** Writes a user-level setting (the view's sort and range pickers persist their choice). */
export function updateSetting(key: 'feed.range' | 'feed.sort', value: string): Thenable<void> {
  return vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Global);
}
