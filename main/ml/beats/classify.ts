/**
 * Beat classification at given beat positions (reference annotations or a detector's output).
 * Call initBackend() (main/ml/runtime) once before use.
 */
import * as tf from '@tensorflow/tfjs';
import { loadBeatModelDir, type LoadedBeatModel } from './model';
import { conditionLead, extractWindows, N_CHANNELS, toBeatRate, WINDOW_LEN } from './preprocess';
import { RR_DIM, rrFeatures } from './rr';

export type BeatModel = LoadedBeatModel;

export interface BeatResult {
  label: string;
  confidence: number;
  probs: Float32Array;
}

/** Beats per predict call: large enough to amortise per-op overhead, small in memory (~1 MB). */
const BATCH = 1024;

export function loadBeatModel(dir: string): Promise<BeatModel> {
  return loadBeatModelDir(dir);
}

/**
 * Classifies the beats of one lead (ideally MLII or a lead like it). `signal` is in physical
 * units at `fsHz`; `beatSamples` are sorted sample indices of every beat in the recording
 * (RR features and the amplitude scale use them all).
 */
export function classifyBeats(
  model: BeatModel,
  signal: Float32Array,
  fsHz: number,
  beatSamples: Int32Array,
): BeatResult[] {
  if (beatSamples.length === 0) return [];
  for (let i = 1; i < beatSamples.length; i++)
    if (beatSamples[i] < beatSamples[i - 1])
      throw new RangeError('beatSamples must be sorted ascending');
  const x = conditionLead(signal, fsHz);
  const windows = extractWindows(x, toBeatRate(beatSamples, fsHz));
  const rr = rrFeatures(beatSamples, fsHz);
  const probs = predictProbs(model.model, windows, rr, beatSamples.length);
  const k = model.labels.length;
  return Array.from({ length: beatSamples.length }, (_, i) => {
    const p = probs.slice(i * k, (i + 1) * k);
    let best = 0;
    for (let c = 1; c < k; c++) if (p[c] > p[best]) best = c;
    return { label: model.labels[best], confidence: p[best], probs: p };
  });
}

/**
 * Softmax outputs [n][classes] for windows of exactly WINDOW_LEN × N_CHANNELS and RR rows,
 * batched; every tensor is created and freed inside tf.tidy.
 */
export function predictProbs(
  model: tf.LayersModel,
  windows: Float32Array,
  rr: Float32Array,
  n: number,
): Float32Array {
  if (windows.length !== n * WINDOW_LEN * N_CHANNELS || rr.length !== n * RR_DIM)
    throw new RangeError('windows/rr do not match n');
  const k = model.outputs[0].shape[1] as number;
  const out = new Float32Array(n * k);
  for (let start = 0; start < n; start += BATCH) {
    const m = Math.min(BATCH, n - start);
    const part = tf.tidy(() => {
      const xb = tf.tensor3d(
        windows.subarray(start * WINDOW_LEN * N_CHANNELS, (start + m) * WINDOW_LEN * N_CHANNELS),
        [m, WINDOW_LEN, N_CHANNELS],
      );
      const rb = tf.tensor2d(rr.subarray(start * RR_DIM, (start + m) * RR_DIM), [m, RR_DIM]);
      // One batch per chunk: tfjs would otherwise slice it into batches of 32, slow on wasm.
      return (model.predict([xb, rb], { batchSize: BATCH }) as tf.Tensor).dataSync();
    });
    out.set(part, start * k);
  }
  return out;
}

export function argmaxRows(probs: Float32Array, k: number): Uint8Array {
  const n = probs.length / k;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (probs[i * k + c] > probs[i * k + best]) best = c;
    out[i] = best;
  }
  return out;
}
