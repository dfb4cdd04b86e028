/**
 * Accuracy under attack on a labelled beat set: every beat is replaced by a PGD example
 * against its reference label (radius ε on the beat scaled to [0, 1], as in training), then
 * classified (the final iterate counts). Used for choices on DS1 and for the model card's figures; the thorough
 * evaluation (100-step PGD, SPSA) is scripts/eval-robustness.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { centreWindows } from '../beats/batches';
import type { BeatSet } from '../beats/dataset';
import { BEAT_CLASSES } from '../beats/labels';
import { beatReport, confusionMatrix, type BeatReport } from '../beats/metrics';
import { N_CHANNELS, WINDOW_LEN } from '../beats/preprocess';
import { RR_DIM } from '../beats/rr';
import { mulberry32 } from '../seed';
import type { AttackLoss } from '../probe/loss';
import { pgdPerturb } from '../probe/pgd';
import { beatRadius } from './adversarial';

export interface AttackEvalOptions {
  epsilon: number;
  steps: number;
  /** Beats per attack batch (memory: activations and gradients of this many beats). */
  batch?: number;
  seed?: number;
  /**
   * Attack objective (main/ml/probe/loss.ts); default 'margin', which unlike cross-entropy
   * does not stall on beats whose label probability saturates at 1.
   */
  loss?: AttackLoss;
}

export function adversarialReport(
  model: tf.LayersModel,
  set: BeatSet,
  opts: AttackEvalOptions,
): BeatReport {
  const n = set.labels.length;
  const windows = centreWindows(set);
  const batch = opts.batch ?? 512;
  const pred = new Uint8Array(n);
  for (let start = 0; start < n; start += batch) {
    const m = Math.min(batch, n - start);
    const p = tf.tidy(() => {
      const x = tf.tensor3d(
        windows.subarray(start * WINDOW_LEN * N_CHANNELS, (start + m) * WINDOW_LEN * N_CHANNELS),
        [m, WINDOW_LEN, N_CHANNELS],
      );
      const r = tf.tensor2d(set.rr.subarray(start * RR_DIM, (start + m) * RR_DIM), [m, RR_DIM]);
      const y = tf.tensor1d(set.labels.subarray(start, start + m), 'int32');
      const adv =
        opts.epsilon > 0
          ? pgdPerturb(model, x, r, y, {
              epsilon: beatRadius(x, opts.epsilon),
              steps: opts.steps,
              randomStart: true,
              seed: (opts.seed ?? 1) + start,
              loss: opts.loss ?? 'margin',
            })
          : x;
      return tf.argMax(model.predict([adv, r]) as tf.Tensor2D, 1).dataSync();
    });
    pred.set(p, start);
  }
  return beatReport(confusionMatrix(set.labels, pred, BEAT_CLASSES.length));
}

/** A seeded uniform random subset of `size` beats (all of them if the set is smaller). */
export function subsample(set: BeatSet, size: number, seed: number): BeatSet {
  const n = set.labels.length;
  if (size >= n) return set;
  const rand = mulberry32(seed);
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  const keep = idx.slice(0, size).sort((a, b) => a - b);
  const w = set.windowLen * N_CHANNELS;
  const windows = new Float32Array(size * w);
  const rr = new Float32Array(size * RR_DIM);
  keep.forEach((i, k) => {
    windows.set(set.windows.subarray(i * w, (i + 1) * w), k * w);
    rr.set(set.rr.subarray(i * RR_DIM, (i + 1) * RR_DIM), k * RR_DIM);
  });
  return {
    windowLen: set.windowLen,
    margin: set.margin,
    windows,
    rr,
    labels: Uint8Array.from(keep, (i) => set.labels[i]),
    records: keep.map((i) => set.records[i]),
    samples: Int32Array.from(keep, (i) => set.samples[i]),
  };
}
