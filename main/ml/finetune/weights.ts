/**
 * Per-beat loss weights for fine-tuning: class weight × source weight.
 *
 * - Class weight (n_total / (K · n_c))^0.5, clipped to [0.2, 10], K = classes present: the
 *   square root softens inverse-frequency weighting, so a class with a handful of beats at a
 *   site shifts the model without dominating it.
 * - USER_WEIGHT (3×) for beats whose label a person set: those are the corrections, the
 *   information this fine-tune exists for; reference and model labels on a signed recording
 *   were accepted by the signer but carry no new information about the model's mistakes.
 *
 * Weights are normalised to mean 1 over the set, so the learning rate means the same thing
 * whatever the mix.
 */
import { BEAT_CLASSES } from '../beats/labels';

export const USER_WEIGHT = 3;
const MIN_CLASS_WEIGHT = 0.2;
const MAX_CLASS_WEIGHT = 10;

export function classWeights(labels: Uint8Array): number[] {
  const counts = new Array<number>(BEAT_CLASSES.length).fill(0);
  for (const l of labels) counts[l]++;
  const present = counts.filter((c) => c > 0).length;
  return counts.map((n) =>
    n === 0
      ? 0
      : Math.min(
          MAX_CLASS_WEIGHT,
          Math.max(MIN_CLASS_WEIGHT, Math.sqrt(labels.length / (present * n))),
        ),
  );
}

export function sampleWeights(labels: Uint8Array, byUser: Uint8Array): Float32Array {
  const cw = classWeights(labels);
  const w = Float32Array.from(labels, (l, i) => cw[l] * (byUser[i] ? USER_WEIGHT : 1));
  const mean = w.reduce((a, b) => a + b, 0) / Math.max(1, w.length);
  if (mean > 0) for (let i = 0; i < w.length; i++) w[i] /= mean;
  return w;
}
