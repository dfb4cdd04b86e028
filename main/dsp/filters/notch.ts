/**
 * Powerline (mains) interference removal: a narrow IIR notch at 50 or 60 Hz, and optionally
 * at its harmonics below Nyquist, applied forward and backward (zero phase, so the notch's
 * phase swing near the mains frequency does not smear QRS edges).
 *
 * Quality factor 30 (-3 dB band ~1.7 Hz at 50 Hz, single pass) is narrow enough to leave QRS
 * energy alone and wide enough for the +-0.5 Hz tolerance of mains frequency.
 */
import type { Biquad, Sos } from './biquad';
import { sosFiltfilt } from './biquad';

export type MainsHz = 50 | 60;

export interface NotchOptions {
  /** f0 / bandwidth. Default 30. */
  quality?: number;
  /** Also notch 2x, 3x ... mains up to this count of harmonics (1 = fundamental only). Default 1. */
  harmonics?: number;
}

/** RBJ-cookbook notch biquad at `centerHz` (unity gain away from the notch). */
export function notchBiquad(centerHz: number, fsHz: number, quality: number): Biquad {
  const w0 = (2 * Math.PI * centerHz) / fsHz;
  const cw = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * quality);
  const a0 = 1 + alpha;
  return { b0: 1 / a0, b1: (-2 * cw) / a0, b2: 1 / a0, a1: (-2 * cw) / a0, a2: (1 - alpha) / a0 };
}

export function removePowerline(
  x: Float32Array,
  fsHz: number,
  mainsHz: MainsHz,
  opts: NotchOptions = {},
): Float32Array {
  const quality = opts.quality ?? 30;
  const harmonics = opts.harmonics ?? 1;
  const sos: Biquad[] = [];
  for (let h = 1; h <= harmonics; h++) {
    const f = mainsHz * h;
    if (f < 0.48 * fsHz) sos.push(notchBiquad(f, fsHz, quality));
  }
  if (sos.length === 0) return Float32Array.from(x);
  const s: Sos = sos;
  // The notch's envelope decays with time constant Q / (pi f0): a few tenths of a second.
  const pad = Math.ceil((4 * quality * fsHz) / (Math.PI * mainsHz));
  return sosFiltfilt(x, s, pad);
}
