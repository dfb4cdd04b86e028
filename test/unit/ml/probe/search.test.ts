import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeOptions, type ProbeOptions } from '../../../../main/ml/probe/probe';
import { searchFlipEpsilon } from '../../../../main/ml/probe/search';
import { initBackend } from '../../../../main/ml/runtime';
import {
  analyticFlipEpsilon,
  analyticFlipNsr,
  analyticLabel,
  linearModel,
  rampBeats,
  rampNorm,
} from './linear-model';

let model: tf.LayersModel;
beforeAll(async () => {
  await initBackend('wasm');
  model = linearModel();
});
afterAll(() => model.dispose());

// Flip ε 0.35 (beyond max: null), 0.05, 0.01, 0.05, 0.0833, and a flat beat (range 0: null).
const AMPS = [1, 2, 2.5, 3, 1.8, 0];

function run(opts: Partial<ProbeOptions>): ReturnType<typeof searchFlipEpsilon> {
  const data = rampBeats(AMPS);
  const labels = Int32Array.from(AMPS, analyticLabel);
  return searchFlipEpsilon(model, data, labels, probeOptions({ steps: 10, ...opts }));
}

function expectAnalytic(res: ReturnType<typeof searchFlipEpsilon>, tolerance: number): void {
  AMPS.forEach((a, b) => {
    const want = analyticFlipEpsilon(a);
    if (want > 0.25) {
      expect(Number.isNaN(res.epsilon[b])).toBe(true);
      expect(res.flippedTo[b]).toBe(-1);
      return;
    }
    // Never below the true boundary (no flip exists there), at most the search's precision above.
    expect(res.epsilon[b]).toBeGreaterThanOrEqual(want * (1 - 1e-4));
    expect(res.epsilon[b]).toBeLessThanOrEqual(want * tolerance);
    expect(res.flippedTo[b]).toBe(1 - analyticLabel(a));
    // The witness δ is inside its ball (model units: ε · range).
    const d = res.delta.subarray(b * 144, (b + 1) * 144);
    for (const v of d) expect(Math.abs(v)).toBeLessThanOrEqual(res.epsilon[b] * a * (1 + 1e-5));
  });
}

describe('flip-ε search on a model with a known answer', () => {
  it('pgd bisection brackets the analytic ε within its 1.09 precision', () => {
    const before = tf.memory().numTensors;
    expectAnalytic(run({ method: 'pgd' }), 1.1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives the same answers with a tiny working set (continuous batching refills rows)', () => {
    const wide = run({ method: 'pgd' });
    const narrow = run({ method: 'pgd', batchSize: 2 });
    expect(Array.from(narrow.epsilon)).toEqual(Array.from(wide.epsilon));
    expect(Array.from(narrow.flippedTo)).toEqual(Array.from(wide.flippedTo));
  });

  it('a grid of 7 per round in 2 rounds reaches the same precision', () => {
    expectAnalytic(run({ method: 'pgd', gridPoints: 7, rounds: 2 }), 1.11);
  });

  it('spsa (gradient-free) finds the same flips, less tightly', () => {
    const before = tf.memory().numTensors;
    // Its sign estimate per sample is noisy (32 directions for 144 coordinates), so it needs
    // more steps to reach the corner of the ball that the linear model's optimum sits in.
    expectAnalytic(run({ method: 'spsa', steps: 20, spsa: { samples: 32, sigma: 0.25 } }), 1.5);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the NSR variant (L2 ball) brackets the analytic noise-to-signal ratio', () => {
    const before = tf.memory().numTensors;
    const res = run({ method: 'pgd', norm: 'l2' });
    expect(tf.memory().numTensors).toBe(before);
    AMPS.forEach((a, b) => {
      const want = analyticFlipNsr(a);
      if (want > 0.5) {
        expect(Number.isNaN(res.epsilon[b])).toBe(true);
        return;
      }
      expect(res.epsilon[b]).toBeGreaterThanOrEqual(want * (1 - 1e-4));
      expect(res.epsilon[b]).toBeLessThanOrEqual(want * 1.1);
      expect(res.flippedTo[b]).toBe(1 - analyticLabel(a));
      // The witness is inside its L2 ball: ‖δ‖₂ ≤ ε·‖beat‖₂.
      const d = res.delta.subarray(b * 144, (b + 1) * 144);
      const norm = Math.sqrt(d.reduce((acc, v) => acc + v * v, 0));
      expect(norm).toBeLessThanOrEqual(res.epsilon[b] * rampNorm(a) * (1 + 1e-4));
    });
  });

  it('rejects nonsense options', () => {
    expect(() => run({ minEpsilon: 0 })).toThrow(RangeError);
    expect(() => run({ rounds: 0 })).toThrow(RangeError);
  });
});
