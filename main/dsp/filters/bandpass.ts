/**
 * Zero-phase band-pass (Butterworth high-pass and low-pass cascaded, each applied forward and
 * backward). Used for the QRS-enhancing band (~5-20 Hz) where zero phase keeps the detection
 * envelope centred on the QRS instead of lagging it.
 */
import { butterHighpass, butterLowpass } from './butterworth';
import { sosFiltfilt } from './biquad';
import { settlePadSamples, zeroPhaseCorner } from './zero-phase';

export interface BandpassOptions {
  /** Butterworth order of each edge, per pass. Default 2. */
  order?: number;
}

export function bandPass(
  x: Float32Array,
  fsHz: number,
  lowHz: number,
  highHz: number,
  opts: BandpassOptions = {},
): Float32Array {
  if (!(lowHz > 0 && highHz > lowHz)) throw new RangeError(`bad band ${lowHz}..${highHz} Hz`);
  const order = opts.order ?? 2;
  const lowCorner = zeroPhaseCorner('highpass', order, lowHz, fsHz);
  const highCorner = zeroPhaseCorner('lowpass', order, highHz, fsHz);
  const sos = [...butterHighpass(order, lowCorner, fsHz)];
  if (highCorner < 0.49 * fsHz) sos.push(...butterLowpass(order, highCorner, fsHz));
  return sosFiltfilt(x, sos, settlePadSamples(lowCorner, fsHz));
}
