/**
 * Fiducial point of a detected QRS on the analysed lead: its main deflection, i.e. the sample
 * of largest absolute amplitude (after baseline removal) inside the QRS region, which is
 * where the detection envelope stays above 40 % of its peak. Limiting the search to that
 * region (and to +-`maxOffsetMs`) keeps a tall T or P wave from capturing the fiducial.
 *
 * `envelope` and `peaks` are at the envelope's rate, `decimation` times slower than `x`.
 */
export function refineFiducials(
  x: Float32Array,
  envelope: Float32Array,
  peaks: ArrayLike<number>,
  fsHz: number,
  decimation: number,
  maxOffsetMs = 100,
): Int32Array {
  const n = x.length;
  const ne = envelope.length;
  const maxOff = Math.round((maxOffsetMs * fsHz) / 1000 / decimation);
  const out = new Int32Array(peaks.length);
  for (let k = 0; k < peaks.length; k++) {
    const p = peaks[k];
    const level = envelope[p] * 0.4;
    let a = p;
    while (a > 0 && p - a < maxOff && envelope[a - 1] >= level) a--;
    let b = p;
    while (b < ne - 1 && b - p < maxOff && envelope[b + 1] >= level) b++;
    // Do not cross into the neighbouring beats.
    if (k > 0) a = Math.max(a, Math.ceil((peaks[k - 1] + p) / 2));
    if (k < peaks.length - 1) b = Math.min(b, Math.floor((peaks[k + 1] + p) / 2));
    const lo = Math.max(0, a * decimation);
    const hi = Math.min(n - 1, b * decimation + decimation - 1);
    let best = Math.min(n - 1, p * decimation);
    let bestV = -1;
    for (let i = lo; i <= hi; i++) {
      const v = Math.abs(x[i]);
      if (v > bestV) {
        bestV = v;
        best = i;
      }
    }
    out[k] = best;
  }
  return out;
}
