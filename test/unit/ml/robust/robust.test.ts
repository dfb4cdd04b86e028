import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBeatModel } from '../../../../main/ml/beats/model';
import { N_CHANNELS, WINDOW_LEN } from '../../../../main/ml/beats/preprocess';
import { RR_DIM } from '../../../../main/ml/beats/rr';
import {
  DEFAULT_TRAIN,
  evaluateSet,
  trainBeatModel,
  type BatchTransform,
} from '../../../../main/ml/beats/train';
import { adversarialBatches, beatRadius } from '../../../../main/ml/robust/adversarial';
import { adversarialReport, subsample } from '../../../../main/ml/robust/evaluate';
import { robustHoldOutReference } from '../../../../main/ml/robust/reference';
import { fineTuneWith, oneShotPrune } from '../../../../main/ml/prune/schedule';
import { initBackend } from '../../../../main/ml/runtime';
import { seedMathRandom } from '../../../../main/ml/seed';
import { SMALL_BEAT_MODEL, tinyBeatSet } from '../../../helpers/beat-fixtures';

const OPTS = { ...DEFAULT_TRAIN, epochs: 2, epochSize: 64, batchSize: 32 };

beforeAll(async () => {
  await initBackend('wasm');
});

function model(): tf.LayersModel {
  const restore = seedMathRandom(5);
  const m = buildBeatModel(SMALL_BEAT_MODEL);
  restore();
  return m;
}

async function trainedWeights(hooks?: { transformBatch?: BatchTransform }): Promise<number[]> {
  const m = model();
  await trainBeatModel(m, tinyBeatSet(40, 3), null, OPTS, () => {}, hooks);
  const w = m.getWeights().flatMap((t) => [...t.dataSync()]);
  m.dispose();
  return w;
}

describe('training hook', () => {
  it('off (absent, empty or identity) trains exactly as before', async () => {
    const base = await trainedWeights();
    expect(await trainedWeights({})).toEqual(base);
    expect(await trainedWeights({ transformBatch: (_m, beats) => beats })).toEqual(base);
  });

  it('is called once per step with the batch, and what it returns is trained on', async () => {
    const shapes: number[][] = [];
    const base = await trainedWeights();
    const changed = await trainedWeights({
      transformBatch: (_m, beats, rr, labels) => {
        shapes.push([...beats.shape, rr.shape[0], labels.shape[0]]);
        return tf.mul(beats, 2) as tf.Tensor3D;
      },
    });
    expect(shapes).toHaveLength(2 * 2); // 2 epochs × 64/32 steps
    expect(shapes[0]).toEqual([32, WINDOW_LEN, N_CHANNELS, 32, 32]);
    expect(changed).not.toEqual(base);
  });
});

describe('adversarial pruning and robust reference', () => {
  it('fineTuneWith passes the hook to every stage', async () => {
    let calls = 0;
    const ft = fineTuneWith(tinyBeatSet(40, 3), OPTS, () => {}, {
      transformBatch: (_m, beats) => {
        calls++;
        return beats;
      },
    });
    const m = model();
    const r = await oneShotPrune(m, { ...SMALL_BEAT_MODEL, convFilters: [4, 4] }, 2, ft);
    expect(calls).toBe(2 * 2);
    [m, r.model].forEach((x) => x.dispose());
  });

  it('robustHoldOutReference trains once, then loads the cached model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'robust-ref-'));
    try {
      const set = tinyBeatSet(40, 3);
      const split = { records: ['x'], train: set, val: set };
      const adv = { epsilon: 0.05, fraction: 0.5, steps: 1 };
      const ref = model();
      const epochs: number[] = [];
      const a = await robustHoldOutReference(ref, split, SMALL_BEAT_MODEL, OPTS, adv, dir, (l) =>
        epochs.push(l.epoch),
      );
      const b = await robustHoldOutReference(ref, split, SMALL_BEAT_MODEL, OPTS, adv, dir, (l) =>
        epochs.push(l.epoch),
      );
      expect(epochs).toEqual([1, 2]);
      const w = (m: tf.LayersModel): number[] => m.getWeights().flatMap((t) => [...t.dataSync()]);
      expect(w(b)).toEqual(w(a));
      expect(w(a)).not.toEqual(w(ref));
      [a, b, ref].forEach((m) => m.dispose());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('adversarial batches', () => {
  it('perturbs the first fraction of the batch within ε·range, the same on both channels', () => {
    const m = model();
    const set = tinyBeatSet(8, 0);
    const before = tf.memory().numTensors;
    const [x, r, y] = [
      tf.tensor3d(set.windows, [8, WINDOW_LEN, N_CHANNELS]),
      tf.tensor2d(set.rr, [8, RR_DIM]),
      tf.tensor1d(set.labels, 'int32'),
    ];
    const adv = adversarialBatches({ epsilon: 0.05, steps: 3, fraction: 0.5 })(m, x, r, y);
    const radiusT = beatRadius(x, 0.05);
    const radius = radiusT.dataSync();
    const d = tf.sub(adv, x);
    const delta = d.arraySync() as number[][][];
    delta.forEach((beat, i) => {
      const maxAbs = Math.max(...beat.map((s) => Math.abs(s[0])));
      if (i < 4) {
        expect(maxAbs).toBeGreaterThan(0);
        expect(maxAbs).toBeLessThanOrEqual(radius[i] * (1 + 1e-5));
      } else expect(maxAbs).toBe(0);
      beat.forEach((s) => expect(s[1]).toBeCloseTo(s[0], 5));
    });
    expect(radius[0]).toBeCloseTo(0.05 * 1, 1); // uniform(−0.5, 0.5) windows: range ≈ 1
    tf.dispose([x, r, y, adv, d, radiusT]);
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });

  it('accuracy under a zero-radius attack is the clean accuracy', () => {
    const m = model();
    const set = tinyBeatSet(30, 0);
    const clean = evaluateSet(m, set);
    expect(adversarialReport(m, set, { epsilon: 0, steps: 3, batch: 7 }).confusion).toEqual(
      clean.confusion,
    );
    const attacked = adversarialReport(m, set, { epsilon: 0.2, steps: 5, batch: 7 });
    expect(attacked.accuracy).toBeLessThanOrEqual(clean.accuracy);
    m.dispose();
  });

  it('subsamples reproducibly without repeats', () => {
    const set = tinyBeatSet(50, 0);
    const a = subsample(set, 20, 1);
    expect(a.labels).toHaveLength(20);
    expect(new Set(a.samples).size).toBe(20);
    expect(subsample(set, 20, 1).samples).toEqual(a.samples);
    expect(subsample(set, 100, 1)).toBe(set);
  });
});
