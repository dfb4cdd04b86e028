import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perBeatLoss } from '../../../../main/ml/probe/loss';
import { pgdPerturb } from '../../../../main/ml/probe/pgd';
import { spsaPerturb } from '../../../../main/ml/probe/spsa';
import { initBackend } from '../../../../main/ml/runtime';
import { linearModel, rampBeats } from './linear-model';

let model: tf.LayersModel;
beforeAll(async () => {
  await initBackend('wasm');
  model = linearModel();
});
afterAll(() => model.dispose());

function inputs(amplitudes: number[]): { beats: tf.Tensor3D; rr: tf.Tensor2D } {
  const d = rampBeats(amplitudes);
  return {
    beats: tf.tensor3d(d.windows, [d.n, d.len, d.channels]),
    rr: tf.tensor2d(d.rr, [d.n, d.rrDim]),
  };
}

/** Margin, not cross-entropy: −log p_y rounds to 0 in float32 for confident beats. */
function lossOf(x: tf.Tensor3D, rr: tf.Tensor2D, labels: tf.Tensor1D): Float32Array {
  return tf.tidy(() =>
    perBeatLoss(model.predict([x, rr]) as tf.Tensor2D, labels, 'margin').dataSync(),
  ) as Float32Array;
}

describe('pgdPerturb / spsaPerturb', () => {
  const amps = [1, 2, 2.5, 3];
  const labels = () => tf.tensor1d([0, 0, 1, 1], 'int32');

  for (const [name, attack] of [
    ['pgd', pgdPerturb],
    ['spsa', spsaPerturb],
  ] as const) {
    it(`${name}: stays in the per-beat ε-ball, same δ on both channels, raises the loss`, () => {
      const { beats, rr } = inputs(amps);
      const y = labels();
      const eps = tf.tensor1d([0.02, 0.05, 0.1, 0.2]);
      const before = tf.memory().numTensors;
      const adv = attack(model, beats, rr, y, {
        epsilon: eps,
        steps: 10,
        randomStart: true,
        seed: 3,
      });
      expect(tf.memory().numTensors).toBe(before + 1); // only the result
      const d = tf.sub(adv, beats);
      const delta = d.arraySync() as number[][][];
      const radii = eps.arraySync();
      delta.forEach((rows, b) =>
        rows.forEach(([c0, c1]) => {
          expect(Math.abs(c0)).toBeLessThanOrEqual(radii[b] + 1e-6);
          expect(c1).toBeCloseTo(c0, 6);
        }),
      );
      const clean = lossOf(beats, rr, y);
      const attacked = lossOf(adv, rr, y);
      // The linear model's loss rises monotonically in Σδ; the optimum is δ = ±ε everywhere.
      for (let b = 0; b < amps.length; b++) expect(attacked[b]).toBeGreaterThan(clean[b]);
      tf.dispose([beats, rr, y, eps, adv, d]);
    });
  }

  it('pgd reaches the L∞ optimum of the linear model (δ = +ε for label 0) with a scalar ε', () => {
    const { beats, rr } = inputs([2]);
    const y = tf.tensor1d([0], 'int32');
    const adv = pgdPerturb(model, beats, rr, y, { epsilon: 0.05, steps: 10, randomStart: true });
    const d = tf.sub(adv, beats).dataSync();
    for (const v of d) expect(v).toBeCloseTo(0.05, 5);
    tf.dispose([beats, rr, y, adv]);
  });

  it('is reproducible with a seed and rejects mismatched shapes', () => {
    const { beats, rr } = inputs(amps);
    const y = labels();
    const opts = { epsilon: 0.1, steps: 2, stepSize: 0.1, randomStart: true, seed: 9 };
    const a = spsaPerturb(model, beats, rr, y, opts);
    const b = spsaPerturb(model, beats, rr, y, opts);
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    const short = tf.tensor1d([0], 'int32');
    expect(() => pgdPerturb(model, beats, rr, short, opts)).toThrow(RangeError);
    tf.dispose([beats, rr, y, a, b, short]);
  });
});
