/**
 * The median (representative) beat: the sample-wise median of aligned dominant beats, per
 * lead. Noise and beat-to-beat variability fall away while the dominant morphology stays,
 * which is why 12-lead ECG measurements (PR, QRS, QT, axis) are made on it.
 */

import { median } from '../median';

export interface MedianBeat {
  /** One template per lead, all of the same length. */
  templates: Float32Array[];
  /** Index of the QRS centre inside each template. */
  center: number;
  /** Median RR of the dominant beats, in samples. */
  rrSamples: number;
  /** How many beats went into it. */
  beatCount: number;
}

/**
 * Beats of the dominant rhythm: both adjacent RR intervals within +-20 % of the local median
 * RR. This drops premature beats and the beats after pauses (whose morphology and ST-T
 * differ) without needing a beat classifier. In an irregular rhythm (atrial fibrillation)
 * few beats qualify; then every beat with both neighbours is used.
 */
export function dominantBeats(centers: ArrayLike<number>): number[] {
  const n = centers.length;
  const out: number[] = [];
  const all: number[] = [];
  for (let k = 1; k < n - 1; k++) {
    all.push(k);
    const lo = Math.max(1, k - 8);
    const hi = Math.min(n - 1, k + 8);
    const rr: number[] = [];
    for (let j = lo; j <= hi; j++) rr.push(centers[j] - centers[j - 1]);
    const m = median(rr);
    const a = centers[k] - centers[k - 1];
    const b = centers[k + 1] - centers[k];
    if (Math.abs(a - m) <= 0.2 * m && Math.abs(b - m) <= 0.2 * m) out.push(k);
  }
  return out.length >= Math.max(3, 0.3 * all.length) ? out : all;
}

export function buildMedianBeat(
  leads: readonly Float32Array[],
  fsHz: number,
  centers: ArrayLike<number>,
  beatIndices: readonly number[],
  maxBeats = 64,
): MedianBeat | null {
  if (beatIndices.length === 0 || leads.length === 0) return null;
  const rrs = beatIndices.map((k) => centers[k + 1] - centers[k]).filter((v) => Number.isFinite(v));
  const rr = rrs.length ? median(rrs) : Math.round(0.8 * fsHz);
  // From the previous beat's T wave to this beat's T wave, whatever the rate.
  const before = Math.min(Math.round(0.45 * fsHz), Math.round(0.5 * rr));
  const after = Math.min(Math.round(0.7 * fsHz), Math.round(0.85 * rr));
  const n = leads[0].length;
  const usable = beatIndices.filter((k) => centers[k] - before >= 0 && centers[k] + after < n);
  if (usable.length === 0) return null;
  // Spread the chosen beats over the whole record rather than taking the first ones.
  const step = Math.max(1, usable.length / maxBeats);
  const chosen: number[] = [];
  for (let f = 0; f < usable.length && chosen.length < maxBeats; f += step)
    chosen.push(usable[Math.floor(f)]);
  const len = before + after + 1;
  const col = new Float64Array(chosen.length);
  const templates = leads.map((x) => {
    const t = new Float32Array(len);
    for (let i = 0; i < len; i++) {
      let c = 0;
      for (const k of chosen) {
        const v = x[centers[k] - before + i];
        if (Number.isFinite(v)) col[c++] = v;
      }
      const s = col.subarray(0, c).sort();
      t[i] = c === 0 ? 0 : c % 2 ? s[c >> 1] : 0.5 * (s[(c >> 1) - 1] + s[c >> 1]);
    }
    return t;
  });
  return { templates, center: before, rrSamples: rr, beatCount: chosen.length };
}
