/**
 * Per-beat attack objectives computed from the model's softmax output (the beat models end in
 * a softmax, so logits are not exposed; log-probabilities equal the logits up to a per-row
 * constant, which every objective below cancels or ignores).
 */
import * as tf from '@tensorflow/tfjs';

/**
 * - 'ce': cross-entropy of the label, −log p_y (Madry et al. 2018; the usual choice for
 *   adversarial training).
 * - 'margin': max_{j≠y} log p_j − log p_y (Carlini & Wagner 2017), positive exactly when the
 *   label has lost the argmax. Its gradient does not vanish when p_y saturates at 1 in float32,
 *   which is common for confident beats, so the probe uses it.
 */
export type AttackLoss = 'ce' | 'margin';

/** Keeps log() finite for probabilities that underflowed to 0. */
const LOG_FLOOR = 1e-30;
/** Pushes the label's own column out of the max over "other" classes. */
const MASK = 1e9;

export function perBeatLoss(
  probs: tf.Tensor2D,
  labels: tf.Tensor1D,
  loss: AttackLoss,
): tf.Tensor1D {
  return tf.tidy(() => {
    const logp = tf.log(tf.maximum(probs, LOG_FLOOR));
    const onehot = tf.oneHot(tf.cast(labels, 'int32'), probs.shape[1]);
    const own = tf.sum(tf.mul(logp, onehot), 1);
    if (loss === 'ce') return tf.neg(own) as tf.Tensor1D;
    const others = tf.max(tf.sub(logp, tf.mul(onehot, MASK)), 1);
    return tf.sub(others, own) as tf.Tensor1D;
  });
}
