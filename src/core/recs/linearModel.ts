/**
 * L2-regularised logistic regression over sparse vectors, fitted by stochastic gradient
 * descent. Why not a library: the model is a weight per bucket and a bias, and fitting it is
 * one loop; the well-kept JavaScript ML libraries are dense (a 262,144-wide dense matrix per
 * paper is out of the question) or bring a WebAssembly build of liblinear for what is here
 * sixty lines. Why logistic regression rather than arxiv-sanity-lite's linear SVM: the two
 * rank alike on this kind of data (docs/recommendations.md), and a logistic loss has a
 * gradient everywhere, so plain SGD converges without the SVM's step-size care.
 */
import type { SparseVector } from './features';
import { seededRandom } from '../seededRandom';

export interface Sample {
  vector: SparseVector;
  /** 1 for a paper the reader kept, 0 for one they were shown and passed over. */
  label: 0 | 1;
}

export interface FitOptions {
  epochs?: number;
  /** Strength of the L2 penalty. */
  lambda?: number;
  /** Seed of the shuffles, so that the same signals give the same model. */
  seed?: number;
}

export interface LinearModel {
  weights: Float32Array;
  bias: number;
}

/**
 * Fits weights over `dimensions` buckets. Both classes weigh alike in total (a reader keeps a
 * few dozen papers among thousands shown): each sample counts `n / (2 · its class's size)`.
 */
export function fitLogistic(samples: readonly Sample[], dimensions: number, options: FitOptions = {}): LinearModel {
  const { epochs = 12, lambda = 1e-4, seed = 1 } = options;
  const weights = new Float32Array(dimensions);
  const positives = samples.filter((s) => s.label === 1).length;
  const negatives = samples.length - positives;
  if (positives === 0 || negatives === 0) return { weights, bias: positives > 0 ? 1 : -1 };
  const classWeight = [samples.length / (2 * negatives), samples.length / (2 * positives)];
  const random = seededRandom(seed);
  const order = Uint32Array.from(samples.keys());
  // The weights are `scale · weights`: the penalty shrinks every weight each step, which the
  // scale does in one multiplication instead of a pass over all buckets.
  let scale = 1;
  let bias = 0;
  let step = 0;
  const eta0 = 0.5;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (const k of order) {
      const { vector, label } = samples[k];
      const eta = eta0 / (1 + eta0 * lambda * step++);
      let margin = 0;
      for (let i = 0; i < vector.index.length; i++) margin += weights[vector.index[i]] * vector.value[i];
      margin = margin * scale + bias;
      const gradient = (sigmoid(margin) - label) * classWeight[label];
      scale *= 1 - eta * lambda;
      if (scale < 1e-6) {
        for (let i = 0; i < weights.length; i++) weights[i] *= scale;
        scale = 1;
      }
      const update = (eta * gradient) / scale;
      for (let i = 0; i < vector.index.length; i++) weights[vector.index[i]] -= update * vector.value[i];
      bias -= eta * gradient * 0.1;
    }
  }
  if (scale !== 1) for (let i = 0; i < weights.length; i++) weights[i] *= scale;
  return { weights, bias };
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

export function dot(weights: Float32Array, vector: SparseVector): number {
  let sum = 0;
  for (let i = 0; i < vector.index.length; i++) sum += weights[vector.index[i]] * vector.value[i];
  return sum;
}
