/**
 * Decision thresholds and the model/rule combination, chosen on PTB-XL fold 9 only.
 *
 * Threshold search: sort the records by score; every cut between two distinct scores is a
 * candidate ("present" = score ≥ threshold); the cut with the highest F1 wins and the
 * threshold is placed midway between the lowest score called present and the highest called
 * absent, so it does not sit on a validation record's exact score. Ties in F1 go to the cut
 * that calls fewer records present (the higher threshold).
 *
 * Combination (the six codes that have a rule): score = (1 − w)·p + w·r with p the model's
 * probability and r ∈ {0, 1} the rule's verdict. w = 0 is the model alone, w = 1 the rule
 * alone, and in between the threshold decides between "model OR rule" (low thresholds) and
 * "model AND rule" (high ones). w comes from RULE_WEIGHTS by fold-9 F1 after its own
 * threshold search; ties go to the higher fold-9 AUC of the combined score, then to the
 * smaller w (the model, which ranks records, over a yes/no rule).
 */
import { auc } from './metrics';

export interface ThresholdChoice {
  threshold: number;
  /** F1 on the records it was chosen on. */
  f1: number;
}

export function bestF1Threshold(
  truth: ArrayLike<number>,
  score: ArrayLike<number>,
): ThresholdChoice {
  const n = truth.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[b] - score[a]);
  let positives = 0;
  for (let i = 0; i < n; i++) if (truth[i] > 0) positives++;
  // Start with nothing called present (threshold above every score).
  let best: ThresholdChoice = { threshold: n ? score[order[0]] + 1e-6 : 0.5, f1: 0 };
  if (positives === 0 || n === 0) return { ...best, f1: NaN };
  let tp = 0;
  for (let k = 0; k < n; k++) {
    if (truth[order[k]] > 0) tp++;
    const cutHere = k === n - 1 || score[order[k + 1]] < score[order[k]];
    if (!cutHere) continue;
    const called = k + 1;
    const f1 = (2 * tp) / (called + positives);
    if (f1 > best.f1) {
      const lowIn = score[order[k]];
      const highOut = k === n - 1 ? lowIn - 1e-6 : score[order[k + 1]];
      best = { threshold: (lowIn + highOut) / 2, f1 };
    }
  }
  return best;
}

export const RULE_WEIGHTS = [0, 0.25, 0.5, 0.75, 1] as const;

export function combinedScore(p: number, rule: number, w: number): number {
  return (1 - w) * p + w * (rule > 0 ? 1 : 0);
}

export interface CombinationChoice {
  ruleWeight: number;
  threshold: number;
  f1: number;
  auc: number;
}

export function chooseCombination(
  truth: ArrayLike<number>,
  modelProb: ArrayLike<number>,
  rule: ArrayLike<number>,
  weights: readonly number[] = RULE_WEIGHTS,
): CombinationChoice {
  let best: CombinationChoice | null = null;
  for (const w of weights) {
    const s = Float64Array.from({ length: truth.length }, (_, i) =>
      combinedScore(modelProb[i], rule[i], w),
    );
    const t = bestF1Threshold(truth, s);
    const a = auc(truth, s);
    const better =
      !best ||
      t.f1 > best.f1 + 1e-12 ||
      (Math.abs(t.f1 - best.f1) <= 1e-12 && a > best.auc + 1e-12);
    if (better) best = { ruleWeight: w, threshold: t.threshold, f1: t.f1, auc: a };
  }
  if (!best) throw new RangeError('no rule weights given');
  return best;
}
