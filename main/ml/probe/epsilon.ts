/**
 * The probe's ε convention and its fragility threshold.
 *
 * ε is an L∞ radius on "the beat scaled to [0, 1]": for each beat, min–max scaling of its
 * channel 0 (the normalised beat window) over the window. In model units the radius is
 * ε · range, with range = max − min of channel 0, and the same δ is added to both channels
 * (attack.ts says why). Channel 0 is the recorded waveform divided by the record's median QRS
 * peak-to-peak, so ε · range · recordScale is the largest change in signal units (mV for
 * MIT-BIH): ε is a fraction of the beat's own amplitude range, which spans its QRS.
 */
import { N_CHANNELS, WINDOW_LEN } from '../beats/preprocess';
import type { AttackNorm } from './attack';

/**
 * A beat is `fragile` when a label change was found below this ε. From first principles:
 * - A compliant recorder may itself add ±25 µV: IEC 60601-2-47 (ambulatory ECG) allows 50 µV
 *   peak-to-valley of system noise (AAMI EC11 / IEC 60601-2-25, diagnostic: 30 µV).
 * - On paper at 10 mm/mV, 25 µV is 0.25 mm, a quarter of a small square: not visible.
 * - The ε scale is the beat's range. On DS1 (training records, MLII, all 51 013 N/S/V/F beats,
 *   range · recordScale) it is 2.0 mV at the median, 1.2–3.1 mV from the 10th to the 90th
 *   percentile. ε = 0.01 is then 20 µV on the median beat and 12–31 µV for 80 % of beats: at or
 *   inside the noise a recorder is allowed.
 * A label that a change of that size can flip is not one a reader should rely on. Only beat
 * amplitudes were looked at to turn µV into ε; no error rate of any split informed the value
 * (the DS1/DS2 error rates either side of it are in README.md, as results).
 */
export const FRAGILE_EPSILON = 0.01;

/**
 * The largest ε the probe tries (flipEpsilon is null beyond it): ~0.5 mV on the median beat,
 * as large as a T wave. A label change there needs a different-looking beat, so it says
 * nothing about fragility.
 */
export const MAX_EPSILON = 0.25;

/** Below this the search does not resolve ε (2 µV on the median beat; MIT-BIH's LSB is 5 µV). */
export const MIN_EPSILON = 0.001;

/**
 * The NSR variant (Ma & Liang 2020's noise-to-signal ratio): ε is ‖δ‖₂ / ‖x‖₂ with x the beat's
 * channel 0 over the window (levelled at its median, preprocess.ts), i.e. the RMS of the change
 * over the RMS of the beat. `fragile` below FRAGILE_NSR = 0.025, from the same recorder limit as
 * FRAGILE_EPSILON: 50 µV peak-to-valley of system noise is about 8 µV RMS (≈ 6σ for Gaussian
 * noise), and the beat's RMS on DS1 (training records, MLII, all N/S/V/F beats, × record scale)
 * is 0.33 mV at the median (0.18–0.48 mV, 10th–90th percentile): 0.025 is 8 µV RMS on the
 * median beat, 4–12 µV for 80 % of beats. Only DS1 amplitudes informed the value.
 */
export const FRAGILE_NSR = 0.025;

/** The largest NSR tried: a change with a quarter of the beat's energy (−6 dB). */
export const MAX_NSR = 0.5;

/** The smallest NSR resolved (0.7 µV RMS on the median beat, below MIT-BIH's 5 µV step). */
export const MIN_NSR = 0.002;

/** ‖channel 0‖₂ per beat over the window (the NSR variant's scale), layout as channel0Ranges. */
export function channel0Norms(
  windows: Float32Array,
  n: number,
  len: number = WINDOW_LEN,
  channels: number = N_CHANNELS,
): Float32Array {
  return perBeatChannel0(windows, n, len, channels, (v) =>
    Math.sqrt(v.reduce((a, x) => a + x * x, 0)),
  );
}

/** max − min of channel 0 per beat, windows laid out [n][len][channels]. */
export function channel0Ranges(
  windows: Float32Array,
  n: number,
  len: number = WINDOW_LEN,
  channels: number = N_CHANNELS,
): Float32Array {
  return perBeatChannel0(windows, n, len, channels, (v) => {
    let mn = Infinity;
    let mx = -Infinity;
    for (const x of v) {
      if (x < mn) mn = x;
      if (x > mx) mx = x;
    }
    return mx - mn;
  });
}

/** Model units per unit of ε, per beat: channel-0 range (L∞) or its L2 norm (NSR). */
export function epsilonScales(
  windows: Float32Array,
  n: number,
  norm: AttackNorm = 'linf',
  len: number = WINDOW_LEN,
  channels: number = N_CHANNELS,
): Float32Array {
  return (norm === 'l2' ? channel0Norms : channel0Ranges)(windows, n, len, channels);
}

/**
 * What a flip at ε = 1 changes, per beat, in model units: the largest sample change (L∞, the
 * range itself) or the change's RMS over the window (NSR: the norm over √len). Times ε and the
 * record scale it is flipAmplitude.
 */
export function amplitudeScales(
  windows: Float32Array,
  n: number,
  norm: AttackNorm = 'linf',
  len: number = WINDOW_LEN,
  channels: number = N_CHANNELS,
): Float32Array {
  const s = epsilonScales(windows, n, norm, len, channels);
  return norm === 'l2' ? s.map((v) => v / Math.sqrt(len)) : s;
}

/** `measure` of each beat's channel 0 (copied out of the interleaved channels). */
function perBeatChannel0(
  windows: Float32Array,
  n: number,
  len: number,
  channels: number,
  measure: (channel0: Float32Array) => number,
): Float32Array {
  if (windows.length !== n * len * channels) throw new RangeError('windows do not match n');
  const out = new Float32Array(n);
  const row = new Float32Array(len);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < len; i++) row[i] = windows[(b * len + i) * channels];
    out[b] = measure(row);
  }
  return out;
}

export function isFragile(flipEpsilon: number | null, threshold = FRAGILE_EPSILON): boolean {
  return flipEpsilon !== null && flipEpsilon < threshold;
}
