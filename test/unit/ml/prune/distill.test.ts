import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { centreWindows } from '../../../../main/ml/beats/batches';
import { predictProbs } from '../../../../main/ml/beats/classify';
import type { BeatSet } from '../../../../main/ml/beats/dataset';
import { BEAT_CLASSES } from '../../../../main/ml/beats/labels';
import { buildBeatModel, DEFAULT_BEAT_MODEL } from '../../../../main/ml/beats/model';
import { N_CHANNELS, WINDOW_LEN } from '../../../../main/ml/beats/preprocess';
import { RR_DIM } from '../../../../main/ml/beats/rr';
import { DEFAULT_TRAIN, softened, trainBeatModel } from '../../../../main/ml/beats/train';
import { agreement } from '../../../../main/ml/prune/holdout';
import { initBackend } from '../../../../main/ml/runtime';
import { mulberry32, seedMathRandom } from '../../../../main/ml/seed';

const SMALL = {
  ...DEFAULT_BEAT_MODEL,
  convFilters: [4, 8],
  kernelSizes: [5, 3],
  denseUnits: 8,
  rrUnits: 4,
  headUnits: 8,
};
const K = BEAT_CLASSES.length;

beforeAll(async () => {
  await initBackend('wasm');
});

function tinySet(n: number): BeatSet {
  const rand = mulberry32(11);
  return {
    windowLen: WINDOW_LEN,
    margin: 0,
    windows: Float32Array.from({ length: n * WINDOW_LEN * N_CHANNELS }, () => rand() - 0.5),
    rr: Float32Array.from({ length: n * RR_DIM }, () => 0.5 + rand()),
    labels: Uint8Array.from({ length: n }, (_, i) => i % K),
    records: new Array<string>(n).fill('x'),
    samples: Int32Array.from({ length: n }, (_, i) => i * 300),
  };
}

function model(seed: number): tf.LayersModel {
  const restore = seedMathRandom(seed);
  const m = buildBeatModel(SMALL);
  restore();
  return m;
}

/** Mean KL(teacher ‖ student) over the set's beats. */
function divergence(teacher: tf.LayersModel, student: tf.LayersModel, set: BeatSet): number {
  const w = centreWindows(set);
  const p = predictProbs(teacher, w, set.rr, set.labels.length);
  const q = predictProbs(student, w, set.rr, set.labels.length);
  let kl = 0;
  for (let i = 0; i < p.length; i++)
    kl += p[i] * Math.log(Math.max(p[i], 1e-7) / Math.max(q[i], 1e-7));
  return kl / set.labels.length;
}

describe('knowledge distillation (pruning fine-tune)', () => {
  it('softens probabilities by the temperature and keeps the ranking', () => {
    const p = tf.tensor2d([[0.7, 0.2, 0.05, 0.03, 0.02]]);
    const [t1, t4] = [softened(p, 1), softened(p, 4)].map((t) => Array.from(t.dataSync()));
    expect(t1[0]).toBeCloseTo(0.7, 5);
    expect(t4.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(t4[0]).toBeLessThan(0.7);
    expect(t4[0]).toBeGreaterThan(t4[1]);
    expect(t4[1]).toBeGreaterThan(t4[2]);
    p.dispose();
  });

  it('moves the student towards the teacher more than label training does, without leaking', async () => {
    const set = tinySet(60);
    const teacher = model(1);
    const plain = model(2);
    const distilled = model(2);
    const opts = { ...DEFAULT_TRAIN, epochs: 4, epochSize: 240, batchSize: 30, learningRate: 3e-3 };
    const before = divergence(teacher, distilled, set);
    await trainBeatModel(plain, set, null, opts);
    const tensors = tf.memory().numTensors;
    await trainBeatModel(distilled, set, null, opts, () => {}, {
      distill: { teacher, weight: 1, temperature: 2 },
    });
    expect(tf.memory().numTensors).toBe(tensors);
    const kdAfter = divergence(teacher, distilled, set);
    expect(kdAfter).toBeLessThan(before);
    expect(kdAfter).toBeLessThan(divergence(teacher, plain, set));
    expect(agreement(teacher, distilled, set).all).toBeGreaterThanOrEqual(
      agreement(teacher, plain, set).all,
    );
    expect(agreement(teacher, teacher, set)).toEqual({ all: 1, refSV: 1 });
    [teacher, plain, distilled].forEach((m) => m.dispose());
  });
});
