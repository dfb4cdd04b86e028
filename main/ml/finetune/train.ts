/**
 * Transfer learning on a site's corrected beats: the early conv layers stay frozen (they
 * detect generic waveform shapes learnt from MIT-BIH), the later layers adapt at a low
 * learning rate, for a few epochs, with a weighted cross-entropy (see weights.ts). Seeded:
 * beat order, dropout masks (via Math.random, see ../seed.ts) and the cap's subsample.
 */
import * as tf from '@tensorflow/tfjs';
import { BEAT_CLASSES } from '../beats/labels';
import { N_CHANNELS, WINDOW_LEN } from '../beats/preprocess';
import { RR_DIM } from '../beats/rr';
import { mulberry32, seedMathRandom } from '../seed';

export interface FinetuneTrainOptions {
  seed: number;
  epochs: number;
  learningRate: number;
  batchSize: number;
  /** Layer names kept fixed. */
  freeze: string[];
  /** At most this many beats per epoch (a seeded subsample); all when absent. */
  maxBeats?: number;
}

export const DEFAULT_FINETUNE: FinetuneTrainOptions = {
  seed: 20261121,
  epochs: 3,
  learningRate: 1e-4,
  batchSize: 128,
  freeze: ['conv1', 'conv2'],
  maxBeats: 20_000,
};

export interface TuneSet {
  windows: Float32Array;
  rr: Float32Array;
  labels: Uint8Array;
  weights: Float32Array;
}

export interface FinetuneTrainResult {
  epochs: number;
  beats: number;
  finalLoss: number;
  samplesPerSec: number;
  seconds: number;
  frozenLayers: string[];
}

/** Marks the named layers as not trainable; throws when one does not exist. */
export function freezeLayers(model: tf.LayersModel, names: readonly string[]): void {
  for (const name of names) model.getLayer(name).trainable = false;
}

export async function finetuneModel(
  model: tf.LayersModel,
  set: TuneSet,
  opts: FinetuneTrainOptions,
  onProgress: (fraction: number, message: string) => void = () => undefined,
): Promise<FinetuneTrainResult> {
  freezeLayers(model, opts.freeze);
  const rand = mulberry32(opts.seed);
  const n = set.labels.length;
  const perEpoch = Math.min(n, opts.maxBeats ?? n);
  const steps = Math.ceil(perEpoch / opts.batchSize);
  const optimizer = tf.train.adam(opts.learningRate);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const restore = seedMathRandom(opts.seed);
  let seconds = 0;
  let lastLoss = NaN;
  try {
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      const order = shuffled(n, rand).subarray(0, perEpoch);
      let lossSum = 0;
      for (let s = 0; s < steps; s++) {
        const idx = order.subarray(s * opts.batchSize, (s + 1) * opts.batchSize);
        const t0 = performance.now();
        lossSum += step(model, optimizer, vars, gather(set, idx));
        seconds += (performance.now() - t0) / 1000;
        onProgress(
          ((epoch - 1) * steps + s + 1) / (opts.epochs * steps),
          `epoch ${epoch}/${opts.epochs}`,
        );
        // Let the worker see messages (and the thread be terminated) between steps.
        if (s % 8 === 7) await new Promise((r) => setImmediate(r));
      }
      lastLoss = lossSum / steps;
    }
  } finally {
    restore();
    optimizer.dispose();
  }
  return {
    epochs: opts.epochs,
    beats: perEpoch,
    finalLoss: lastLoss,
    samplesPerSec: (opts.epochs * perEpoch) / Math.max(seconds, 1e-9),
    seconds,
    frozenLayers: [...opts.freeze],
  };
}

function shuffled(n: number, rand: () => number): Int32Array {
  const a = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

function gather(set: TuneSet, idx: Int32Array): TuneSet {
  const w = WINDOW_LEN * N_CHANNELS;
  const out: TuneSet = {
    windows: new Float32Array(idx.length * w),
    rr: new Float32Array(idx.length * RR_DIM),
    labels: new Uint8Array(idx.length),
    weights: new Float32Array(idx.length),
  };
  idx.forEach((i, k) => {
    out.windows.set(set.windows.subarray(i * w, (i + 1) * w), k * w);
    out.rr.set(set.rr.subarray(i * RR_DIM, (i + 1) * RR_DIM), k * RR_DIM);
    out.labels[k] = set.labels[i];
    out.weights[k] = set.weights[i];
  });
  return out;
}

/** One Adam step on the weighted cross-entropy; returns the batch loss. */
function step(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  vars: tf.Variable[],
  b: TuneSet,
): number {
  const n = b.labels.length;
  const loss = tf.tidy(() => {
    const x = tf.tensor3d(b.windows, [n, WINDOW_LEN, N_CHANNELS]);
    const r = tf.tensor2d(b.rr, [n, RR_DIM]);
    const y = tf.oneHot(tf.tensor1d(b.labels, 'int32'), BEAT_CLASSES.length);
    const w = tf.tensor1d(b.weights);
    return optimizer.minimize(
      () => {
        const p = (model.apply([x, r], { training: true }) as tf.Tensor).clipByValue(1e-7, 1);
        const ce = tf.neg(tf.sum(tf.mul(y, tf.log(p)), 1));
        return tf.div(tf.sum(tf.mul(ce, w)), tf.sum(w)) as tf.Scalar;
      },
      true,
      vars,
    ) as tf.Scalar;
  });
  const value = loss.dataSync()[0];
  loss.dispose();
  return value;
}
