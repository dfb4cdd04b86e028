import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { centreWindows } from '../../../../main/ml/beats/batches';
import { predictProbs } from '../../../../main/ml/beats/classify';
import type { BeatSet } from '../../../../main/ml/beats/dataset';
import { buildBeatModel } from '../../../../main/ml/beats/model';
import { DEFAULT_TRAIN, softened, trainBeatModel } from '../../../../main/ml/beats/train';
import { agreement } from '../../../../main/ml/prune/holdout';
import { initBackend } from '../../../../main/ml/runtime';
import { seedMathRandom } from '../../../../main/ml/seed';
import { SMALL_BEAT_MODEL, tinyBeatSet } from '../../../helpers/beat-fixtures';

beforeAll(async () => {
  await initBackend('wasm');
});

function model(seed: number): tf.LayersModel {
  const restore = seedMathRandom(seed);
  const m = buildBeatModel(SMALL_BEAT_MODEL);
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
    const set = tinyBeatSet(60, 0, 11);
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
