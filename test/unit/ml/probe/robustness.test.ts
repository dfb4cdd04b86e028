import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeOptions } from '../../../../main/ml/probe/probe';
import {
  accuracyUnderAttack,
  auroc,
  classWeights,
  fragileStats,
  stratifiedSample,
} from '../../../../main/ml/probe/robustness';
import { initBackend } from '../../../../main/ml/runtime';
import { analyticFlipEpsilon, analyticLabel, linearModel, rampBeats } from './linear-model';

let model: tf.LayersModel;
beforeAll(async () => {
  await initBackend('wasm');
  model = linearModel();
});
afterAll(() => model.dispose());

describe('robustness figures', () => {
  it('accuracy under attack matches the analytic flip ε at each ε', () => {
    const amps = [1, 2, 2.5, 3, 1.8, 2];
    const data = rampBeats(amps);
    const ref = Int32Array.from(amps, analyticLabel);
    const pred = Int32Array.from(ref);
    pred[5] = 1 - pred[5]; // wrong when clean: wrong at every ε
    const eps = [0.02, 0.06, 0.1];
    const before = tf.memory().numTensors;
    const robust = accuracyUnderAttack(model, data, ref, pred, eps, probeOptions({ steps: 20 }));
    expect(tf.memory().numTensors).toBe(before);
    robust.forEach((flags, k) =>
      amps.forEach((a, b) =>
        expect(flags[b]).toBe(b === 5 ? 0 : analyticFlipEpsilon(a) > eps[k] ? 1 : 0),
      ),
    );
  });

  it('samples per class, reproducibly, and weights back to the full mix', () => {
    const labels = Uint8Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const a = stratifiedSample(labels, [50, 20], 7);
    expect(Array.from(a)).toEqual(Array.from(stratifiedSample(labels, [50, 20], 7)));
    expect(new Set(a).size).toBe(70);
    const picked = Array.from(a, (i) => labels[i]);
    expect(picked.filter((c) => c === 1)).toHaveLength(20);
    const w = classWeights(labels, picked, 2);
    expect(w[picked.indexOf(0)]).toBeCloseTo(900 / 50);
    expect(w[picked.indexOf(1)]).toBeCloseTo(100 / 20);
  });

  it('fragile statistics and AUROC on hand-counted cases', () => {
    const fragile = [true, true, false, false, false, false];
    const wrong = [true, false, true, false, false, false];
    const s = fragileStats(fragile, wrong, new Array(6).fill(1));
    expect(s).toMatchObject({ flagged: 2, notFlagged: 4, errorRateFlagged: 0.5 });
    expect(s.errorRateNotFlagged).toBeCloseTo(0.25);
    expect(s.ratio).toBeCloseTo(2);
    expect(s.errorsFlagged).toBeCloseTo(0.5);
    const ones = [1, 1, 1, 1];
    expect(auroc([3, 2, 1, 0], [true, true, false, false], ones)).toBe(1);
    expect(auroc([0, 1, 2, 3], [true, true, false, false], ones)).toBe(0);
    expect(auroc([1, 1, 1, 1], [true, false, true, false], ones)).toBe(0.5);
  });
});
