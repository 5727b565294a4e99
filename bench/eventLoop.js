// @ts-check
'use strict';
const { monitorEventLoopDelay, performance } = require('node:perf_hooks');

/** The interval sampler's period; a gap longer than this was a block. */
const TICK_MS = 5;

/**
 * Watches the event loop two ways while work runs: `monitorEventLoopDelay`'s maximum and the
 * longest gap between the ticks of a 5 ms interval. The returned function stops both and reads
 * their maxima in ms.
 */
function watchEventLoop() {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  let last = performance.now();
  let maxGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, TICK_MS);
  return () => {
    clearInterval(timer);
    histogram.disable();
    // The histogram is in nanoseconds; it holds nothing if its timer never fired.
    const eldMaxMs = histogram.count > 0 ? histogram.max / 1e6 : 0;
    // A gap still open when the samplers stop is a block too.
    const gapMaxMs = Math.max(0, Math.max(maxGap, performance.now() - last) - TICK_MS);
    return { eldMaxMs, gapMaxMs };
  };
}

module.exports = { watchEventLoop, TICK_MS };
