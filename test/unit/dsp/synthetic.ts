/**
 * Synthetic ECG for filter and detector tests: a sum-of-Gaussians beat (P, Q, R, S, T, as in
 * McSharry et al.'s ECGSYN) repeated at chosen R times, plus optional ST offset, baseline
 * wander, mains interference and white noise from a seeded generator (deterministic).
 */
import { mulberry32 } from '../../../main/ml/seed';

export interface SyntheticOptions {
  fsHz: number;
  durationS: number;
  /** RR intervals in s, cycled; default [0.8]. */
  rrS?: number[];
  /** Constant ST-segment level (mV) between J point and T wave; default 0. */
  stMv?: number;
  /** Scale of the whole beat; default 1. */
  amplitude?: number;
  wander?: { mv: number; hz: number };
  mains?: { mv: number; hz: number };
  noiseMv?: number;
  seed?: number;
  /** Width multiplier of Q, R and S (wide, ventricular-like complexes: ~3). */
  qrsWidth?: number;
  /** Per-beat QRS width multipliers and amplitude scales, cycled (override the above). */
  beatWidths?: number[];
  beatAmplitudes?: number[];
}

export { mulberry32 };

/** Standard normal from a uniform generator (Box-Muller). */
export function gaussianNoise(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** Waves as [amplitude mV, centre s relative to R, sigma s]. */
const WAVES: Array<[number, number, number, boolean]> = [
  [0.15, -0.2, 0.025, false], // P
  [-0.12, -0.03, 0.008, true], // Q
  [1.2, 0, 0.01, true], // R
  [-0.3, 0.03, 0.008, true], // S
  [0.35, 0.3, 0.045, false], // T
];

export function syntheticEcg(o: SyntheticOptions): { signal: Float32Array; rPeaks: number[] } {
  const n = Math.round(o.durationS * o.fsHz);
  const x = new Float32Array(n);
  const rr = o.rrS ?? [0.8];
  const rPeaks: number[] = [];
  let t = 0.6;
  for (let k = 0; t < o.durationS - 0.6; k++) {
    rPeaks.push(Math.round(t * o.fsHz));
    t += rr[k % rr.length];
  }
  rPeaks.forEach((r, k) => {
    const w = o.beatWidths ? o.beatWidths[k % o.beatWidths.length] : (o.qrsWidth ?? 1);
    const amp =
      (o.amplitude ?? 1) * (o.beatAmplitudes ? o.beatAmplitudes[k % o.beatAmplitudes.length] : 1);
    const tr = r / o.fsHz;
    const lo = Math.max(0, Math.round((tr - 0.4) * o.fsHz));
    const hi = Math.min(n - 1, Math.round((tr + 0.6) * o.fsHz));
    for (let i = lo; i <= hi; i++) {
      const dt = i / o.fsHz - tr;
      let v = 0;
      for (const [a, mu, sigma, isQrs] of WAVES) {
        const s = isQrs ? sigma * w : sigma;
        const c = isQrs ? mu * w : mu;
        v += a * Math.exp(-((dt - c) ** 2) / (2 * s * s));
      }
      // ST level: a plateau from the J point to the T wave, smoothed at its edges.
      if (o.stMv)
        v +=
          o.stMv *
          (1 / (1 + Math.exp(-(dt - 0.06 * w) / 0.006))) *
          (1 / (1 + Math.exp((dt - 0.25) / 0.02)));
      x[i] += amp * v;
    }
  });
  const rand = mulberry32(o.seed ?? 1);
  for (let i = 0; i < n; i++) {
    const ts = i / o.fsHz;
    if (o.wander) x[i] += o.wander.mv * Math.sin(2 * Math.PI * o.wander.hz * ts + 0.3);
    if (o.mains) x[i] += o.mains.mv * Math.sin(2 * Math.PI * o.mains.hz * ts);
    if (o.noiseMv) x[i] += o.noiseMv * gaussianNoise(rand);
  }
  return { signal: x, rPeaks };
}

export function sine(
  fsHz: number,
  freqHz: number,
  durationS: number,
  amp = 1,
  phase = 0,
): Float32Array {
  const n = Math.round(fsHz * durationS);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = amp * Math.sin((2 * Math.PI * freqHz * i) / fsHz + phase);
  return x;
}

/** Peak amplitude over the middle half (away from edge effects). */
export function midAmplitude(y: Float32Array): number {
  let m = 0;
  for (let i = Math.floor(y.length / 4); i < Math.floor((3 * y.length) / 4); i++)
    m = Math.max(m, Math.abs(y[i]));
  return m;
}

/** Amplitude of the `freqHz` component over the middle half (least-squares, so the sample grid does not matter). */
export function toneAmplitude(y: Float32Array, fsHz: number, freqHz: number): number {
  const a = Math.floor(y.length / 4);
  const b = Math.floor((3 * y.length) / 4);
  let s = 0;
  let c = 0;
  let ss = 0;
  let cc = 0;
  let sc = 0;
  for (let i = a; i < b; i++) {
    const w = (2 * Math.PI * freqHz * i) / fsHz;
    const si = Math.sin(w);
    const co = Math.cos(w);
    s += y[i] * si;
    c += y[i] * co;
    ss += si * si;
    cc += co * co;
    sc += si * co;
  }
  // Solve the 2x2 normal equations for y ~ A sin + B cos.
  const det = ss * cc - sc * sc;
  const A = (s * cc - c * sc) / det;
  const B = (c * ss - s * sc) / det;
  return Math.hypot(A, B);
}
