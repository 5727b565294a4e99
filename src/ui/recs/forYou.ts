/**
 * The "For you" order's window side (docs/recommendations.md): the model read from global
 * storage, trained again in a worker thread when what the reader keeps has changed, and the
 * scores and reasons the trees ask for. Nothing here leaves the machine.
 */
import type * as vscode from 'vscode';
import { errorMessage } from '../../core/guards';
import type { Paper, SourceId } from '../../core/paper';
import { ModelFileError, decodeModel } from '../../core/recs/modelFile';
import { MIN_POSITIVES } from '../../core/recs/minPositives';
import {
  distinctPositives,
  explain,
  isTrained,
  scorePaper,
  signalSignature,
  type PositiveDoc,
  type RecModel,
} from '../../core/recs/recModel';
import { readModel } from '../../core/recs/trainJob';
import type { Trainer } from '../../core/recs/workerTrain';
import { TimeSlicer } from '../../core/timeSlice';
import type { Ranking, RankReason } from '../feed/paperMarks';
import { Settle } from '../settle';

export interface ForYouDeps {
  /** The global storage folder: the cache's root, and where the model is kept. */
  root: string;
  /** What the reader keeps now: saved papers, papers with notes, papers their documents cite. */
  signals(): Promise<PositiveDoc[]>;
  trainer: Trainer;
  /** Whether the order is in use: nothing is trained for nobody. */
  wanted(): boolean;
  /** The trees draw again (new scores, or the order's state changed). */
  changed(): void;
  /** The papers the views show: scored before the trees are told, a slice at a time. */
  shown(): readonly Paper[];
  log: vscode.LogOutputChannel;
}

/** The feeds whose papers a reader was shown: negatives come from them. */
const SHOWN_SOURCES: SourceId[] = ['hf-daily', 'arxiv'];
/** Papers of the cache trained on at most (the newest). */
const MAX_POOL = 10_000;
/** Saving three papers in a row trains once, after the last. */
const SETTLE_MS = 1500;
/**
 * Scoring a paper the first time costs up to half a millisecond while the code is cold: the
 * shown papers are scored in slices this long before the trees sort by them.
 */
const WARM_SLICE_MS = 10;

export class ForYou implements Ranking, vscode.Disposable {
  private model: RecModel | undefined;
  /** Scores of the papers asked about, by the model in use. */
  private scores = new Map<string, number>();
  private keptCount: number | undefined;
  private readonly settle = new Settle(SETTLE_MS);
  private running: AbortController | undefined;
  /** Another check was asked for while one ran. */
  private again = false;
  private checking: Promise<void> | undefined;
  /** Whether the kept model file was read (once, when the order is first wanted). */
  private read = false;
  private disposed = false;

  constructor(private readonly deps: ForYouDeps) {}

  /** Something the reader keeps may have changed: checked once things are quiet. */
  poke(): void {
    this.settle.run('signals', () => void this.check());
  }

  trained(): boolean {
    return this.model !== undefined && isTrained(this.model);
  }

  /** Kept papers counted at the last check; undefined before the first. */
  kept(): number | undefined {
    return this.keptCount;
  }

  score(paper: Paper): number {
    const model = this.model;
    if (!model || !isTrained(model)) return 0;
    let score = this.scores.get(paper.id);
    if (score === undefined) {
      score = scorePaper(model, paper);
      this.scores.set(paper.id, score);
    }
    return score;
  }

  reason(paper: Paper): RankReason | undefined {
    const model = this.model;
    if (!model || !isTrained(model)) return undefined;
    const { like, words } = explain(model, paper);
    return { ...(like ? { like: like.title } : {}), words };
  }

  /** Checks the signals against the model's, and trains when they differ (or no model is usable). */
  check(): Promise<void> {
    if (this.checking) {
      this.again = true;
      return this.checking;
    }
    this.checking = this.checkNow()
      // Training cut short by closing the window is no news for the log.
      .catch((err) => {
        if (!this.disposed) this.deps.log.warn(`For you: ${errorMessage(err)}`);
      })
      .finally(() => {
        this.checking = undefined;
        if (this.again && !this.disposed) {
          this.again = false;
          void this.check();
        }
      });
    return this.checking;
  }

  dispose(): void {
    this.disposed = true;
    this.settle.dispose();
    this.running?.abort();
  }

  private async checkNow(): Promise<void> {
    if (!this.deps.wanted()) return;
    if (!this.read) {
      this.read = true;
      const kept = await this.readKept();
      if (kept) await this.use(kept);
    }
    const positives = distinctPositives(await this.deps.signals());
    const before = this.keptCount;
    this.keptCount = positives.length;
    const signature = signalSignature(positives);
    if (this.model?.signature === signature) {
      if (before !== this.keptCount) this.deps.changed();
      return;
    }
    if (positives.length < MIN_POSITIVES) {
      // Nothing to learn from yet: the order falls back, and says how many more it needs.
      this.model = undefined;
      this.scores.clear();
      this.deps.changed();
      return;
    }
    this.running = new AbortController();
    const started = Date.now();
    const result = await this.deps.trainer(
      { root: this.deps.root, sources: SHOWN_SOURCES, positives, signature, maxPool: MAX_POOL },
      this.running.signal,
    );
    const model = decodeModel(result.bytes, { verify: false });
    this.deps.log.info(
      `For you: trained on ${positives.length} kept papers and ${model.negatives} of ${result.pool} shown ` +
        `in ${Date.now() - started} ms (worker ${Math.round(result.ms)} ms)`,
    );
    await this.use(model);
    this.deps.changed();
  }

  /** Puts `model` in use once the shown papers are scored by it, a slice at a time. */
  private async use(model: RecModel): Promise<void> {
    const scores = new Map<string, number>();
    if (isTrained(model)) {
      const slicer = new TimeSlicer({ sliceMs: WARM_SLICE_MS });
      for (const paper of this.deps.shown()) {
        if (!scores.has(paper.id)) scores.set(paper.id, scorePaper(model, paper));
        if (slicer.due()) await slicer.yield();
      }
    }
    this.model = model;
    this.scores = scores;
  }

  /** The kept model, or undefined when there is none or it cannot be used (it is then trained again). */
  private async readKept(): Promise<RecModel | undefined> {
    try {
      return await readModel(this.deps.root);
    } catch (err) {
      const why = err instanceof ModelFileError ? err.message : errorMessage(err);
      this.deps.log.warn(`For you: the kept model cannot be used (${why}); it is trained again`);
      return undefined;
    }
  }
}
