/**
 * Class-prior correction. Rebalanced sampling trains the model as if S, V and F were far more
 * common than they are, which inflates their probabilities on real data (more false
 * positives). Bayes: p_true(c|x) ∝ p_model(c|x) · π_c / q_c, with π the natural class
 * frequencies and q the sampled ones. `strength` in 0..1 applies that partially (chosen by
 * cross-validation on DS1); the result is baked into the softmax layer's bias, so the saved
 * model outputs corrected probabilities and inference needs nothing extra.
 */
import * as tf from '@tensorflow/tfjs';

/** log(π_c / q_c) · strength per class (0 where a class never occurs). */
export function priorLogWeights(natural: number[], sampled: number[], strength: number): number[] {
  return natural.map((p, c) => (p > 0 && sampled[c] > 0 ? strength * Math.log(p / sampled[c]) : 0));
}

/** Reweights softmax rows [n][k] in place by exp(logWeights) and renormalises. */
export function reweightProbs(probs: Float32Array, logWeights: number[]): Float32Array {
  const k = logWeights.length;
  const w = logWeights.map(Math.exp);
  for (let i = 0; i < probs.length; i += k) {
    let z = 0;
    for (let c = 0; c < k; c++) z += probs[i + c] *= w[c];
    for (let c = 0; c < k; c++) probs[i + c] /= z;
  }
  return probs;
}

/** Adds logWeights to the bias of the model's final (softmax) dense layer. */
export function bakeIntoOutputBias(model: tf.LayersModel, logWeights: number[]): void {
  const layer = model.layers[model.layers.length - 1];
  const [kernel, bias] = layer.getWeights();
  if (!bias || bias.shape[0] !== logWeights.length)
    throw new Error('output layer has no matching bias');
  const shifted = tf.tidy(() => tf.add(bias, tf.tensor1d(logWeights)));
  layer.setWeights([kernel, shifted]);
  shifted.dispose();
}
