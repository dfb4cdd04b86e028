/**
 * Inference speed of several beat models measured in one run, so they share the machine's
 * state (the CPU here is shared with other jobs; comparing numbers from separate runs would
 * compare the load, not the models). Rounds are interleaved (A B C, A B C, ...) and the median
 * round is reported, which shrugs off a burst of load in one round.
 *
 * Two figures per model, on the same random inputs (speed does not depend on values):
 * - app: predictProbs (main/ml/beats/classify.ts), the path the app uses: chunks of 1024, one
 *   predict batch each, tensors built and read back per chunk.
 * - forward: one model.predict per 1024 beats with batchSize 1024 on tensors made once, i.e.
 *   the network's own cost.
 */
import * as tf from '@tensorflow/tfjs';
import { predictProbs } from '../beats/classify';
import { N_CHANNELS, WINDOW_LEN } from '../beats/preprocess';
import { RR_DIM } from '../beats/rr';
import { mulberry32 } from '../seed';
import { median } from '../../dsp/median';

const CHUNK = 1024;

export interface SpeedOptions {
  /** Beats per timed round (rounded up to whole chunks of 1024). */
  beats: number;
  rounds: number;
}

export interface ModelSpeed {
  name: string;
  /** Median over rounds, beats per second. */
  appBeatsPerSec: number;
  forwardBeatsPerSec: number;
}

export function compareInferenceSpeed(
  models: { name: string; model: tf.LayersModel }[],
  opts: SpeedOptions = { beats: 8192, rounds: 7 },
): ModelSpeed[] {
  const n = Math.max(1, Math.ceil(opts.beats / CHUNK)) * CHUNK;
  const rand = mulberry32(11);
  const windows = Float32Array.from({ length: n * WINDOW_LEN * N_CHANNELS }, () => rand() - 0.5);
  const rr = Float32Array.from({ length: n * RR_DIM }, () => 0.5 + rand());
  const app = models.map(() => [] as number[]);
  const forward = models.map(() => [] as number[]);
  for (const { model } of models) {
    // Warm-up: XNNPACK operators are created on first use.
    predictProbs(
      model,
      windows.subarray(0, CHUNK * WINDOW_LEN * N_CHANNELS),
      rr.subarray(0, CHUNK * RR_DIM),
      CHUNK,
    );
    forwardAll(model, windows, rr, CHUNK);
  }
  for (let round = 0; round < opts.rounds; round++)
    models.forEach(({ model }, i) => {
      app[i].push(timed(() => predictProbs(model, windows, rr, n)));
      forward[i].push(timed(() => forwardAll(model, windows, rr, n)));
    });
  return models.map(({ name }, i) => ({
    name,
    appBeatsPerSec: Math.round(n / median(app[i])),
    forwardBeatsPerSec: Math.round(n / median(forward[i])),
  }));
}

/** Softmax outputs of the first n beats, one predict call (one batch) per chunk. */
function forwardAll(
  model: tf.LayersModel,
  windows: Float32Array,
  rr: Float32Array,
  n: number,
): void {
  for (let start = 0; start < n; start += CHUNK) {
    const m = Math.min(CHUNK, n - start);
    tf.tidy(() => {
      const x = tf.tensor3d(
        windows.subarray(start * WINDOW_LEN * N_CHANNELS, (start + m) * WINDOW_LEN * N_CHANNELS),
        [m, WINDOW_LEN, N_CHANNELS],
      );
      const r = tf.tensor2d(rr.subarray(start * RR_DIM, (start + m) * RR_DIM), [m, RR_DIM]);
      (model.predict([x, r], { batchSize: m }) as tf.Tensor).dataSync();
    });
  }
}

/** Seconds taken by fn. */
function timed(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return (performance.now() - t0) / 1000;
}
