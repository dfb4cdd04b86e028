/**
 * Median of `values` (NaN when there are none). Sorts a Float64 copy, so the input is left
 * alone and Float32 values are averaged exactly. NaN inputs are not skipped: filter them first
 * where gaps can occur.
 */
export function median(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const h = s.length >> 1;
  if (s.length === 0) return Number.NaN;
  return s.length % 2 ? s[h] : 0.5 * (s[h - 1] + s[h]);
}
