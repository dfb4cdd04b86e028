import { INVALID_SAMPLE } from '../formats/types';

/** Columns a window of `n` samples is reduced to: raw (step 1) unless it exceeds maxPoints. */
export function reductionStep(n: number, maxPoints: number | undefined): number {
  if (maxPoints === undefined || n <= maxPoints) return 1;
  return Math.ceil(n / maxPoints);
}

/** Digital → physical (millivolts when the lead is a voltage); "no sample" → NaN. */
export function toPhysical(
  digital: Int32Array,
  baseline: number,
  gain: number,
  toMillivolts: number | null,
): number[] {
  const scale = toMillivolts ?? 1;
  const out = new Array<number>(digital.length);
  for (let i = 0; i < digital.length; i++) {
    const d = digital[i];
    out[i] = d === INVALID_SAMPLE ? NaN : ((d - baseline) / gain) * scale;
  }
  return out;
}

/**
 * Min and max of each run of `step` samples (the last column may be shorter), skipping
 * "no sample"; a column with no valid sample gives INVALID_SAMPLE for both.
 */
export function minMaxColumns(
  digital: Int32Array,
  step: number,
): { min: Int32Array; max: Int32Array } {
  const cols = Math.ceil(digital.length / step);
  const min = new Int32Array(cols);
  const max = new Int32Array(cols);
  for (let c = 0; c < cols; c++) {
    let lo = Infinity;
    let hi = -Infinity;
    const end = Math.min(digital.length, (c + 1) * step);
    for (let i = c * step; i < end; i++) {
      const d = digital[i];
      if (d === INVALID_SAMPLE) continue;
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
    min[c] = lo === Infinity ? INVALID_SAMPLE : lo;
    max[c] = hi === -Infinity ? INVALID_SAMPLE : hi;
  }
  return { min, max };
}
