// @ts-check
/**
 * Parsing one day's feed in a fresh process (the bench's own heap holds 100k papers, whose
 * garbage collections would land on whichever side happened to allocate):
 * argv = <core bundle> <payload file> <samples>. Each sample times a batch of JSON.parse
 * alone and a batch of parseDailyPapers(JSON.parse(text)), alternating; prints the medians.
 */
'use strict';

const fs = require('node:fs');
const { performance } = require('node:perf_hooks');

const core = require(process.argv[2]);
const text = fs.readFileSync(process.argv[3], 'utf8');
const samples = Number(process.argv[4]) || 60;
const BATCH = 10;
const WARMUP = 5;

const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const jsonOnly = [];
const withMapping = [];
let sink = 0;
for (let s = 0; s < samples + WARMUP; s++) {
  let t = performance.now();
  for (let i = 0; i < BATCH; i++) sink += JSON.parse(text).length;
  const a = (performance.now() - t) / BATCH;
  t = performance.now();
  for (let i = 0; i < BATCH; i++) sink += core.parseDailyPapers(JSON.parse(text)).papers.length;
  const b = (performance.now() - t) / BATCH;
  if (s < WARMUP) continue;
  jsonOnly.push(a);
  withMapping.push(b);
}
if (sink === 0) throw new Error('nothing parsed');
process.stdout.write(
  `${JSON.stringify({ parseMs: median(withMapping), jsonMs: median(jsonOnly), samples, batch: BATCH, bytes: Buffer.byteLength(text) })}\n`,
);
