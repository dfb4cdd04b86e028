/**
 * Training augmentation that imitates how recordings differ between machines and sessions,
 * applied to a prepared (normalised, 100 Hz) window with one seeded generator:
 * - sampling-rate change: with probability `rateChange` the leads go down to one of `rates`
 *   and back up to 100 Hz through the pipeline's own band-limited resampler, as a recording
 *   made (or filtered) at a lower rate would reach the model;
 * - gain: a whole-record factor (log-uniform, also added to the amplitude input, since the
 *   normalisation scale would follow it) and a small independent factor per lead (electrode
 *   contact, calibration);
 * - time shift: the window moves by up to `maxShift` samples, zero-padded (zero = baseline);
 * - baseline wander: per lead, a slow sinusoid (0.05–0.5 Hz, what a 0.5 Hz high-pass leaves);
 * - noise: white Gaussian noise of a random level (muscle, electronics).
 * Labels are unchanged by every one of them (no time stretch: it would move heart rates
 * across the 60 / 100 bpm limits of SB and ST).
 */
import { resample } from '../../dsp/filters';
import { gaussian } from '../seed';
import { CLIP, N_LEADS, RECORD_FS_HZ, WINDOW_LEN } from './preprocess';

export interface AugmentOptions {
  /** Probability of a sampling-rate round trip, 0..1. Default 0.25. */
  rateChange: number;
  /** Rates (Hz, < 100) for the round trip. Default [50, 60, 75, 80]. */
  rates: number[];
  /** Max |log2| of the whole-record gain, 0..1. Default 0.25 (×0.84..1.19). */
  log2Gain: number;
  /** SD of the per-lead gain in log2 units, 0..0.5. Default 0.1. */
  leadLog2Gain: number;
  /** Max time shift in samples, 0..200. Default 50 (0.5 s). */
  maxShift: number;
  /** Max wander amplitude in normalised units (1 ≈ a QRS), 0..1. Default 0.2. */
  wander: number;
  /** Max noise SD in normalised units, 0..0.2. Default 0.05. */
  noise: number;
}

export const DEFAULT_AUGMENT: AugmentOptions = {
  rateChange: 0.25,
  rates: [50, 60, 75, 80],
  log2Gain: 0.25,
  leadLog2Gain: 0.1,
  maxShift: 50,
  wander: 0.2,
  noise: 0.05,
};

/** Augments `window` ([WINDOW_LEN][N_LEADS]) in place; returns the amplitude feature's change. */
export function augmentWindow(
  window: Float32Array,
  opts: AugmentOptions,
  rand: () => number,
): number {
  if (opts.rateChange > 0 && opts.rates.length > 0 && rand() < opts.rateChange)
    rateRoundTrip(window, opts.rates[Math.floor(rand() * opts.rates.length)]);
  const log2Global = (2 * rand() - 1) * opts.log2Gain;
  const shift = Math.round((2 * rand() - 1) * opts.maxShift);
  if (shift !== 0) shiftWindow(window, shift);
  const noiseSd = rand() * opts.noise;
  for (let k = 0; k < N_LEADS; k++) {
    const gain = Math.pow(2, log2Global + opts.leadLog2Gain * gaussian(rand));
    const amp = rand() * opts.wander;
    const freq = 0.05 + 0.45 * rand();
    const phase = 2 * Math.PI * rand();
    const w = (2 * Math.PI * freq) / RECORD_FS_HZ;
    for (let t = 0; t < WINDOW_LEN; t++) {
      const i = t * N_LEADS + k;
      let v = window[i] * gain + amp * Math.sin(w * t + phase);
      if (noiseSd > 0) v += noiseSd * gaussian(rand);
      window[i] = v > CLIP ? CLIP : v < -CLIP ? -CLIP : v;
    }
  }
  return log2Global;
}

function rateRoundTrip(window: Float32Array, rateHz: number): void {
  const lead = new Float32Array(WINDOW_LEN);
  for (let k = 0; k < N_LEADS; k++) {
    for (let t = 0; t < WINDOW_LEN; t++) lead[t] = window[t * N_LEADS + k];
    const back = resample(resample(lead, RECORD_FS_HZ, rateHz), rateHz, RECORD_FS_HZ);
    for (let t = 0; t < WINDOW_LEN; t++) window[t * N_LEADS + k] = t < back.length ? back[t] : 0;
  }
}

/** Moves the content by `shift` samples (positive = later), zero-filling what is uncovered. */
function shiftWindow(window: Float32Array, shift: number): void {
  const s = shift * N_LEADS;
  if (shift > 0) {
    window.copyWithin(s, 0, window.length - s);
    window.fill(0, 0, s);
  } else {
    window.copyWithin(0, -s);
    window.fill(0, window.length + s);
  }
}
