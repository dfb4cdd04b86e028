/**
 * Gaps (invalid samples, NaN; analysis/signal.ts) before filtering: the IIR filters here would
 * carry one NaN through the whole signal, so gaps are filled with the signal's mean first.
 */

/**
 * `x` with every non-finite sample replaced by the mean of the finite ones (0 if there are
 * none); `x` itself when it has no gap.
 */
export function fillGaps(x: Float32Array): Float32Array {
  let sum = 0;
  let finite = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (Number.isFinite(v)) {
      sum += v;
      finite++;
    }
  }
  if (finite === x.length) return x;
  const mean = finite ? sum / finite : 0;
  const out = x.slice();
  for (let i = 0; i < out.length; i++) if (!Number.isFinite(out[i])) out[i] = mean;
  return out;
}
