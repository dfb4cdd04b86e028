/**
 * RR-interval features per beat. Rhythm context is what separates supraventricular ectopics
 * (premature, otherwise normal-looking) from normal beats across patients, and the ratios to
 * the record's own mean RR make them comparable between a patient at 50 bpm and one at 120.
 *
 * Positions are all of a recording's beats (any class: an ectopic still ends an interval).
 */

/** Feature order of the model's RR input. Saved in config.json and checked on load. */
export const RR_FEATURES = [
  'preRR', // s, from the previous beat
  'postRR', // s, to the next beat
  'localRR', // s, mean of the LOCAL_INTERVALS intervals centred on the beat
  'preRR/meanRR', // meanRR: the record's mean interval
  'postRR/meanRR',
  'localRR/meanRR',
  'preRR/localRR', // prematurity against the local rhythm
] as const;
export const RR_DIM = RR_FEATURES.length;

const LOCAL_INTERVALS = 10;
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
  const rr = new Float64Array(Math.max(0, n - 1)); // rr[i]: beat i → i + 1, seconds
  for (let i = 0; i + 1 < n; i++) rr[i] = Math.min(MAX_RR_S, Math.max(MIN_RR_S, (samples[i + 1] - samples[i]) / fsHz));
  const mean = rr.length ? rr.reduce((a, b) => a + b, 0) / rr.length : DEFAULT_RR_S;
  // Prefix sums make each local mean O(1).
  const prefix = new Float64Array(rr.length + 1);
  for (let i = 0; i < rr.length; i++) prefix[i + 1] = prefix[i] + rr[i];
  for (let b = 0; b < n; b++) {
    const pre = b > 0 ? rr[b - 1] : b < rr.length ? rr[b] : mean;
    const post = b < rr.length ? rr[b] : pre;
    const lo = Math.max(0, Math.min(b - LOCAL_INTERVALS / 2, rr.length - LOCAL_INTERVALS));
    const hi = Math.min(rr.length, lo + LOCAL_INTERVALS);
    const local = hi > lo ? (prefix[hi] - prefix[lo]) / (hi - lo) : mean;
    const row = out.subarray(b * RR_DIM, (b + 1) * RR_DIM);
    row.set([pre, post, local, pre / mean, post / mean, local / mean, pre / local]);
  }
  return out;
}
