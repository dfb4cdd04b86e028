/**
 * Baseline-wander removal that keeps the ST segment.
 *
 * A causal high-pass at 0.5 Hz shifts and tilts the ST segment (phase distortion at the
 * heart-rate fundamental), which is why AHA/IEC 60601-2-25 limit causal filters to 0.05 Hz
 * but allow up to 0.67 Hz for linear- or zero-phase filters. Here the high-pass is a
 * Butterworth applied forward and backward: zero phase, -3 dB at `cutoffHz` (default 0.5 Hz,
 * a safe margin under the 0.67 Hz limit and under the lowest heart rate of interest, 40 bpm).
 *
 * The IEC 60601-2-25 impulse test (3 mV x 100 ms pulse) displaces the baseline after the pulse
 * by ~0.27 mV for any 0.5 Hz high-pass, causal or not; what zero phase buys is that the
 * displacement is mirrored before the pulse, so ST measured against the PR baseline moves by
 * under 0.01 mV (2nd order per pass, 0.5 Hz) — see test/unit/dsp/filters.test.ts. Second order
 * per pass (4th overall) keeps the pass band flat from 1 Hz (gain 0.975 at 1 Hz, i.e. 60 bpm)
 * while removing respiration-driven wander (gain 0.13 at 0.25 Hz).
 */
import { butterHighpass } from './butterworth';
import { sosFiltfilt } from './biquad';
import { settlePadSamples, zeroPhaseCorner } from './zero-phase';

export interface BaselineOptions {
  /** -3 dB point of the zero-phase high-pass, 0.05..0.67 Hz for diagnostic use. Default 0.5. */
  cutoffHz?: number;
  /** Butterworth order of each pass. Default 2. */
  order?: number;
}

export function removeBaselineWander(
  x: Float32Array,
  fsHz: number,
  opts: BaselineOptions = {},
): Float32Array {
  const cutoffHz = opts.cutoffHz ?? 0.5;
  const order = opts.order ?? 2;
  const corner = zeroPhaseCorner('highpass', order, cutoffHz, fsHz);
  const sos = butterHighpass(order, corner, fsHz);
  return sosFiltfilt(x, sos, settlePadSamples(corner, fsHz));
}
