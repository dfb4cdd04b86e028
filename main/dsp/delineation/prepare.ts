/**
 * Signals the delineator works on, computed once per lead:
 * - `x`: baseline-free (0.5 Hz zero-phase high-pass, as removeBaselineWander) and 40 Hz
 *   zero-phase low-pass (4th-order Butterworth, -3 dB at 40 Hz after both passes) — waves
 *   keep their positions, and muscle noise does not create false slopes;
 * - `dQrs`: its derivative (mV/s), for the QRS boundaries;
 * - `dSlow`: the derivative of a 20 Hz low-passed copy, for the rounded P and T waves, whose
 *   slopes would otherwise drown in residual noise (the role of the coarse wavelet scales in
 *   Martinez et al. 2004).
 */
import { sosFiltfilt } from '../filters/biquad';
import { butterHighpass, butterLowpass } from '../filters/butterworth';
import { settlePadSamples, zeroPhaseCorner } from '../filters/zero-phase';
import { sanitize } from '../qrs/envelope';

export interface DelineationSignals {
  x: Float32Array;
  slow: Float32Array;
  dQrs: Float32Array;
  dSlow: Float32Array;
  fsHz: number;
}

export function derivative(x: Float32Array, fsHz: number): Float32Array {
  const n = x.length;
  const d = new Float32Array(n);
  const g = fsHz / 2;
  for (let i = 1; i < n - 1; i++) d[i] = (x[i + 1] - x[i - 1]) * g;
  if (n > 1) {
    d[0] = d[1];
    d[n - 1] = d[n - 2];
  }
  return d;
}

/**
 * High-pass 0.5 Hz (2nd-order Butterworth) and low-pass `lowHz` (order `lowOrder`) as one
 * zero-phase cascade (-3 dB at the given corners after the two passes). One call per output keeps the signal's
 * trips through memory, the real cost at these filter orders, to a minimum.
 */
function baselineAndLowpass(
  x: Float32Array,
  fsHz: number,
  lowHz: number,
  lowOrder: number,
): Float32Array {
  const hpCorner = zeroPhaseCorner('highpass', 2, 0.5, fsHz);
  const sos = [...butterHighpass(2, hpCorner, fsHz)];
  const lpCorner = zeroPhaseCorner('lowpass', lowOrder, lowHz, fsHz);
  if (lpCorner < 0.45 * fsHz) sos.push(...butterLowpass(lowOrder, lpCorner, fsHz));
  return sosFiltfilt(x, sos, settlePadSamples(hpCorner, fsHz));
}

export function prepareLead(raw: Float32Array, fsHz: number): DelineationSignals {
  const clean = sanitize(raw);
  const x = baselineAndLowpass(clean, fsHz, 40, 4);
  const slow = baselineAndLowpass(clean, fsHz, 20, 4);
  return { x, slow, dQrs: derivative(x, fsHz), dSlow: derivative(slow, fsHz), fsHz };
}
