/**
 * Fiducial point of a detected QRS on the analysed lead: its main deflection, i.e. the sample
 * of largest absolute amplitude (after baseline removal) inside the QRS region, which is
 * where the detection envelope stays above a fraction of its peak. Limiting the search to
 * that region (and to +-`maxOffsetMs`) keeps a tall T or P wave from capturing the fiducial.
 */
export function refineFiducials(
  x: Float32Array,
  envelope: Float32Array,
  peaks: ArrayLike<number>,
  fsHz: number,
  maxOffsetMs = 100,
  regionFraction = 0.4,
): Int32Array {
  const n = x.length;
  const maxOff = Math.round((maxOffsetMs * fsHz) / 1000);
  const out = new Int32Array(peaks.length);
  for (let k = 0; k < peaks.length; k++) {
    const p = peaks[k];
    const level = envelope[p] * regionFraction;
    let a = p;
    while (a > 0 && p - a < maxOff && envelope[a - 1] >= level) a--;
    let b = p;
    while (b < n - 1 && b - p < maxOff && envelope[b + 1] >= level) b++;
    // Do not cross into the neighbouring beats.
    if (k > 0) a = Math.max(a, Math.ceil((peaks[k - 1] + p) / 2));
    if (k < peaks.length - 1) b = Math.min(b, Math.floor((peaks[k + 1] + p) / 2));
    let best = p;
    let bestV = -1;
    for (let i = a; i <= b; i++) {
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
