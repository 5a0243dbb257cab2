/**
 * Multinomial logistic regression (softmax) on sparse vectors: the smallest model that gives a
 * probability distribution over all four statuses at once (one-vs-rest scores do not add up to 1,
 * so they cannot be calibrated as one). Trained by seeded per-sample AdaGrad with L2, so the same
 * data always gives the same weights; stored as int8 weights (base64) with one scale per model.
 */
import type { SparseVector } from "./features";

export type SoftmaxWeights = {
  classes: number;
  features: number;
  /** Row-major by feature: `w[feature * classes + class]`. */
  w: Float32Array;
  bias: Float32Array;
  /** Divides the logits before the softmax; fitted on held-out folds (1 = uncalibrated). */
  temperature: number;
};

export type TrainOptions = {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Per-class weight of a sample's loss (balances rare statuses for macro-F1); default all 1. */
  classWeights?: number[];
  /** Exponent of the inverse class frequency that `classWeights` are built from (0 = none, 1 = fully balanced). */
  classBalance?: number;
};

/** Chosen by 5-fold cross-validation on the training corpus (40 epochs at 0.2 beat 25 at 0.3 by ~0.01 macro-F1). */
export const DEFAULT_TRAINING: TrainOptions = {
  epochs: 40,
  learningRate: 0.2,
  l2: 1e-5,
  seed: 20261120,
  classBalance: 0.5,
};

/** mulberry32: a tiny seeded generator, so shuffles (and thus models) are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function logits(model: SoftmaxWeights, x: SparseVector): Float64Array {
  const z = Float64Array.from(model.bias);
  const K = model.classes;
  for (let j = 0; j < x.index.length; j++) {
    const base = x.index[j]! * K;
    const v = x.value[j]!;
    for (let k = 0; k < K; k++) z[k]! += model.w[base + k]! * v;
  }
  return z;
}

export function softmax(z: ArrayLike<number>, temperature = 1): number[] {
  const scaled = Array.from(z, (v) => v / temperature);
  const max = Math.max(...scaled);
  const e = scaled.map((v) => Math.exp(v - max));
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);
}

export function predict(model: SoftmaxWeights, x: SparseVector): number[] {
  return softmax(logits(model, x), model.temperature);
}

export function trainSoftmax(
  xs: readonly SparseVector[],
  ys: readonly number[],
  classes: number,
  features: number,
  options: TrainOptions = DEFAULT_TRAINING,
): SoftmaxWeights {
  const K = classes;
  const model: SoftmaxWeights = {
    classes: K,
    features,
    w: new Float32Array(features * K),
    bias: new Float32Array(K),
    temperature: 1,
  };
  const g2 = new Float32Array(features * K);
  const b2 = new Float32Array(K);
  const eps = 1e-8;
  const random = seededRandom(options.seed);
  const order = xs.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const i of shuffled(order, random)) {
      const x = xs[i]!;
      const p = softmax(logits(model, x));
      const weight = options.classWeights?.[ys[i]!] ?? 1;
      for (let k = 0; k < K; k++) {
        const g = weight * (p[k]! - (k === ys[i] ? 1 : 0));
        b2[k]! += g * g;
        model.bias[k]! -= (options.learningRate * g) / Math.sqrt(b2[k]! + eps);
        for (let j = 0; j < x.index.length; j++) {
          const at = x.index[j]! * K + k;
          const grad = g * x.value[j]! + options.l2 * model.w[at]!;
          g2[at]! += grad * grad;
          model.w[at]! -= (options.learningRate * grad) / Math.sqrt(g2[at]! + eps);
        }
      }
    }
  }
  return model;
}

/**
 * The temperature that minimises the log-loss of held-out logits (grid search): the predicted
 * probability of a status then matches how often that status is right.
 */
export function fitTemperature(heldOut: readonly { z: ArrayLike<number>; y: number }[]): number {
  if (heldOut.length === 0) return 1;
  let best = 1,
    bestLoss = Infinity;
  for (let t = 0.25; t <= 5.0001; t += 0.05) {
    const loss = heldOut.reduce((s, { z, y }) => s - Math.log(Math.max(1e-12, softmax(z, t)[y]!)), 0);
    if (loss < bestLoss) [best, bestLoss] = [Math.round(t * 100) / 100, loss];
  }
  return best;
}

/** What a model looks like in the committed JSON file. */
export type PackedSoftmax = {
  classes: number;
  features: number;
  scale: number;
  weights: string;
  bias: number[];
  temperature: number;
};

/** int8 weights (base64) and one scale: a quarter of float32's size, well inside the models' precision needs. */
export function pack(model: SoftmaxWeights): PackedSoftmax {
  const max = model.w.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
  const scale = max / 127;
  const q = Int8Array.from(model.w, (v) => Math.round(v / scale));
  return {
    classes: model.classes,
    features: model.features,
    scale,
    weights: toBase64(new Uint8Array(q.buffer)),
    bias: Array.from(model.bias, (b) => Math.round(b * 1e4) / 1e4),
    temperature: model.temperature,
  };
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The inverse of `pack`; `atob`/`btoa` rather than Node's Buffer, so the model also loads outside Node. */
export function unpack(packed: PackedSoftmax): SoftmaxWeights {
  const bytes = atob(packed.weights);
  const w = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) w[i] = ((bytes.charCodeAt(i) << 24) >> 24) * packed.scale;
  return {
    classes: packed.classes,
    features: packed.features,
    w,
    bias: Float32Array.from(packed.bias),
    temperature: packed.temperature,
  };
}
