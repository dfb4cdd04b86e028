/**
 * Robustness figures for scripts/eval-robustness.ts: a seeded stratified sample, accuracy
 * under attack at fixed ε, and how well `fragile` points at the model's errors. Class weights
 * map sample figures back to the full split's class mix (the sample over-represents S, V, F).
 */
import type * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../seed';
import { searchFlipEpsilon, selectRows, type BeatArrays, type FlipSearchOptions } from './search';

/** Up to `perClass[c]` examples of each class c, drawn without replacement; sorted indices. */
export function stratifiedSample(
  labels: ArrayLike<number>,
  perClass: readonly number[],
  seed: number,
): Int32Array {
  const rand = mulberry32(seed);
  const picked: number[] = [];
  perClass.forEach((want, c) => {
    const pool: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === c) pool.push(i);
    for (let i = 0; i < Math.min(want, pool.length); i++) {
      const j = i + Math.floor(rand() * (pool.length - i)); // partial Fisher–Yates
      [pool[i], pool[j]] = [pool[j], pool[i]];
      picked.push(pool[i]);
    }
  });
  return Int32Array.from(picked).sort();
}

/** Weight per sampled beat: (class count in the split) / (class count in the sample). */
export function classWeights(
  all: ArrayLike<number>,
  sample: ArrayLike<number>,
  k: number,
): Float64Array {
  const full = new Float64Array(k);
  const got = new Float64Array(k);
  for (let i = 0; i < all.length; i++) full[all[i]]++;
  for (let i = 0; i < sample.length; i++) got[sample[i]]++;
  return Float64Array.from(sample, (c) => full[c] / got[c]);
}

/**
 * Whether each beat is still classified as `ref` under the attack, at every ε (ascending, in
 * the [0, 1] beat scale). A beat wrong when clean is wrong at every ε. The balls are nested,
 * so a beat flipped at one ε counts as flipped at every larger one and is not attacked again.
 */
export function accuracyUnderAttack(
  model: tf.LayersModel,
  data: BeatArrays,
  ref: Int32Array,
  cleanPred: Int32Array,
  epsilons: readonly number[],
  attack: Omit<FlipSearchOptions, 'maxEpsilon' | 'minEpsilon' | 'gridPoints' | 'rounds'>,
  onEpsilon?: (eps: number, robust: number) => void,
): Uint8Array[] {
  let robust = Uint8Array.from(ref, (r, i) => (cleanPred[i] === r ? 1 : 0));
  return epsilons.map((eps) => {
    const idx = Int32Array.from(robust.keys()).filter((i) => robust[i]);
    if (idx.length > 0) {
      const found = searchFlipEpsilon(
        model,
        selectRows(data, idx),
        Int32Array.from(idx, (i) => ref[i]),
        { ...attack, maxEpsilon: eps, minEpsilon: eps / 2, gridPoints: 1, rounds: 1 },
      );
      robust = Uint8Array.from(robust);
      idx.forEach((i, k) => {
        if (Number.isFinite(found.epsilon[k])) robust[i] = 0;
      });
    }
    onEpsilon?.(
      eps,
      robust.reduce((a, b) => a + b, 0),
    );
    return robust;
  });
}

/** Weighted mean of 0/1 flags over the beats where `include` is true. */
export function weightedRate(
  flags: ArrayLike<number | boolean>,
  weights: ArrayLike<number>,
  include: (i: number) => boolean = () => true,
): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < flags.length; i++) {
    if (!include(i)) continue;
    den += weights[i];
    if (flags[i]) num += weights[i];
  }
  return den > 0 ? num / den : NaN;
}

export interface FragileStats {
  flagged: number;
  notFlagged: number;
  /** Error rates (class-weighted to the split) among flagged / unflagged beats. */
  errorRateFlagged: number;
  errorRateNotFlagged: number;
  /** errorRateFlagged / errorRateNotFlagged: how much likelier a flagged beat is wrong. */
  ratio: number;
  /** Share of all (weighted) errors that are flagged. */
  errorsFlagged: number;
}

export function fragileStats(
  fragile: ArrayLike<boolean>,
  wrong: ArrayLike<boolean>,
  weights: ArrayLike<number>,
): FragileStats {
  let flagged = 0;
  for (let i = 0; i < fragile.length; i++) if (fragile[i]) flagged++;
  const errorRateFlagged = weightedRate(wrong, weights, (i) => fragile[i]);
  const errorRateNotFlagged = weightedRate(wrong, weights, (i) => !fragile[i]);
  return {
    flagged,
    notFlagged: fragile.length - flagged,
    errorRateFlagged,
    errorRateNotFlagged,
    ratio: errorRateFlagged / errorRateNotFlagged,
    errorsFlagged: weightedRate(fragile, weights, (i) => Boolean(wrong[i])),
  };
}

/**
 * Area under the ROC curve of `score` for separating positives (ties count half), weighted.
 * Used with score = −flipEpsilon (null = +∞) and positive = the model is wrong.
 */
export function auroc(
  score: ArrayLike<number>,
  positive: ArrayLike<boolean>,
  weights: ArrayLike<number>,
): number {
  const order = Array.from({ length: score.length }, (_, i) => i).sort(
    (a, b) => score[a] - score[b],
  );
  let pos = 0;
  let neg = 0;
  let area = 0;
  for (let s = 0; s < order.length;) {
    // A block of tied scores: positives in it beat the negatives below and tie with its own.
    let e = s;
    let p = 0;
    let q = 0;
    while (e < order.length && score[order[e]] === score[order[s]]) {
      const i = order[e++];
      if (positive[i]) p += weights[i];
      else q += weights[i];
    }
    area += p * neg + 0.5 * p * q;
    pos += p;
    neg += q;
    s = e;
  }
  return pos > 0 && neg > 0 ? area / (pos * neg) : NaN;
}
