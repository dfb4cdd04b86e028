/**
 * Beat-window preprocessing shared by training and inference (they MUST stay identical).
 *
 * 1. One lead is resampled to BEAT_FS_HZ (recordings arrive at 100 Hz..1 kHz; MIT-BIH's
 *    360 Hz is an exact 2:1).
 * 2. Baseline wander is removed with the zero-phase 0.5 Hz high-pass from main/dsp/filters, and
 *    a zero-phase 40 Hz low-pass makes 100 Hz and 1 kHz recordings look alike to the model.
 * 3. Each beat gets a window of WINDOW_BEFORE + WINDOW_AFTER samples around its fiducial point
 *    (P wave through T wave at normal rates), minus the window's median (the isoelectric level).
 * 4. Amplitude is normalised PER RECORD: divided by the median QRS peak-to-peak of the
 *    record's beats. Per-record (not per-beat) scaling keeps "this beat is bigger than this
 *    patient's usual beat", which is what distinguishes many ventricular beats, while removing
 *    gain and electrode-placement differences between patients.
 * 5. A second channel holds the beat minus the median of its neighbours' beats (sample-wise
 *    median over the LOCAL_TEMPLATE_BEATS beats centred on it). Morphology differs far more
 *    between patients (bundle-branch blocks, axis, big P waves) than between one patient's
 *    normal and supraventricular beats; the difference channel is near zero for "this
 *    patient's usual beat" whatever that looks like, which is what lets a model trained on
 *    22 patients generalise. Local rather than whole-record, because morphology drifts over a
 *    30-minute Holter (posture, electrode contact) and a record-wide median then misfits.
 *
 * Layout: [beat][sample][channel], channels as in WINDOW_CHANNELS.
 */
import { fillGaps, lowPass, removeBaselineWander, resample } from '../../dsp/filters';
import { median } from '../../dsp/median';

export const BEAT_FS_HZ = 180;
/** Samples before the fiducial point: 0.356 s, enough for the P wave at a PR of 0.2 s. */
export const WINDOW_BEFORE = 64;
/** Samples from the fiducial point on: 0.444 s, through the T wave at normal rates. */
export const WINDOW_AFTER = 80;
export const WINDOW_LEN = WINDOW_BEFORE + WINDOW_AFTER;
export const WINDOW_CHANNELS = ['beat', 'beat-localMedianBeat'] as const;
/** Beats in the local median template (the beat itself and 16 on each side). */
export const LOCAL_TEMPLATE_BEATS = 33;
export const N_CHANNELS = WINDOW_CHANNELS.length;
/** Half-width of the QRS span whose peak-to-peak sets the record's amplitude scale (~56 ms). */
const QRS_HALF = 10;
/** Normalised samples are clipped here, so artefacts cannot produce huge activations. */
const CLIP = 8;
const LOWPASS_HZ = 40;

/**
 * Resampled and filtered lead, at BEAT_FS_HZ. Gaps (NaN: invalid samples, analysis/signal.ts)
 * are filled with the lead's mean first: the filters would otherwise spread one NaN over the
 * whole lead and every beat's probabilities would be NaN.
 */
export function conditionLead(signal: Float32Array, fsHz: number): Float32Array {
  const filled = fillGaps(signal);
  const atRate = fsHz === BEAT_FS_HZ ? filled.slice() : resample(filled, fsHz, BEAT_FS_HZ);
  return lowPass(removeBaselineWander(atRate, BEAT_FS_HZ), BEAT_FS_HZ, LOWPASS_HZ);
}

/** Beat positions in the original rate → nearest sample at BEAT_FS_HZ. */
export function toBeatRate(samples: ArrayLike<number>, fsHz: number): Int32Array {
  const out = new Int32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = Math.round((samples[i] * BEAT_FS_HZ) / fsHz);
  return out;
}

/**
 * Windows of `WINDOW_LEN + 2 * margin` samples (margin: room for training-time shifts),
 * [beat][sample][channel], normalised as described above. Samples outside the recording
 * repeat its first/last value.
 */
export function extractWindows(x: Float32Array, centres: Int32Array, margin = 0): Float32Array {
  const len = WINDOW_LEN + 2 * margin;
  const single = singleChannelWindows(x, centres, margin);
  const n = centres.length;
  const out = new Float32Array(single.length * N_CHANNELS);
  for (let k = 0; k < single.length; k++) out[k * 2] = single[k];
  if (n === 0) return out;
  const width = Math.min(n, LOCAL_TEMPLATE_BEATS);
  // The template of beat b is the `width` beats from templateStart(b); it moves by at most one
  // beat from b to b + 1, so each sample position keeps its column sorted and swaps one value
  // per step (O(width)) instead of sorting the column for every beat (~5× faster; same medians).
  const sorted = new Float32Array(width);
  for (let j = 0; j < len; j++) {
    let lo = templateStart(0, n);
    for (let m = 0; m < width; m++) sorted[m] = single[(lo + m) * len + j];
    sorted.sort();
    for (let b = 0; b < n; b++) {
      const next = templateStart(b, n);
      if (next !== lo) {
        replaceSorted(sorted, single[lo * len + j], single[(lo + width) * len + j]);
        lo = next;
      }
      const k = b * len + j;
      out[k * 2 + 1] = single[k] - sortedMedian(sorted);
    }
  }
  return out;
}

/** First beat of beat b's local template: centred on b, shifted inward at the record's ends. */
function templateStart(b: number, n: number): number {
  return Math.max(0, Math.min(b - (LOCAL_TEMPLATE_BEATS >> 1), n - LOCAL_TEMPLATE_BEATS));
}

/** Removes `out` (present in the ascending array `s`) and inserts `inc`, keeping `s` sorted. */
export function replaceSorted(s: Float32Array, out: number, inc: number): void {
  const v = Math.fround(inc);
  let i = s.indexOf(Math.fround(out));
  if (i < 0) throw new Error('replaceSorted: value to remove is not in the array');
  // Shift the gap towards where `v` belongs, then drop it in.
  while (i > 0 && s[i - 1] > v) {
    s[i] = s[i - 1];
    i--;
  }
  while (i < s.length - 1 && s[i + 1] < v) {
    s[i] = s[i + 1];
    i++;
  }
  s[i] = v;
}

function sortedMedian(s: Float32Array): number {
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

function singleChannelWindows(x: Float32Array, centres: Int32Array, margin: number): Float32Array {
  const len = WINDOW_LEN + 2 * margin;
  const out = new Float32Array(centres.length * len);
  const last = x.length - 1;
  for (let b = 0; b < centres.length; b++) {
    const start = centres[b] - WINDOW_BEFORE - margin;
    for (let i = 0; i < len; i++) out[b * len + i] = x[Math.min(last, Math.max(0, start + i))];
  }
  const scale = recordScale(x, centres);
  for (let b = 0; b < centres.length; b++) {
    const row = out.subarray(b * len, (b + 1) * len);
    const level = median(row.subarray(margin, margin + WINDOW_LEN));
    for (let i = 0; i < len; i++)
      row[i] = Math.max(-CLIP, Math.min(CLIP, (row[i] - level) / scale));
  }
  return out;
}

/** Median QRS peak-to-peak over the beats (robust to a minority of ectopic or noisy beats). */
export function recordScale(x: Float32Array, centres: Int32Array): number {
  if (centres.length === 0 || x.length === 0) return 1;
  const p2p = new Float32Array(centres.length);
  for (let b = 0; b < centres.length; b++) {
    const lo = Math.max(0, centres[b] - QRS_HALF);
    const hi = Math.min(x.length - 1, centres[b] + QRS_HALF);
    let mn = Infinity;
    let mx = -Infinity;
    for (let i = lo; i <= hi; i++) {
      mn = Math.min(mn, x[i]);
      mx = Math.max(mx, x[i]);
    }
    p2p[b] = mx >= mn ? mx - mn : 0;
  }
  const m = median(p2p);
  return m > 1e-6 ? m : 1;
}
