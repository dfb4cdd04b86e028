import { describe, expect, it } from 'vitest';
import {
  compareBeats,
  formatEc57Table,
  grossStats,
  matchClosest,
  referenceBeatSamples,
  vfEpisodes,
} from '../../../main/analysis/ec57';

const beat = (sample: number, symbol = 'N') => ({ sample, symbol });

describe('EC57 beat-by-beat comparison', () => {
  it('takes only beat symbols as reference beats', () => {
    const ann = [
      beat(10),
      beat(20, '+'),
      beat(30, 'V'),
      beat(40, '~'),
      beat(50, '/'),
      beat(60, '!'),
      beat(70, 'Q'),
      beat(80, '?'),
    ];
    expect(Array.from(referenceBeatSamples(ann))).toEqual([10, 30, 50, 70, 80]);
  });

  it('matches within 150 ms, closest pairs first, each beat once', () => {
    const fs = 1000;
    const ann = [beat(1000), beat(2000), beat(3000)];
    // 2140 is 140 ms from 2000 (match), 3151 is 151 ms from 3000 (no match), 990 and 1010
    // compete for 1000: 990 wins (closer), 1010 is a false positive.
    const r = compareBeats('x', ann, [990, 1010, 2140, 3151], fs, { learningPeriodS: 0 });
    expect([r.tp, r.fn, r.fp]).toEqual([2, 1, 2]);
    expect(r.fnSamples).toEqual([3000]);
    expect(r.fpSamples).toEqual([1010, 3151]);
    expect(r.sePct).toBeCloseTo(66.67, 1);
    expect(r.ppvPct).toBeCloseTo(50, 5);
  });

  it('does not score the learning period (first 5 min of a long record) nor VF episodes', () => {
    const fs = 100;
    const ann = [
      beat(100),
      beat(29_900),
      beat(30_050),
      beat(40_000),
      beat(40_100, '['),
      beat(40_200, '!'),
      beat(40_500, ']'),
      beat(50_000),
    ];
    const det = [100, 200, 29_990, 30_050, 40_000, 40_200, 40_300, 50_000, 60_000];
    const r = compareBeats('x', ann, det, fs, { recordSamples: 180_000 });
    // Scored refs: 30_050, 40_000, 50_000 (29_900 is before 5:00). Detections in VF (40_200,
    // 40_300) are unscored; 60_000 is a false positive; 29_990 pairs with the unscored 29_900.
    expect([r.tp, r.fn, r.fp]).toEqual([3, 0, 1]);
    expect(vfEpisodes(ann, 180_000)).toEqual([[40_100, 40_500]]);
    // Short records have no learning period.
    const short = compareBeats('y', [beat(50), beat(150)], [50, 150], 100);
    expect(short.tp).toBe(2);
  });

  it('scores only inside a given range (LUDB annotates the middle of each record)', () => {
    const r = compareBeats('x', [beat(1000), beat(2000)], [100, 1000, 2000, 4900], 500, {
      scoreFromSample: 900,
      scoreToSample: 2100,
    });
    expect([r.tp, r.fn, r.fp]).toEqual([2, 0, 0]);
  });

  it('pools counts for gross statistics and prints a table', () => {
    const a = { tp: 99, fn: 1, fp: 0 };
    const b = { tp: 1, fn: 0, fp: 1 };
    const g = grossStats([a, b]);
    expect(g).toMatchObject({ tp: 100, fn: 1, fp: 1, records: 2 });
    expect(g.sePct).toBeCloseTo(99.0099, 3);
    const table = formatEc57Table(
      [{ record: 'r1', ...a, sePct: 99, ppvPct: 100, fnSamples: [], fpSamples: [] }],
      g,
    );
    expect(table).toContain('gross');
    expect(table.split('\n')).toHaveLength(3);
  });

  it('matchClosest is symmetric in its maps', () => {
    const { refToDet, detToRef } = matchClosest([10, 20, 30], [11, 29, 50], 3);
    expect(Array.from(refToDet)).toEqual([0, -1, 1]);
    expect(Array.from(detToRef)).toEqual([0, 2, -1]);
  });
});
