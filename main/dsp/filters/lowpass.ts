/**
 * Zero-phase low-pass for display and analysis (typical cut-offs 40, 100 or 150 Hz).
 *
 * Butterworth, 4th order per pass (8th overall), -3 dB exactly at `cutoffHz` after the
 * forward-backward pass. When the cut-off is at or above the Nyquist frequency the recording
 * holds no content to remove and a copy is returned (e.g. 150 Hz on a 250 Hz recording);
 * when it is just under it (40 Hz at 100 Hz), the corner is placed at 0.45 fs, the highest a
 * bilinear design resolves cleanly.
 */
import { butterLowpass } from './butterworth';
import { sosFiltfilt } from './biquad';
import { settlePadSamples, zeroPhaseCorner } from './zero-phase';

export interface LowpassOptions {
  /** Butterworth order per pass. Default 4. */
  order?: number;
}

export function lowPass(
  x: Float32Array,
  fsHz: number,
  cutoffHz: number,
  opts: LowpassOptions = {},
): Float32Array {
  const order = opts.order ?? 4;
  if (cutoffHz >= 0.5 * fsHz) return Float32Array.from(x);
  const corner = Math.min(zeroPhaseCorner('lowpass', order, cutoffHz, fsHz), 0.45 * fsHz);
  const sos = butterLowpass(order, corner, fsHz);
  return sosFiltfilt(x, sos, settlePadSamples(corner, fsHz));
}
