/**
 * Zero-phase low-pass for display and analysis (typical cut-offs 40, 100 or 150 Hz).
 *
 * Butterworth, 4th order per pass (8th overall), -3 dB exactly at `cutoffHz` after the
 * forward-backward pass. When the cut-off is at or above ~the Nyquist frequency the recording
 * holds no content to remove and a copy is returned (e.g. 150 Hz on a 250 Hz recording).
 */
import { butterLowpass } from './butterworth';
import { sosFiltfilt } from './biquad';
import { settlePadSamples, zeroPhaseCorner } from './zero-phase';

export interface LowpassOptions {
  /** Butterworth order per pass. Default 4. */
  order?: number;
}

export function lowPass(x: Float32Array, fsHz: number, cutoffHz: number, opts: LowpassOptions = {}): Float32Array {
  const order = opts.order ?? 4;
  const corner = zeroPhaseCorner('lowpass', order, cutoffHz);
  if (corner >= 0.49 * fsHz) return Float32Array.from(x);
  const sos = butterLowpass(order, corner, fsHz);
  return sosFiltfilt(x, sos, settlePadSamples(corner, fsHz));
}
