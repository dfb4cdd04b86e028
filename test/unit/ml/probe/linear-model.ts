/**
 * A hand-made two-class model with the beat model's inputs whose flip ε is known in closed form
 * (test helper). p = softmax([0, z]) with z = Σ_i ½(x_i0 + x_i1) + BIAS (RR ignored): a shared
 * δ moves z by Σ δ_i, at most 144·r inside an L∞ ball of radius r, so the label flips exactly
 * when r ≥ |z| / 144. A beat whose channel 0 rises linearly from 0 to `a` (channel 1 zero) has
 * z = 72a·½ + BIAS, range a, and flip ε = |z| / (144·a).
 */
import * as tf from '@tensorflow/tfjs';
import type { BeatModel } from '../../../../main/ml/beats/classify';
import { INPUT_CONTRACT, type SavedBeatConfig } from '../../../../main/ml/beats/model';
import { N_CHANNELS, WINDOW_LEN } from '../../../../main/ml/beats/preprocess';
import { RR_DIM } from '../../../../main/ml/beats/rr';

const BIAS = -86.4;

export function linearModel(): tf.LayersModel {
  const beat = tf.input({ shape: [WINDOW_LEN, N_CHANNELS], name: 'beat' });
  const rr = tf.input({ shape: [RR_DIM], name: 'rr' });
  const flat = tf.layers.flatten().apply(beat) as tf.SymbolicTensor;
  const joined = tf.layers.concatenate().apply([flat, rr]) as tf.SymbolicTensor;
  const dense = tf.layers.dense({ units: 2, activation: 'softmax' });
  const out = dense.apply(joined) as tf.SymbolicTensor;
  const model = tf.model({ inputs: [beat, rr], outputs: out });
  const rows = WINDOW_LEN * N_CHANNELS + RR_DIM;
  const kernel = new Float32Array(rows * 2);
  for (let i = 0; i < WINDOW_LEN * N_CHANNELS; i++) kernel[i * 2 + 1] = 0.5;
  tf.tidy(() => dense.setWeights([tf.tensor2d(kernel, [rows, 2]), tf.tensor1d([0, BIAS])]));
  return model;
}

export function asBeatModel(model: tf.LayersModel): BeatModel {
  const config: SavedBeatConfig = {
    version: 1,
    labels: ['N', 'S'],
    input: INPUT_CONTRACT,
    model: {
      convFilters: [4],
      kernelSizes: [3],
      denseUnits: 8,
      rrUnits: 4,
      headUnits: 8,
      dropout: 0,
      morphDropout: 0,
    },
  };
  return { model, labels: ['N', 'S'], config };
}

/** Ramps 0 → a[k] on channel 0 (channel 1 zero) and RR rows of ones. */
export function rampBeats(amplitudes: number[]): {
  n: number;
  len: number;
  channels: number;
  rrDim: number;
  windows: Float32Array;
  rr: Float32Array;
} {
  const n = amplitudes.length;
  const windows = new Float32Array(n * WINDOW_LEN * N_CHANNELS);
  amplitudes.forEach((a, k) => {
    for (let i = 0; i < WINDOW_LEN; i++)
      windows[(k * WINDOW_LEN + i) * N_CHANNELS] = (a * i) / (WINDOW_LEN - 1);
  });
  return {
    n,
    len: WINDOW_LEN,
    channels: N_CHANNELS,
    rrDim: RR_DIM,
    windows,
    rr: new Float32Array(n * RR_DIM).fill(1),
  };
}

/** Analytic flip ε of a ramp of amplitude a (Infinity when flat). */
export function analyticFlipEpsilon(a: number): number {
  const z = 36 * a + BIAS;
  return a > 0 ? Math.abs(z) / (WINDOW_LEN * a) : Infinity;
}

/** Label of a ramp: 1 when z > 0. */
export function analyticLabel(a: number): number {
  return 36 * a + BIAS > 0 ? 1 : 0;
}

/**
 * The NSR variant's analytic flip ε of a ramp of amplitude a: inside ‖δ‖₂ ≤ r the shared δ moves
 * z by at most r·√144 = 12r, so r = |z| / 12, and ε = r / ‖ramp‖₂.
 */
export function analyticFlipNsr(a: number): number {
  return a > 0 ? Math.abs(36 * a + BIAS) / Math.sqrt(WINDOW_LEN) / rampNorm(a) : Infinity;
}

/** ‖channel 0‖₂ of a ramp 0 → a. */
export function rampNorm(a: number): number {
  let sq = 0;
  for (let i = 0; i < WINDOW_LEN; i++) sq += ((a * i) / (WINDOW_LEN - 1)) ** 2;
  return Math.sqrt(sq);
}
