import { describe, expect, it } from 'vitest';
import { median } from '../../../main/dsp/median';

describe('median', () => {
  it('middle value of an odd count, mean of the middle two of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([-2, 10])).toBe(4);
  });

  it('is NaN for no values', () => {
    expect(median([])).toBeNaN();
    expect(median(new Float32Array(0))).toBeNaN();
  });

  it('sorts numerically (not as strings) and leaves the input alone', () => {
    const v = new Float32Array([10, 9, 100, 2]);
    expect(median(v)).toBe(9.5);
    expect(Array.from(v)).toEqual([10, 9, 100, 2]);
    const a = [10, 9, 100];
    expect(median(a)).toBe(10);
    expect(a).toEqual([10, 9, 100]);
  });

  it('averages Float32 values in double precision', () => {
    const x = Math.fround(0.1);
    const y = Math.fround(0.7);
    expect(median(new Float32Array([y, x]))).toBe((x + y) / 2);
  });
});
