import { describe, expect, it } from 'vitest';
import { beatReport } from '../../../../main/ml/beats/metrics';
import { chooseCandidate, type Candidate } from '../../../../main/ml/prune/select';

/** A report with `wrongN` of 100 N beats called S, and `wrongV` of 20 V beats called N. */
function report(wrongN: number, wrongV = 2) {
  return beatReport([
    [100 - wrongN, wrongN, 0, 0, 0],
    [2, 18, 0, 0, 0],
    [wrongV, 0, 20 - wrongV, 0, 0],
    [0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0],
  ]);
}

const sizes = (f: number) => ({
  convFilters: [f, f, f],
  denseUnits: 16,
  rrUnits: 16,
  headUnits: 32,
});

describe('pruning choice', () => {
  it('takes the cheapest candidate within 1 point, then the better schedule', () => {
    const ref = report(2);
    const cands: Candidate[] = [
      { target: sizes(16), method: 'multistage', flops: 300, val: report(2) },
      { target: sizes(12), method: 'multistage', flops: 200, val: report(3) },
      { target: sizes(12), method: 'one-shot', flops: 200, val: report(2) },
      { target: sizes(8), method: 'one-shot', flops: 100, val: report(15) },
    ];
    const c = chooseCandidate(ref, cands);
    expect(c.withinTolerance).toBe(true);
    expect([c.chosen.flops, c.chosen.method]).toEqual([200, 'one-shot']);
  });

  it('falls back to the least-pruned size when nothing is within 1 point', () => {
    const c = chooseCandidate(report(0), [
      { target: sizes(12), method: 'one-shot', flops: 200, val: report(20) },
      { target: sizes(8), method: 'one-shot', flops: 100, val: report(10) },
    ]);
    expect([c.withinTolerance, c.chosen.flops]).toEqual([false, 200]);
  });
});
