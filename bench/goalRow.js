// @ts-check
'use strict';

/**
 * A row held to a goal in milliseconds rather than to a floor measured in the same run: the
 * goal stands as the baseline, the ratio is the share of it used.
 * @param {{ id: string, measure: string, ms: number, goalMs: number, goalPrefix?: string,
 *   pass?: boolean, details?: Record<string, unknown> }} r
 *   `goalPrefix` names what is held to the goal (`p95`); `pass` adds a condition of its own
 *   (the value within the goal is always required).
 */
function goalRow(r) {
  return {
    id: r.id,
    measure: r.measure,
    value: r.ms,
    unit: 'ms',
    baseline: r.goalMs,
    baselineLabel: 'goal',
    ratio: r.ms / r.goalMs,
    goal: `${r.goalPrefix ? `${r.goalPrefix} ` : ''}≤ ${r.goalMs} ms`,
    pass: r.ms <= r.goalMs && (r.pass ?? true),
    ...(r.details ? { details: r.details } : {}),
  };
}

module.exports = { goalRow };
