/**
 * Adversarial training batches (Madry et al. 2018): part of every training batch is replaced
 * by PGD examples against the model being trained, so it learns to keep its label under small
 * waveform changes.
 *
 * Threat model (the same as the probe's, main/ml/probe/epsilon.ts): an L∞ change δ of the
 * beat window with |δ| ≤ ε · (max − min of channel 0 over the window), i.e. ε on the beat
 * scaled to [0, 1], added identically to both channels; RR features untouched. The radius is
 * taken from the augmented beat the model actually sees.
 *
 * Only a fraction of each batch is adversarial ("mixed" training, Goodfellow et al. 2015):
 * the clean half keeps clean accuracy close to the standard model's, which the issue requires
 * within 1 point; fully adversarial batches trade more clean accuracy for robustness.
 */
import * as tf from '@tensorflow/tfjs';
import type { BatchTransform } from '../beats/train';
import { pgdPerturb } from '../probe/pgd';

export interface AdversarialOptions {
  /** Radius on the beat scaled to [0, 1] (0.05 = 5 % of the beat's range). */
  epsilon: number;
  /** PGD steps per training batch (step 2.5 ε / steps, random start). */
  steps: number;
  /** Share of each batch replaced by adversarial examples, 0..1. */
  fraction: number;
}

/** ε in model units per beat: epsilon · (max − min of channel 0), shape [n]. */
export function beatRadius(beats: tf.Tensor3D, epsilon: number): tf.Tensor1D {
  return tf.tidy(() => {
    const c0 = tf.slice(beats, [0, 0, 0], [-1, -1, 1]);
    return tf.mul(tf.sub(tf.max(c0, [1, 2]), tf.min(c0, [1, 2])), epsilon) as tf.Tensor1D;
  });
}

/**
 * The train.ts hook: the first round(fraction · n) beats of each batch become PGD examples
 * (batches are drawn at random, so the first rows are a random subset).
 */
export function adversarialBatches(opts: AdversarialOptions): BatchTransform {
  if (!(opts.fraction >= 0 && opts.fraction <= 1)) throw new RangeError('fraction in 0..1');
  return (model, beats, rr, labels) => {
    const n = beats.shape[0];
    const k = Math.round(n * opts.fraction);
    if (k === 0 || opts.epsilon === 0) return beats;
    return tf.tidy(() => {
      const part = tf.slice(beats, 0, k);
      const eps = beatRadius(part, opts.epsilon);
      const adv = pgdPerturb(model, part, tf.slice(rr, 0, k), tf.slice(labels, 0, k), {
        epsilon: eps,
        steps: opts.steps,
        randomStart: true,
      });
      return k === n ? adv : (tf.concat([adv, tf.slice(beats, k)], 0) as tf.Tensor3D);
    });
  };
}
