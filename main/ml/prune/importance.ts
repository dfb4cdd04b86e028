/**
 * Which filters and units matter: the L1 norm of everything feeding a unit, i.e. the sum of
 * |w| over a conv filter's kernel (all taps, all input channels) or a dense unit's incoming
 * weight column, plus |bias| (Li et al., "Pruning Filters for Efficient ConvNets", ICLR 2017,
 * with the bias added).
 *
 * Why the bias too: with it, importance 0 means the unit's pre-activation is 0 for every input,
 * so after ReLU it outputs exactly 0 and removing it changes nothing downstream. A unit with a
 * zero kernel but a positive bias outputs a constant that later layers rely on; kernel-only L1
 * would call it worthless. Inputs are normalised (a median QRS is 1 peak-to-peak) and layers
 * are L2-regularised, so weight magnitudes are comparable within a layer, which is all the
 * ranking needs (units are only ever compared with others in the same layer).
 */
import * as tf from '@tensorflow/tfjs';

/** Layers whose output units can be pruned (probs cannot: its units are the classes). */
export function prunableLayerNames(convBlocks: number): string[] {
  return [
    ...Array.from({ length: convBlocks }, (_, i) => `conv${i + 1}`),
    'morph',
    'rr_dense',
    'head',
  ];
}

/** L1 importance of each output unit of a conv1d ([k, in, out]) or dense ([in, out]) layer. */
export function layerImportance(layer: tf.layers.Layer): Float32Array {
  const [kernel, bias] = layer.getWeights();
  return tf.tidy(() => {
    const rank = kernel.shape.length;
    const axes = Array.from({ length: rank - 1 }, (_, i) => i);
    const l1 = tf.sum(tf.abs(kernel), axes);
    return (bias ? tf.add(l1, tf.abs(bias)) : l1).dataSync() as Float32Array;
  });
}

/** Importance of every prunable layer's units, by layer name. */
export function unitImportance(
  model: tf.LayersModel,
  convBlocks: number,
): Map<string, Float32Array> {
  return new Map(
    prunableLayerNames(convBlocks).map((name) => [name, layerImportance(model.getLayer(name))]),
  );
}

/**
 * Indices of the `keep` most important units, in ascending index order (so the pruned layer
 * keeps the original unit order). Ties go to the lower index, so the choice is deterministic.
 */
export function topUnits(importance: Float32Array, keep: number): number[] {
  if (!Number.isInteger(keep) || keep < 1 || keep > importance.length)
    throw new RangeError(`cannot keep ${keep} of ${importance.length} units`);
  return Array.from(importance, (v, i) => ({ v, i }))
    .sort((a, b) => b.v - a.v || a.i - b.i)
    .slice(0, keep)
    .map((u) => u.i)
    .sort((a, b) => a - b);
}
