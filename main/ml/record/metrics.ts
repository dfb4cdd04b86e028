/**
 * Binary (one code at a time) statistics of record-level findings, and seeded bootstrap
 * confidence intervals. Conventions: Se = TP/(TP+FN), Sp = TN/(TN+FP), +P = TP/(TP+FP),
 * F1 = 2TP/(2TP+FP+FN); a ratio with a zero denominator is NaN (undefined, e.g. Se without
 * positives), never 0 or 1. AUC is the Mann–Whitney probability that a random positive scores
 * above a random negative (ties count one half); NaN without both classes.
 */
import { mulberry32 } from '../seed';

export interface BinaryStats {
  n: number;
  positives: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  se: number;
  sp: number;
  ppv: number;
  f1: number;
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : NaN);

/** Counts and ratios over the records listed in `idx` (all records when omitted). */
export function binaryStats(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  idx?: ArrayLike<number>,
): BinaryStats {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  const n = idx ? idx.length : truth.length;
  for (let j = 0; j < n; j++) {
    const i = idx ? idx[j] : j;
    const y = truth[i] > 0;
    const p = predicted[i] > 0;
    if (y && p) tp++;
    else if (y) fn++;
    else if (p) fp++;
    else tn++;
  }
  return {
    n,
    positives: tp + fn,
    tp,
    fp,
    tn,
    fn,
    se: ratio(tp, tp + fn),
    sp: ratio(tn, tn + fp),
    ppv: ratio(tp, tp + fp),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
  };
}

/** Mann–Whitney AUC with average ranks for ties, over `idx` (all records when omitted). */
export function auc(
  truth: ArrayLike<number>,
  score: ArrayLike<number>,
  idx?: ArrayLike<number>,
): number {
  const n = idx ? idx.length : truth.length;
  const order = Array.from({ length: n }, (_, j) => (idx ? idx[j] : j));
  order.sort((a, b) => score[a] - score[b]);
  let rankSumPos = 0;
  let pos = 0;
  for (let start = 0; start < n;) {
    let end = start;
    while (end + 1 < n && score[order[end + 1]] === score[order[start]]) end++;
    const avgRank = (start + end) / 2 + 1; // 1-based ranks
    for (let k = start; k <= end; k++)
      if (truth[order[k]] > 0) {
        rankSumPos += avgRank;
        pos++;
      }
    start = end + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Mean of the finite values; NaN when there is none. */
export function meanFinite(values: readonly number[]): number {
  const v = values.filter(Number.isFinite);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
}

export interface Interval {
  value: number;
  /** 2.5th and 97.5th percentiles of the bootstrap replicates (NaN when undefined in all). */
  lo: number;
  hi: number;
}

export interface BootstrapOptions {
  replicates: number;
  seed: number;
}

export const DEFAULT_BOOTSTRAP: BootstrapOptions = { replicates: 1000, seed: 20240607 };

/**
 * Percentile bootstrap over records: `statistics(idx)` returns a vector of statistics for the
 * records in idx; it is computed on all records (the values) and on `replicates` resamples
 * with replacement drawn from a seeded generator (the 95 % intervals). Replicates in which a
 * statistic is undefined (e.g. no positive drawn) are left out of that statistic's interval.
 */
export function bootstrap(
  n: number,
  statistics: (idx: Int32Array) => number[],
  opts: BootstrapOptions = DEFAULT_BOOTSTRAP,
): Interval[] {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const values = statistics(all);
  const samples = values.map(() => [] as number[]);
  const rand = mulberry32(opts.seed);
  const idx = new Int32Array(n);
  for (let r = 0; r < opts.replicates; r++) {
    for (let i = 0; i < n; i++) idx[i] = Math.floor(rand() * n);
    statistics(idx).forEach((v, k) => {
      if (Number.isFinite(v)) samples[k].push(v);
    });
  }
  return values.map((value, k) => {
    const s = samples[k].sort((a, b) => a - b);
    return { value, lo: percentile(s, 0.025), hi: percentile(s, 0.975) };
  });
}

/** Linear-interpolated percentile of sorted values; NaN when empty. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}
