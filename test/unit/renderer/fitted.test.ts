import { describe, expect, it } from 'vitest';
import { fitToRow, fittedLabel, fittedRange, fromRow } from '../../../renderer/src/lib/ecg/fitted';

describe('signals that are not voltages, fitted to their row', () => {
  it('takes the 1st–99th percentile of the column minima and maxima, not a lone spike', () => {
    const mins = Array.from({ length: 200 }, (_, i) => 60 + (i % 5));
    const maxs = Array.from({ length: 200 }, (_, i) => 120 + (i % 7));
    maxs[17] = 900; // one artefact
    mins[40] = Number.NaN; // a gap column
    expect(fittedRange(mins, maxs, 'mmHg')).toEqual({ lo: 60, hi: 126, units: 'mmHg' });
  });

  it('gives a flat signal ±1 unit, and nothing without values', () => {
    expect(fittedRange([5, 5], [5, 5], 'NU')).toEqual({ lo: 4, hi: 6, units: 'NU' });
    expect(fittedRange([Number.NaN], [Number.NaN], 'NU')).toBeNull();
  });

  it('maps the range onto the row less a 10 % margin each side; gaps stay gaps', () => {
    const row: [number, number] = [-1.5, 1.5]; // mV, bottom to top
    const ys = fitToRow([60, 120, null, 90], { lo: 60, hi: 120, units: 'mmHg' }, row);
    expect(ys[0]).toBeCloseTo(-1.2, 12);
    expect(ys[1]).toBeCloseTo(1.2, 12);
    expect(ys[2]).toBeNull();
    expect(ys[3]).toBeCloseTo(0, 12);
  });

  it("maps a point on the row back to the signal's units (calipers)", () => {
    const range = { lo: 77, hi: 168, units: 'mmHg' };
    const row: [number, number] = [-1, 2];
    for (const v of [77, 100, 168, 200])
      expect(fromRow(fitToRow([v], range, row)[0]!, range, row)).toBeCloseTo(v, 10);
  });

  it('labels units and range with sensible digits', () => {
    expect(fittedLabel({ lo: -50, hi: 205.9, units: 'mmHg' })).toBe('mmHg, fitted: -50 to 206');
    expect(fittedLabel({ lo: 76.8, hi: 168.3, units: 'mmHg' })).toBe('mmHg, fitted: 77 to 168');
    expect(fittedLabel({ lo: 0, hi: 1, units: 'NU' })).toBe('NU, fitted: 0.0 to 1.0');
    expect(fittedLabel({ lo: -0.001, hi: 1, units: 'Ohm' })).toBe('Ohm, fitted: 0.0 to 1.0');
    expect(fittedLabel({ lo: 0.2, hi: 0.25, units: '' })).toBe('no units, fitted: 0.200 to 0.250');
  });
});
