// @ts-check
/**
 * The floor of start-up: reading and JSON-parsing the cache files the first screen shows,
 * and nothing else. argv = [--async] the files. Prints one JSON line.
 *
 * Plain: readFileSync one after the other, the cheapest way there is (the floor).
 * --async: the same files through fs/promises, all at once, each parsed as it arrives — what
 * an extension that does not block the extension host's thread can do at best. Reported
 * beside the floor so the cost of reading asynchronously is not mistaken for LitFeed's own.
 */
'use strict';

const fs = require('node:fs');
const { performance } = require('node:perf_hooks');

const args = process.argv.slice(2);
const asynchronous = args[0] === '--async';
const files = asynchronous ? args.slice(1) : args;
// The extension host has fs/promises loaded before any extension starts (see vscodeStub.js).
const fsp = asynchronous ? require('node:fs/promises') : undefined;

async function main() {
  const cpu = process.cpuUsage();
  const start = performance.now();
  let papers = 0;
  if (fsp) {
    const days = await Promise.all(files.map((file) => fsp.readFile(file, 'utf8').then((text) => JSON.parse(text))));
    for (const day of days) papers += day.papers.length;
  } else {
    for (const file of files) papers += JSON.parse(fs.readFileSync(file, 'utf8')).papers.length;
  }
  const end = performance.now();
  const used = process.cpuUsage(cpu);
  process.stdout.write(
    `${JSON.stringify({ ms: end - start, cpuMs: (used.user + used.system) / 1000, files: files.length, papers })}\n`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
