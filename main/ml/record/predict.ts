/**
 * Inference: batched sigmoid outputs for prepared windows, and whole recordings through the
 * shared preprocessing. Every tensor is created and freed inside tf.tidy. Call initBackend()
 * (main/ml/runtime) once before use.
 *
 * Aggregation over the windows of a long recording: the maximum probability for every code
 * except NORM, which takes the minimum. A finding seen in any 10-s strip is a finding of the
 * recording (as a reader would report a paroxysm), and a recording is normal only if every
 * strip is. Thresholds were chosen on single 10-s records, so over many windows the maximum
 * calls a little more than it would on one.
 */
import * as tf from '@tensorflow/tfjs';
import type { ParsedRecording } from '../../formats/types';
import {
  amplitudeFeature,
  copyWindow,
  N_LEADS,
  prepareRecording,
  WINDOW_LEN,
  windowStarts,
} from './preprocess';

/** Windows per predict call: amortises per-op overhead, ~3 MB of input. */
const BATCH = 64;

/** Sigmoid outputs [n][codes] for n windows [n][WINDOW_LEN][N_LEADS] and their amplitude features. */
export function predictWindows(
  model: tf.LayersModel,
  windows: Float32Array,
  amplitude: Float32Array,
  n: number,
): Float32Array {
  const size = WINDOW_LEN * N_LEADS;
  if (windows.length !== n * size || amplitude.length !== n)
    throw new RangeError('windows/amplitude do not match n');
  const k = model.outputs[0].shape[1] as number;
  const out = new Float32Array(n * k);
  for (let start = 0; start < n; start += BATCH) {
    const m = Math.min(BATCH, n - start);
    const part = tf.tidy(() => {
      const x = tf.tensor3d(windows.subarray(start * size, (start + m) * size), [
        m,
        WINDOW_LEN,
        N_LEADS,
      ]);
      const a = tf.tensor2d(amplitude.subarray(start, start + m), [m, 1]);
      return (model.predict([x, a]) as tf.Tensor).dataSync();
    });
    out.set(part, start * k);
  }
  return out;
}

/** Max over windows, except min for NORM (see the module comment). */
export function aggregateWindows(
  probs: Float32Array,
  nWindows: number,
  labels: readonly string[],
): Float32Array {
  const k = labels.length;
  const out = new Float32Array(k);
  for (let c = 0; c < k; c++) {
    const useMin = labels[c] === 'NORM';
    let v = probs[c];
    for (let w = 1; w < nWindows; w++) {
      const p = probs[w * k + c];
      v = useMin ? Math.min(v, p) : Math.max(v, p);
    }
    out[c] = v;
  }
  return out;
}

export interface RecordPrediction {
  /** One probability per label, aggregated over windows. */
  probs: Float32Array;
  windows: number;
  leadsUsed: string[];
}

/** Throws MissingLeadsError / RecordingTooShortError from preprocessing. */
export function predictRecording(
  model: tf.LayersModel,
  labels: readonly string[],
  rec: ParsedRecording,
): RecordPrediction {
  const prep = prepareRecording(rec);
  const starts = windowStarts(prep.length);
  const size = WINDOW_LEN * N_LEADS;
  const windows = new Float32Array(starts.length * size);
  starts.forEach((s, i) => copyWindow(prep, s, windows, i * size));
  const amplitude = new Float32Array(starts.length).fill(amplitudeFeature(prep.scaleMv));
  const probs = predictWindows(model, windows, amplitude, starts.length);
  return {
    probs: aggregateWindows(probs, starts.length, labels),
    windows: starts.length,
    leadsUsed: prep.leadsUsed,
  };
}
