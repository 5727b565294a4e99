/**
 * A child process for the store's crash tests, run as
 *   node storeWriter.js write <root> <source> <papers> <day>=<firstSeq> ...
 * to write ever newer versions of some large days, all at once as a refresh does, until it
 * is killed, or as
 *   node storeWriter.js read <root> <source> <day>
 * to print one `readDay` result as JSON (used to read as an unprivileged user).
 * The versions are a pure function of their sequence number, so the parent can tell a
 * complete version from a torn one.
 *
 * A writer prints `ready <ms>` once every day has been written twice, <ms> being the
 * slowest second write: a cold process is slow, and the parent needs the steady pace to
 * aim its kills at random points of the write cycle rather than at start-up.
 */
import { FeedStore, type CachedDay } from '../../../src/core/feed/store';
import type { Paper, SourceId } from '../../../src/core/paper';

const FILLER = 'We study attention over long contexts and report results on many benchmarks. ';

/**
 * Version `seq` of a day: `papers` records with abstracts of about 150 kB, so that writing
 * the file, not building it, takes most of a writer's time and kills land mid-write.
 */
export function largeDay(source: SourceId, day: string, seq: number, papers: number): CachedDay {
  const list: Paper[] = [];
  for (let i = 0; i < papers; i++) {
    list.push({
      id: `v${seq}-p${i}`,
      title: `Version ${seq}, paper ${i}`,
      authors: [`Author ${seq}`, `Coauthor ${i}`],
      abstract: `${seq}:${i} ${FILLER.repeat(2000)}`,
      aiKeywords: ['attention', `seq-${seq}`],
      links: { huggingFace: `https://huggingface.co/papers/v${seq}-p${i}` },
      upvotes: (seq * 31 + i) % 500,
      source,
    });
  }
  return { source, day, fetchedAt: new Date(Date.UTC(2024, 0, 1) + seq * 1000).toISOString(), papers: list };
}

/** The sequence number a version was written with, from its fetchedAt. */
export function seqOf(day: CachedDay): number {
  return (Date.parse(day.fetchedAt) - Date.UTC(2024, 0, 1)) / 1000;
}

async function main(argv: string[]): Promise<void> {
  const [mode, root, source, ...rest] = argv;
  const store = new FeedStore(root);
  if (mode === 'read') {
    process.stdout.write(JSON.stringify(await store.readDay(source as SourceId, rest[0])));
    return;
  }
  if (mode !== 'write') throw new Error(`unknown mode ${mode}`);
  const papers = Number(rest[0]);
  const jobs = rest.slice(1).map((arg) => {
    const [day, first] = arg.split('=');
    return { day, seq: Number(first) };
  });
  const paces: number[] = [];
  const reportWhenSteady = () => {
    if (paces.length === jobs.length) process.stdout.write(`ready ${Math.ceil(Math.max(...paces))}\n`);
  };
  await Promise.all(
    jobs.map(async (job) => {
      for (let n = 0; ; n++) {
        const started = performance.now();
        await store.writeDay(largeDay(source as SourceId, job.day, job.seq, papers));
        job.seq++;
        if (n === 1) {
          paces.push(performance.now() - started);
          reportWhenSteady();
        }
      }
    }),
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
