/**
 * Throughput measurements for the beat model on the current backend: training samples/s
 * (the real training step: forward, backward, Adam) and inference samples/s. Inputs are
 * random (speed does not depend on values), so no dataset is needed.
 */
import * as tf from '@tensorflow/tfjs';
import { buildBeatModel, DEFAULT_BEAT_MODEL, type BeatModelConfig } from './beats/model';
import { BEAT_CLASSES } from './beats/labels';
import { N_CHANNELS, WINDOW_LEN } from './beats/preprocess';
import { RR_DIM } from './beats/rr';
import { mulberry32, seedMathRandom } from './seed';

export interface SpeedResult {
  backend: string;
  trainSamples: number;
  trainSamplesPerSec: number;
  inferSamples: number;
  inferSamplesPerSec: number;
  batchSize: number;
}

export async function measureSpeed(
  trainSamples: number,
  inferSamples: number,
  batchSize = 256,
  config: BeatModelConfig = DEFAULT_BEAT_MODEL,
): Promise<SpeedResult> {
  const restore = seedMathRandom(1);
  const model = buildBeatModel(config);
  restore();
  const rand = mulberry32(2);
  const x = tf.tensor3d(
    Float32Array.from({ length: batchSize * WINDOW_LEN * N_CHANNELS }, () => rand() - 0.5),
    [batchSize, WINDOW_LEN, N_CHANNELS],
  );
  const r = tf.tensor2d(
    Float32Array.from({ length: batchSize * RR_DIM }, () => rand() + 0.5),
    [batchSize, RR_DIM],
  );
  const y = tf.oneHot(
    tf.tensor1d(
      Int32Array.from({ length: batchSize }, () => Math.floor(rand() * BEAT_CLASSES.length)),
      'int32',
    ),
    BEAT_CLASSES.length,
  );
  const optimizer = tf.train.adam(1e-3);
  const trainStep = (): void => {
    const loss = tf.tidy(
      () =>
        optimizer.minimize(() => {
          const p = (model.apply([x, r], { training: true }) as tf.Tensor).clipByValue(1e-7, 1);
          return tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(p)), 1))) as tf.Scalar;
        }, true) as tf.Scalar, // returnCost = true: never null
    );
    loss.dataSync();
    loss.dispose();
  };
  const inferStep = (): void => {
    tf.tidy(() => (model.predict([x, r]) as tf.Tensor).dataSync());
  };
  const trainPerSec = timeSteps(
    trainStep,
    Math.max(1, Math.round(trainSamples / batchSize)),
    batchSize,
  );
  const inferPerSec = timeSteps(
    inferStep,
    Math.max(1, Math.round(inferSamples / batchSize)),
    batchSize,
  );
  tf.dispose([x, r, y]);
  optimizer.dispose();
  model.dispose();
  return {
    backend: tf.getBackend(),
    trainSamples: Math.max(1, Math.round(trainSamples / batchSize)) * batchSize,
    trainSamplesPerSec: trainPerSec,
    inferSamples: Math.max(1, Math.round(inferSamples / batchSize)) * batchSize,
    inferSamplesPerSec: inferPerSec,
    batchSize,
  };
}

/** One untimed warm-up step (kernel setup, XNNPACK operator creation), then `steps` timed. */
function timeSteps(step: () => void, steps: number, batchSize: number): number {
  step();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) step();
  return (steps * batchSize) / ((performance.now() - t0) / 1000);
}
