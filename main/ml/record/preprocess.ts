/**
 * From a parsed 12-lead recording to the model's input, identically for training and
 * inference:
 *
 * 1. the twelve standard leads, found by name in the order I II III aVR aVL aVF V1–V6; any
 *    missing (or holding no valid sample) → MissingLeadsError, never a guessed or derived lead;
 * 2. millivolts (leadMillivolts), without a cart's calibration pulse at either end
 *    (analysableRange, main/dsp/calibration.ts), resampled to RECORD_FS_HZ (band-limited);
 * 3. baseline wander removed (zero-phase 0.5 Hz high-pass), gaps (NaN) set to 0 (baseline);
 * 4. per-record amplitude normalisation: every lead divided by ONE scale, the median over the
 *    twelve leads of each lead's 1st–99th percentile range (≈ the QRS peak-to-peak), so the
 *    leads keep their relative sizes; clipped to ±CLIP. log2 of the scale (in mV) is the
 *    model's second input: voltage criteria (hypertrophy) need the absolute size that the
 *    normalisation takes away;
 * 5. windows of WINDOW_LEN samples (10 s): a 10-s recording is one window; a longer one is cut
 *    into ceil(length / WINDOW_LEN) windows spread evenly from its start to its end (they overlap
 *    when the length is not a multiple); a shorter one (≥ MIN_SECONDS) is zero-padded at the end.
 */
import type { ParsedRecording } from '../../formats/types';
import { canonicalLeadName } from '../../analysis/measurements';
import { leadMillivolts } from '../../analysis/signal';
import { analysableRange } from '../../dsp/calibration';
import { fillGaps, removeBaselineWander, resample } from '../../dsp/filters';

/** Display names of the model's leads, in input-channel order. */
export const STANDARD_LEADS = [
  'I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6',
] as const; // prettier-ignore
export const N_LEADS = STANDARD_LEADS.length;
export const RECORD_FS_HZ = 100;
export const WINDOW_S = 10;
export const WINDOW_LEN = RECORD_FS_HZ * WINDOW_S;
/** Recordings shorter than this are not given to the model (too little of a 10-s window). */
export const MIN_SECONDS = 5;
export const CLIP = 8;
/** Floor of the amplitude scale, mV: a flat recording must not be blown up into noise. */
const MIN_SCALE_MV = 0.05;
/** Percentiles are taken on at most this many samples per lead (strided) to bound the cost. */
const SCALE_SAMPLES = 20_000;

/** The recording lacks some of the twelve standard leads: the model is not run. */
export class MissingLeadsError extends Error {
  constructor(
    readonly missing: string[],
    readonly available: string[],
  ) {
    super(
      `the 12-lead model needs all twelve standard leads; missing ${missing.join(', ')} ` +
        `(the recording has ${available.length ? available.join(', ') : 'no leads'})`,
    );
    this.name = 'MissingLeadsError';
  }
}

/** The recording is too short for a 10-s model window. */
export class RecordingTooShortError extends Error {
  constructor(readonly seconds: number) {
    super(
      `the 12-lead model needs at least ${MIN_SECONDS} s of signal; the recording has ${seconds.toFixed(1)} s`,
    );
    this.name = 'RecordingTooShortError';
  }
}

/** Index of each standard lead in `names` (first match by canonical name); throws when any is missing. */
export function standardLeadIndices(names: readonly string[]): number[] {
  const canon = names.map(canonicalLeadName);
  const idx = STANDARD_LEADS.map((l) => canon.indexOf(canonicalLeadName(l)));
  const missing = STANDARD_LEADS.filter((_, i) => idx[i] < 0);
  if (missing.length > 0) throw new MissingLeadsError([...missing], [...names]);
  return idx;
}

export interface PreparedRecord {
  /** [length][N_LEADS] interleaved (NHWC with H = 1), normalised. */
  signal: Float32Array;
  /** Samples per lead at RECORD_FS_HZ. */
  length: number;
  /** The normalisation scale, mV. */
  scaleMv: number;
  /** The recording's own names of the leads used, in STANDARD_LEADS order. */
  leadsUsed: string[];
}

/** Steps 1–4 above. Throws MissingLeadsError or RecordingTooShortError. */
export function prepareRecording(rec: ParsedRecording): PreparedRecord {
  const idx = standardLeadIndices(rec.leads.map((l) => l.name));
  const mv = idx.map((i) => leadMillivolts(rec.leads[i]));
  // A cart's calibration pulse at either end is left out (main/dsp/calibration.ts).
  const { start, end } = analysableRange(mv, rec.fs);
  const seconds = (end - start) / rec.fs;
  if (!(seconds >= MIN_SECONDS)) throw new RecordingTooShortError(seconds);
  const leads = mv.map((x) => leadAt100Hz(x.subarray(start, end), rec.fs));
  const empty = leads.flatMap((x, k) => (x === null ? [STANDARD_LEADS[k]] : []));
  if (empty.length > 0)
    throw new MissingLeadsError(
      empty,
      rec.leads.map((l) => l.name),
    );
  const clean = leads as Float32Array[];
  const scaleMv = amplitudeScale(clean);
  const length = clean[0].length;
  const signal = new Float32Array(length * N_LEADS);
  for (let k = 0; k < N_LEADS; k++) {
    const x = clean[k];
    for (let t = 0; t < length; t++) {
      const v = x[t] / scaleMv;
      signal[t * N_LEADS + k] = v > CLIP ? CLIP : v < -CLIP ? -CLIP : v;
    }
  }
  return { signal, length, scaleMv, leadsUsed: idx.map((i) => rec.leads[i].name) };
}

/** Resampled, baseline-free lead with gaps at 0; null when the lead has no valid sample. */
function leadAt100Hz(mv: Float32Array, fsHz: number): Float32Array | null {
  if (!mv.some(Number.isFinite)) return null;
  // Gaps are filled with the lead's mean before filtering so that they do not ring.
  const x = removeBaselineWander(resample(fillGaps(mv), fsHz, RECORD_FS_HZ), RECORD_FS_HZ);
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) x[i] = 0;
  return x;
}

/** Median over leads of the 1st–99th percentile range, floored at MIN_SCALE_MV. */
export function amplitudeScale(leads: readonly Float32Array[]): number {
  const ranges = leads.map((x) => {
    const step = Math.max(1, Math.floor(x.length / SCALE_SAMPLES));
    const s = new Float32Array(Math.ceil(x.length / step));
    for (let i = 0, j = 0; i < x.length; i += step) s[j++] = x[i];
    s.sort();
    const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))];
    return at(0.99) - at(0.01);
  });
  ranges.sort((a, b) => a - b);
  const m = ranges.length >> 1;
  const med = ranges.length % 2 ? ranges[m] : 0.5 * (ranges[m - 1] + ranges[m]);
  return Math.max(MIN_SCALE_MV, med);
}

/** Model input 2: log2 of the scale in mV. */
export function amplitudeFeature(scaleMv: number): number {
  return Math.log2(scaleMv);
}

/** Start sample of each window (step 5 above). */
export function windowStarts(length: number): number[] {
  if (length <= WINDOW_LEN) return [0];
  const n = Math.ceil(length / WINDOW_LEN);
  const span = length - WINDOW_LEN;
  return Array.from({ length: n }, (_, i) => Math.round((i * span) / (n - 1)));
}

/** Copies window `start` of a prepared record into `out` at `offset` (zero-padded past the end). */
export function copyWindow(
  prep: PreparedRecord,
  start: number,
  out: Float32Array,
  offset = 0,
): void {
  const end = Math.min(prep.length, start + WINDOW_LEN);
  out.fill(0, offset, offset + WINDOW_LEN * N_LEADS);
  out.set(prep.signal.subarray(start * N_LEADS, end * N_LEADS), offset);
}
