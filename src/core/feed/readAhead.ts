/**
 * Results of a list of async jobs, handed out in the list's order while a few of the next
 * jobs already run: the disk stays busy, yet only a few results (and their parses) can land
 * in the same turn of the event loop, as they would with every job started at once.
 */
export async function* inOrderReadingAhead<T>(
  count: number,
  start: (i: number) => Promise<T>,
  ahead: number,
): AsyncGenerator<T> {
  const pending: Promise<T>[] = [];
  let next = 0;
  for (let i = 0; i < count; i++) {
    while (next < count && pending.length < ahead) {
      const job = start(next++);
      // A job that fails must reach the caller when its turn comes, not crash the process
      // as an unhandled rejection while an earlier one is being awaited.
      job.catch(() => undefined);
      pending.push(job);
    }
    yield await (pending.shift() as Promise<T>);
  }
}
