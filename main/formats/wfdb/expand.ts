/**
 * Bringing signals of different rates to one rate, and one calibration, so every lead of a
 * ParsedRecording has the same length and a single gain/baseline.
 */
import { WfdbSignalError } from '../errors';
import { INVALID_SAMPLE } from '../types';
import { MAX_TOTAL_SAMPLES } from './limits';

const INT32_MAX = 2147483647;

/**
 * Writes `frames` frames of a signal stored at `spf` samples per frame into `dst` at
 * `dstStart`, as `outSpf` samples per frame. When outSpf > spf each stored sample is held
 * (repeated) for its share of the frame: no interpolation, so digital values stay exactly as
 * recorded and invalid samples stay invalid.
 */
export function expandInto(
  dst: Int32Array,
  dstStart: number,
  src: Int32Array,
  frames: number,
  spf: number,
  outSpf: number,
): void {
  if (spf === outSpf) {
    dst.set(src.subarray(0, frames * spf), dstStart);
    return;
  }
  // Which stored sample of the frame each output slot takes (computed once, not per frame).
  const pick = new Int32Array(outSpf);
  for (let m = 0; m < outSpf; m++) pick[m] = Math.floor((m * spf) / outSpf);
  for (let f = 0, o = dstStart, s = 0; f < frames; f++, s += spf) {
    for (let m = 0; m < outSpf; m++, o++) dst[o] = src[s + pick[m]];
  }
}

export interface Calibration {
  gain: number;
  baseline: number;
}

/**
 * Re-expresses digital samples recorded with calibration `from` in calibration `to` (same
 * physical value), in place. Used for variable-layout multi-segment records, whose segments
 * may use gains that differ from the layout header's; the WFDB library rescales likewise.
 */
export function rescaleInPlace(samples: Int32Array, from: Calibration, to: Calibration): void {
  if (from.gain === to.gain && from.baseline === to.baseline) return;
  const factor = to.gain / from.gain;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i];
    if (v === INVALID_SAMPLE) continue;
    // Clamped so that a wild value can neither wrap nor turn into the invalid marker.
    const scaled = Math.round((v - from.baseline) * factor + to.baseline);
    samples[i] = Math.min(INT32_MAX, Math.max(INVALID_SAMPLE + 1, scaled));
  }
}

/** Refuses records that would decode to more than MAX_TOTAL_SAMPLES values. */
export function checkTotalSamples(total: number, file: string, what: string): void {
  if (total <= MAX_TOTAL_SAMPLES) return;
  throw new WfdbSignalError(
    file,
    `${what} would decode to ${total} samples, more than the limit of ${MAX_TOTAL_SAMPLES}`,
  );
}
