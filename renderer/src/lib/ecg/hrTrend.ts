/**
 * Instantaneous heart rate per beat (60 / RR of the beat and the one before), for the trend
 * drawn over the overview strip.
 */

/** RR intervals outside this range (s) are gaps (missed beats, pauses), not rates. */
const MIN_RR_S = 0.2;
const MAX_RR_S = 3;

export interface HrTrend {
  /** Sample of each beat that has a rate (the second of its RR pair). */
  samples: Float64Array;
  /** bpm; NaN marks a gap. */
  bpm: Float32Array;
  /** Range to draw, in bpm (robust: ignores the most extreme 2 % each side). */
  lo: number;
  hi: number;
}

export function hrTrend(beatSamples: readonly number[], fs: number): HrTrend | null {
  const n = beatSamples.length;
  if (n < 3) return null;
  const samples = new Float64Array(n - 1);
  const bpm = new Float32Array(n - 1);
  const finite: number[] = [];
  for (let i = 1; i < n; i++) {
    const rr = (beatSamples[i] - beatSamples[i - 1]) / fs;
    samples[i - 1] = beatSamples[i];
    const v = rr >= MIN_RR_S && rr <= MAX_RR_S ? 60 / rr : Number.NaN;
    bpm[i - 1] = v;
    if (!Number.isNaN(v)) finite.push(v);
  }
  if (finite.length < 2) return null;
  finite.sort((a, b) => a - b);
  const q = (p: number) => finite[Math.min(finite.length - 1, Math.round(p * (finite.length - 1)))];
  let lo = Math.max(20, Math.floor((q(0.02) - 10) / 10) * 10);
  let hi = Math.min(250, Math.ceil((q(0.98) + 10) / 10) * 10);
  if (hi - lo < 40) {
    const mid = (hi + lo) / 2;
    lo = Math.max(20, Math.round(mid - 20));
    hi = lo + 40;
  }
  return { samples, bpm, lo, hi };
}

/** Round values (bpm) for guide lines between lo and hi. */
export function hrGuides(lo: number, hi: number): number[] {
  const step = [10, 20, 25, 50, 100].find((s) => (hi - lo) / s <= 3) ?? 100;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) {
    if (v > lo + 2 && v < hi - 2) out.push(v);
  }
  return out;
}
