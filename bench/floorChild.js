// @ts-check
/**
 * The floor of start-up: reading and JSON-parsing the cache files the first screen shows,
 * and nothing else. argv = the files. Prints one JSON line.
 */
'use strict';

const fs = require('node:fs');
const { performance } = require('node:perf_hooks');

const files = process.argv.slice(2);
const cpu = process.cpuUsage();
const start = performance.now();
let papers = 0;
for (const file of files) papers += JSON.parse(fs.readFileSync(file, 'utf8')).papers.length;
const end = performance.now();
const used = process.cpuUsage(cpu);
process.stdout.write(`${JSON.stringify({ ms: end - start, cpuMs: (used.user + used.system) / 1000, files: files.length, papers })}\n`);
