/**
 * The "For you" model (docs/recommendations.md): TF-IDF over a paper's words and word pairs,
 * a linear model trained on the papers a reader kept (saved, cited, noted) against papers
 * they were shown and passed over, and what it needs to say why it ranks a paper high.
 */
import { hashText } from '../checksum';
import type { Paper } from '../paper';
import { foldText } from '../search/textMatch';
import { FEATURE_COUNT, cosine, countCorpus, termCounts, weigh, type FeatureText, type SparseVector } from './features';
import { dot, fitLogistic, type Sample } from './linearModel';
import { seededRandom } from '../seededRandom';
import { MIN_POSITIVES } from './minPositives';

/** Raised whenever the features or the file change; a model of another version is trained again. */
export const MODEL_VERSION = 1;
/** Kept papers trained on at most, the first given first (a 10,000-entry .bib is not 10,000 signals). */
export const MAX_POSITIVES = 2000;
/** Papers passed over trained on: at least this many, more for many positives, never more than the cap. */
const MIN_NEGATIVES = 1000;
const NEGATIVES_PER_POSITIVE = 20;
const MAX_NEGATIVES = 4000;
/** A bucket in more than this share of the papers says nothing about any of them. */
const MAX_DF_SHARE = 0.5;

export type SignalKind = 'saved' | 'cited' | 'notes';

/** A paper the reader kept, and how. */
export interface PositiveDoc extends FeatureText {
  id: string;
  arxivId?: string;
  kind: SignalKind;
}

/** A paper of the library (shown in a feed), as training reads it. */
export interface PoolDoc extends FeatureText {
  id: string;
  arxivId?: string;
}

/** Only the fields the model reads: what is handed to the worker thread (copied) or kept in its pool. */
export function poolDoc(paper: Paper): PoolDoc {
  return {
    id: paper.id,
    ...(paper.arxivId ? { arxivId: paper.arxivId } : {}),
    title: paper.title,
    abstract: paper.abstract,
    aiKeywords: paper.aiKeywords,
  };
}

export interface ModelPositive {
  id: string;
  title: string;
  kind: SignalKind;
  vector: SparseVector;
}

export interface RecModel {
  version: number;
  trainedAt: string;
  /** What the model was trained from (`signalSignature`): a different one means training again. */
  signature: string;
  /** Papers the document frequencies were counted over. */
  documents: number;
  negatives: number;
  idf: Float32Array;
  weights: Float32Array;
  bias: number;
  positives: ModelPositive[];
}

export interface TrainInput {
  pool: readonly PoolDoc[];
  positives: readonly PositiveDoc[];
  signature: string;
  seed?: number;
  now?: Date;
}

/** The one identity of a paper across sources: its arXiv id, else its id, and its title folded. */
function identities(doc: { id: string; arxivId?: string; title: string }): string[] {
  const keys = [`id:${doc.id}`];
  if (doc.arxivId) keys.push(`arxiv:${doc.arxivId}`);
  const title = foldText(doc.title)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (title.length >= 12) keys.push(`title:${title}`);
  return keys;
}

/** The kept papers, each once (a paper both saved and cited counts once, as it was first given). */
export function distinctPositives(docs: readonly PositiveDoc[], max = MAX_POSITIVES): PositiveDoc[] {
  const seen = new Set<string>();
  const kept: PositiveDoc[] = [];
  for (const doc of docs) {
    const keys = identities(doc);
    if (keys.some((k) => seen.has(k))) continue;
    for (const k of keys) seen.add(k);
    kept.push(doc);
    if (kept.length >= max) break;
  }
  return kept;
}

/**
 * A stable name for a set of signals: the model is trained again when it changes. Order does
 * not matter; what a paper was kept as does.
 */
export function signalSignature(docs: readonly PositiveDoc[]): string {
  const parts = docs.map((d) => `${d.kind}:${d.arxivId ?? d.id}`).sort();
  return `${parts.length}-${hashText(parts.join('\n')).toString(16)}`;
}

/** Inverse document frequencies over `n` papers: smooth, 0 for buckets too rare (one paper) or too common. */
export function inverseFrequencies(documentFrequency: Uint32Array, n: number): Float32Array {
  // In a small library every word is rare: only there do words of one paper count.
  const minDf = n >= 200 ? 2 : 1;
  const maxDf = n >= 20 ? MAX_DF_SHARE * n : n;
  const idf = new Float32Array(FEATURE_COUNT);
  for (let b = 0; b < FEATURE_COUNT; b++) {
    const d = documentFrequency[b];
    if (d >= minDf && d <= maxDf) idf[b] = Math.log((1 + n) / (1 + d)) + 1;
  }
  return idf;
}

/**
 * Trains the model. The document frequencies are counted over the pool and the kept papers;
 * negatives are a seeded sample of the pool's papers that were not kept.
 */
export function trainModel(input: TrainInput): RecModel {
  const positives = distinctPositives(input.positives);
  const kept = new Set(positives.flatMap(identities));
  const passed = input.pool.filter((doc) => !identities(doc).some((k) => kept.has(k)));
  const random = seededRandom(input.seed ?? 1);
  const wanted = Math.min(MAX_NEGATIVES, Math.max(MIN_NEGATIVES, NEGATIVES_PER_POSITIVE * positives.length));
  const picked = sample(passed.length, wanted, random);
  const { documentFrequency, kept: counted } = countCorpus(
    [...positives, ...passed],
    [...positives.keys(), ...picked.map((i) => positives.length + i)],
  );
  const idf = inverseFrequencies(documentFrequency, positives.length + passed.length);
  const samples: Sample[] = counted.map((terms, i) => ({
    vector: weigh(terms, idf),
    label: i < positives.length ? 1 : 0,
  }));
  const { weights, bias } =
    positives.length >= MIN_POSITIVES
      ? fitLogistic(samples, FEATURE_COUNT, { seed: input.seed ?? 1 })
      : { weights: new Float32Array(FEATURE_COUNT), bias: 0 };
  return {
    version: MODEL_VERSION,
    trainedAt: (input.now ?? new Date()).toISOString(),
    signature: input.signature,
    documents: positives.length + passed.length,
    negatives: picked.length,
    idf,
    weights,
    bias,
    positives: positives.map((doc, i) => ({
      id: doc.id,
      title: doc.title,
      kind: doc.kind,
      vector: samples[i].vector,
    })),
  };
}

/** `count` distinct indices below `n` (all of them when there are fewer), a partial shuffle. */
function sample(n: number, count: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  const take = Math.min(n, count);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (n - i));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order.slice(0, take).sort((a, b) => a - b);
}

/** Whether the model learned anything: with fewer kept papers the order falls back. */
export function isTrained(model: RecModel): boolean {
  return model.positives.length >= MIN_POSITIVES;
}

/** The model's score of a paper: higher is more like what the reader keeps. */
export function scorePaper(model: RecModel, paper: FeatureText): number {
  return dot(model.weights, weigh(termCounts(paper), model.idf)) + model.bias;
}

/** Why a paper scored: the kept paper it is most like, and its words that weighed most. */
export interface Reason {
  like?: { id: string; title: string; kind: SignalKind; similarity: number };
  words: string[];
}

/** Below this cosine, no kept paper is "like" the paper in any sense a reader would see. */
const MIN_LIKE = 0.05;
const REASON_WORDS = 3;

export function explain(model: RecModel, paper: FeatureText & { id?: string }): Reason {
  const names = new Map<number, string>();
  const vector = weigh(termCounts(paper, names), model.idf);
  const scored: { word: string; weight: number }[] = [];
  for (let i = 0; i < vector.index.length; i++) {
    const weight = model.weights[vector.index[i]] * vector.value[i];
    if (weight > 0) scored.push({ word: names.get(vector.index[i]) ?? '', weight });
  }
  scored.sort((a, b) => b.weight - a.weight);
  const words: string[] = [];
  for (const { word } of scored) {
    // A pair says more than its words alone; a word already inside a chosen pair says nothing new.
    if (!word || words.some((w) => w === word || w.split(' ').includes(word))) continue;
    words.push(word);
    if (words.length >= REASON_WORDS) break;
  }
  let like: Reason['like'];
  for (const positive of model.positives) {
    if (paper.id !== undefined && positive.id === paper.id) continue;
    const similarity = cosine(vector, positive.vector);
    if (similarity >= MIN_LIKE && (!like || similarity > like.similarity)) {
      like = { id: positive.id, title: positive.title, kind: positive.kind, similarity };
    }
  }
  return like ? { like, words } : { words };
}
