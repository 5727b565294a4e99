/**
 * Everything the harness starts or creates is registered here, so it goes away however the
 * run ends: normal completion, a thrown error, a test timeout, Ctrl-C or SIGTERM.
 *
 * Processes are started in their own process group and ended by group (a negative pid);
 * ending only the main pid of code-server leaves its extension host running.
 */
import * as fs from 'fs';

const groups = new Set<number>();
const dirs = new Set<string>();
let hooked = false;

function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Synchronous, so it also works from process.on('exit'). */
export function cleanupNow(): void {
  for (const pid of groups) killGroup(pid, 'SIGKILL');
  groups.clear();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  dirs.clear();
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', cleanupNow);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.on(signal, () => {
      cleanupNow();
      process.exit(code);
    });
  }
}

export function trackProcessGroup(pid: number): void {
  hook();
  groups.add(pid);
}

export function trackDir(dir: string): void {
  hook();
  dirs.add(dir);
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  dirs.delete(dir);
}

/** SIGTERM to the group, SIGKILL after `graceMs` if anything in it is still running. */
export async function stopProcessGroup(pid: number, graceMs = 5000): Promise<void> {
  if (killGroup(pid, 'SIGTERM')) {
    const deadline = Date.now() + graceMs;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) killGroup(pid, 'SIGKILL');
  }
  groups.delete(pid);
}
