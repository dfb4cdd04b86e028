import { describe, expect, it } from 'vitest';
import {
  auc,
  binaryStats,
  bootstrap,
  meanFinite,
  percentile,
} from '../../../../main/ml/record/metrics';
import {
  bestF1Threshold,
  chooseCombination,
  combinedScore,
} from '../../../../main/ml/record/thresholds';
import { mulberry32 } from '../../../../main/ml/seed';

/** AUC by counting every positive–negative pair (ties = 1/2): the definition. */
function pairAuc(y: number[], s: number[]): number {
  let wins = 0;
  let pairs = 0;
  y.forEach((yi, i) =>
    y.forEach((yj, j) => {
      if (yi === 1 && yj === 0) {
        pairs++;
        wins += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
      }
    }),
  );
  return wins / pairs;
}

describe('binary statistics', () => {
  it('matches hand-computed counts and ratios', () => {
    const s = binaryStats([1, 1, 1, 0, 0, 0, 0, 1], [1, 0, 1, 1, 0, 0, 0, 0]);
    expect([s.tp, s.fn, s.fp, s.tn, s.positives]).toEqual([2, 2, 1, 3, 4]);
    expect(s.se).toBeCloseTo(0.5);
    expect(s.sp).toBeCloseTo(0.75);
    expect(s.ppv).toBeCloseTo(2 / 3);
    expect(s.f1).toBeCloseTo(4 / 7);
  });

  it('is undefined (NaN), not 0 or 1, without positives or predictions', () => {
    const s = binaryStats([0, 0, 0], [0, 0, 0]);
    expect(s.se).toBeNaN();
    expect(s.ppv).toBeNaN();
    expect(s.f1).toBeNaN();
    expect(s.sp).toBe(1);
    expect(binaryStats([1, 0], [0, 0]).f1).toBe(0);
  });

  it('uses the listed records only (a bootstrap resample may repeat one)', () => {
    const s = binaryStats([1, 0, 1], [1, 1, 0], [0, 0, 1]);
    expect([s.tp, s.fp, s.n]).toEqual([2, 1, 3]);
  });
});

describe('AUC', () => {
  it('matches a hand-computed value and the pair-counting definition with ties', () => {
    expect(auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75);
    expect(auc([0, 1], [0.5, 0.5])).toBe(0.5);
    const rand = mulberry32(5);
    const y = Array.from({ length: 60 }, () => (rand() < 0.3 ? 1 : 0));
    const s = y.map((v) => Math.round((v * 0.3 + rand()) * 10) / 10); // coarse: many ties
    expect(auc(y, s)).toBeCloseTo(pairAuc(y, s), 12);
  });

  it('is NaN with one class only', () => {
    expect(auc([1, 1], [0.2, 0.3])).toBeNaN();
  });
});

describe('bootstrap', () => {
  const y = Array.from({ length: 100 }, (_, i) => (i < 30 ? 1 : 0));
  const mean = (idx: Int32Array): number[] => [
    Array.from(idx).reduce((a, i) => a + y[i], 0) / idx.length,
  ];

  it('gives the normal-theory interval for a proportion (0.30 ± 0.09)', () => {
    const [ci] = bootstrap(100, mean, { replicates: 2000, seed: 3 });
    expect(ci.value).toBeCloseTo(0.3);
    expect(ci.lo).toBeGreaterThan(0.19);
    expect(ci.lo).toBeLessThan(0.23);
    expect(ci.hi).toBeGreaterThan(0.37);
    expect(ci.hi).toBeLessThan(0.41);
  });

  it('is reproducible with a seed and changes with another', () => {
    const a = bootstrap(100, mean, { replicates: 200, seed: 1 });
    expect(bootstrap(100, mean, { replicates: 200, seed: 1 })).toEqual(a);
    expect(bootstrap(100, mean, { replicates: 200, seed: 2 })).not.toEqual(a);
  });

  it('leaves undefined replicates out', () => {
    const [ci] = bootstrap(3, () => [NaN], { replicates: 10, seed: 1 });
    expect(ci.lo).toBeNaN();
    expect(meanFinite([NaN, 1, 3])).toBe(2);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
  });
});

describe('threshold search (F1-maximising)', () => {
  it('finds the best cut and puts the threshold between the two scores', () => {
    // Cuts after 1..6 records: F1 0.5, 0.8, 0.67, 0.857, 0.75, 0.67.
    const t = bestF1Threshold([1, 1, 0, 1, 0, 0], [0.9, 0.8, 0.7, 0.6, 0.5, 0.4]);
    expect(t.f1).toBeCloseTo(6 / 7);
    expect(t.threshold).toBeCloseTo(0.55);
  });

  it('never splits tied scores', () => {
    const t = bestF1Threshold([1, 0, 1], [0.5, 0.5, 0.1]);
    // Cuts: both 0.5s (F1 0.5) or all three (F1 0.8); never one 0.5 without the other.
    expect(t.f1).toBeCloseTo(0.8);
    expect(t.threshold).toBeLessThan(0.1);
  });

  it('returns NaN F1 without positives', () => {
    expect(bestF1Threshold([0, 0], [0.1, 0.2]).f1).toBeNaN();
  });
});

describe('model/rule combination', () => {
  const y = [1, 1, 1, 0, 0, 0, 0, 0];
  const perfect = [0.9, 0.8, 0.7, 0.3, 0.2, 0.1, 0.15, 0.05];
  const useless = [0.5, 0.2, 0.6, 0.4, 0.7, 0.3, 0.55, 0.45];

  it('keeps the model alone when the model is perfect and the rule is noise', () => {
    const c = chooseCombination(y, perfect, [0, 1, 0, 1, 1, 0, 0, 0]);
    expect(c.ruleWeight).toBe(0);
    expect(c.f1).toBe(1);
  });

  it('relies on a perfect rule when the model is noise', () => {
    const c = chooseCombination(y, useless, [1, 1, 1, 0, 0, 0, 0, 0]);
    expect(c.f1).toBe(1);
    expect(c.ruleWeight).toBeGreaterThanOrEqual(0.5);
  });

  it('scores (1 − w)·p + w·rule', () => {
    expect(combinedScore(0.4, 1, 0.25)).toBeCloseTo(0.55);
    expect(combinedScore(0.4, 0, 1)).toBe(0);
  });
});
