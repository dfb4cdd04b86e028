/**
 * RR-interval features per beat. Rhythm context is what separates supraventricular ectopics
 * (premature, otherwise normal-looking) from normal beats across patients; ratios to the
 * record's own intervals make a patient at 50 bpm comparable with one at 120.
 *
 * Two local references, because each fails somewhere: the mean of the ~10 intervals around a
 * beat follows rate changes but is dragged down inside runs of ectopics (SVTA), while the
 * median of ~32 intervals ignores runs shorter than half its window. The irregularity feature
 * tells the model when prematurity means little (atrial fibrillation: every interval varies).
 *
 * Positions are all of a recording's beats (any class: an ectopic still ends an interval).
 */

import { median } from '../../dsp/median';

/** Feature order of the model's RR input. Saved in config.json and checked on load. */
export const RR_FEATURES = [
  'preRR', // s, from the previous beat
  'postRR', // s, to the next beat
  'preRR/meanRR', // meanRR: the record's mean interval
  'postRR/meanRR',
  'localMeanRR/meanRR', // localMeanRR: mean of the LOCAL_MEAN intervals centred on the beat
  'preRR/localMedianRR', // localMedianRR: median of the LOCAL_MEDIAN intervals centred on it
  'postRR/preRR', // compensatory pause
  'irregularity', // median |successive difference| / localMedianRR over LOCAL_MEDIAN intervals
] as const;
export const RR_DIM = RR_FEATURES.length;

const LOCAL_MEAN = 10;
const LOCAL_MEDIAN = 32;
/** Used when a recording has a single beat (no interval at all): 75 bpm. */
const DEFAULT_RR_S = 0.8;
/** Intervals are clamped to this range (s): duplicate marks and long gaps stay finite. */
const MIN_RR_S = 0.05;
const MAX_RR_S = 5;

/** Row-major [beat][RR_DIM]. `samples` must be sorted ascending. */
export function rrFeatures(samples: ArrayLike<number>, fsHz: number): Float32Array {
  const n = samples.length;
  const out = new Float32Array(n * RR_DIM);
  if (n === 0) return out;
  const rr = intervals(samples, fsHz); // rr[i]: beat i → i + 1, seconds
  const mean = rr.length ? rr.reduce((a, b) => a + b, 0) / rr.length : DEFAULT_RR_S;
  const prefix = new Float64Array(rr.length + 1); // prefix sums make each local mean O(1)
  for (let i = 0; i < rr.length; i++) prefix[i + 1] = prefix[i] + rr[i];
  for (let b = 0; b < n; b++) {
    const pre = b > 0 ? rr[b - 1] : b < rr.length ? rr[b] : mean;
    const post = b < rr.length ? rr[b] : pre;
    const [lo, hi] = centred(b, LOCAL_MEAN, rr.length);
    const localMean = hi > lo ? (prefix[hi] - prefix[lo]) / (hi - lo) : mean;
    const [mlo, mhi] = centred(b, LOCAL_MEDIAN, rr.length);
    const localMedian = mhi > mlo ? median(rr.subarray(mlo, mhi)) : mean;
    const row = out.subarray(b * RR_DIM, (b + 1) * RR_DIM);
    row.set([
      pre,
      post,
      pre / mean,
      post / mean,
      localMean / mean,
      pre / localMedian,
      post / pre,
      irregularity(rr, mlo, mhi) / localMedian,
    ]);
  }
  return out;
}

function intervals(samples: ArrayLike<number>, fsHz: number): Float64Array {
  const rr = new Float64Array(Math.max(0, samples.length - 1));
  for (let i = 0; i < rr.length; i++)
    rr[i] = Math.min(MAX_RR_S, Math.max(MIN_RR_S, (samples[i + 1] - samples[i]) / fsHz));
  return rr;
}

/** [lo, hi) of `width` intervals centred on beat b (interval b-1 ends at it), clipped to [0, n). */
function centred(b: number, width: number, n: number): [number, number] {
  const lo = Math.max(0, Math.min(b - width / 2, n - width));
  return [lo, Math.min(n, lo + width)];
}

function irregularity(rr: Float64Array, lo: number, hi: number): number {
  if (hi - lo < 2) return 0;
  const d = new Float64Array(hi - lo - 1);
  for (let i = lo; i + 1 < hi; i++) d[i - lo] = Math.abs(rr[i + 1] - rr[i]);
  return median(d);
}
