/**
 * Untargeted L∞ projected gradient descent (Madry et al. 2018) on the beat model's waveform
 * input: maximise the per-beat loss of `labels` by sign-gradient steps of δ, projected onto
 * |δ| ≤ ε, with δ shared by both input channels (see attack.ts). RR features are not
 * perturbed: the question is how fragile the label is to the waveform.
 *
 * The model runs in inference mode (dropout off) while attacking, also when this is used to
 * make adversarial examples for training.
 */
import * as tf from '@tensorflow/tfjs';
import { forward, perturb, type Estimate, type Estimator, type PerturbOptions } from './attack';
import { perBeatLoss } from './loss';

export type { PerturbOptions } from './attack';

/**
 * Adversarial beats [n, len, channels] = beats + δ, |δ| ≤ ε per beat (ε in MODEL units), after
 * `steps` PGD steps away from `labels` (int32 class indices, e.g. the reference labels in
 * training). The caller owns the returned tensor; nothing else is left allocated.
 */
export function pgdPerturb(
  model: tf.LayersModel,
  beats: tf.Tensor3D,
  rr: tf.Tensor2D,
  labels: tf.Tensor1D,
  opts: PerturbOptions,
): tf.Tensor3D {
  return perturb(model, beats, rr, labels, opts, pgdEstimator);
}

/** Exact input gradient by backpropagation; the loss and prediction come from the same pass. */
export const pgdEstimator: Estimator = (inp, delta) => {
  const kept: Partial<Pick<Estimate, 'loss' | 'pred'>> = {};
  const { value, grad } = tf.valueAndGrad((d: tf.Tensor3D) => {
    const probs = forward(inp, d);
    const loss = perBeatLoss(probs, inp.labels, inp.loss);
    // Kept past the gradient scope so the step does not need a second forward pass.
    kept.loss = tf.keep(loss);
    kept.pred = tf.keep(tf.argMax(probs, 1) as tf.Tensor1D);
    return tf.sum(loss) as tf.Scalar;
  })(delta);
  value.dispose();
  if (!kept.loss || !kept.pred) throw new Error('pgd: gradient function did not run');
  return { loss: kept.loss, pred: kept.pred, grad: grad as tf.Tensor3D };
};
