/**
 * Multi-lead fusion of QRS envelopes, weighted by each lead's local signal quality.
 *
 * For each lead and each 2 s block, the envelope's maximum is (usually) a QRS peak and its
 * median is the level between beats (a QRS occupies well under half of any 2 s block), i.e.
 * noise. Over about +-20 s (the medians of those block values) they give the lead's local
 * QRS scale S(t) and noise level N(t). The fused envelope is
 *
 *     sum_l w_l(t) env_l(t) / S_l(t)  /  sum_l w_l(t),   w_l = (S_l / N_l)^2,
 *
 * so every lead is in units of its own typical QRS (gain does not matter) and leads count
 * by inverse noise variance: a lead full of muscle noise (MIT-BIH 106, V1) or lead-off does
 * not lift the fused noise floor, while equally clean leads average their noise down.
 * Medians make both estimates robust to isolated artefacts and to missing beats.
 */
import { movingAverage } from './envelope';

const BLOCK_S = 2;
/**
 * A lead contributes at most this many of its typical QRS to the fused envelope: a real QRS
 * is large in most leads at once, while a lone artefact in one lead (often one with a tiny
 * QRS, hence a huge normalised artefact) must not out-vote the rest.
 */
const CLIP = 2;
const SNR_CAP = 6;
const SPAN_BLOCKS = 10;

function median(values: ArrayLike<number>): number {
  const s = Array.from(values).sort((a, b) => a - b);
  if (s.length === 0) return 0;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

export interface LeadStats {
  /** Local typical QRS envelope peak, per sample. */
  scale: Float32Array;
  /** Local between-beat envelope level, per sample. */
  noise: Float32Array;
  /**
   * 1 where the lead carries QRS complexes at all, 0 where its local scale has collapsed
   * under a quarter of its record-wide scale (lead off, saturation recovery, flat line).
   */
  present: Float32Array;
}

function blockValues(env: Float32Array, block: number): { maxima: number[]; medians: number[] } {
  const n = env.length;
  const nb = Math.max(1, Math.ceil(n / block));
  const maxima: number[] = [];
  const medians: number[] = [];
  for (let b = 0; b < nb; b++) {
    const seg = env.subarray(b * block, Math.min(n, (b + 1) * block));
    let m = 0;
    for (let i = 0; i < seg.length; i++) if (seg[i] > m) m = seg[i];
    maxima.push(m);
    // A strided median is plenty for a noise level and 10x cheaper than sorting the block.
    const stride = Math.max(1, Math.floor(seg.length / 64));
    const pick: number[] = [];
    for (let i = 0; i < seg.length; i += stride) pick.push(seg[i]);
    medians.push(median(pick));
  }
  return { maxima, medians };
}

function smoothBlocks(values: number[], floor: number): number[] {
  return values.map((_, b) => {
    const lo = Math.max(0, b - SPAN_BLOCKS);
    const hi = Math.min(values.length, b + SPAN_BLOCKS + 1);
    return Math.max(floor, median(values.slice(lo, hi)));
  });
}

function interpolateBlocks(centres: number[], block: number, n: number): Float32Array {
  const nb = centres.length;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const pos = (i + 0.5) / block - 0.5;
    const b0 = Math.max(0, Math.min(nb - 1, Math.floor(pos)));
    const b1 = Math.min(nb - 1, b0 + 1);
    const f = Math.max(0, Math.min(1, pos - b0));
    out[i] = centres[b0] * (1 - f) + centres[b1] * f;
  }
  return out;
}

export function leadStats(env: Float32Array, fsHz: number): LeadStats {
  const block = Math.max(1, Math.round(BLOCK_S * fsHz));
  const { maxima, medians } = blockValues(env, block);
  // Floors keep a flat stretch (lead off) from being amplified into noise.
  const floor = Math.max(median(maxima) * 0.05, 1e-9);
  const scale = interpolateBlocks(smoothBlocks(maxima, floor), block, env.length);
  const noise = interpolateBlocks(smoothBlocks(medians, floor * 0.02), block, env.length);
  const globalScale = median(maxima);
  const present = new Float32Array(env.length);
  for (let i = 0; i < present.length; i++) present[i] = scale[i] >= 0.25 * globalScale ? 1 : 0;
  return { scale, noise, present };
}

/** Running maximum over a centred window of 2 * half + 1 samples (van Herk / Gil-Werman). */
export function runningMax(x: Float32Array, half: number): Float32Array {
  const n = x.length;
  const w = 2 * half + 1;
  const g = new Float32Array(n);
  const h = new Float32Array(n);
  for (let i = 0; i < n; i++) g[i] = i % w === 0 ? x[i] : Math.max(g[i - 1], x[i]);
  for (let i = n - 1; i >= 0; i--) h[i] = i === n - 1 || (i + 1) % w === 0 ? x[i] : Math.max(h[i + 1], x[i]);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.max(h[Math.max(0, i - half)], g[Math.min(n - 1, i + half)]);
  return out;
}

/**
 * First-pass fusion, blind to beat positions. Each lead is divided by its long-term local QRS
 * scale and weighted by short-term quality:
 * - presence: a lead whose envelope stays under 0.4 of its usual QRS over +-0.75 s shows no
 *   QRS there at all (lead off, flat line, amplifier saturation) and gets no weight;
 * - activity A: the mean normalised envelope (clipped at 2, so one huge step does not count
 *   more than a burst) over +-1 s. A clean lead shows QRS humps on a quiet line (A ~0.15-0.3);
 *   muscle noise and electrode motion raise it. Weight 1 / max(A, 0.15)^2: inverse noise
 *   power, floored so a quiet lead cannot outweigh a clean one just by being quiet.
 */
export function activityWeights(env: Float32Array, fsHz: number): { weight: Float32Array; normalised: Float32Array } {
  const n = env.length;
  const actLen = Math.round(2 * fsHz) | 1;
  const presHalf = Math.round(0.75 * fsHz);
  const { scale } = leadStats(env, fsHz);
  const e = new Float32Array(n);
  const clipped = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    e[i] = env[i] / scale[i];
    clipped[i] = Math.min(e[i], 2);
  }
  const act = movingAverage(clipped, actLen);
  const mx = runningMax(e, presHalf);
  const weight = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    if (mx[i] < 0.4) continue;
    const a = Math.max(act[i], 0.15);
    weight[i] = 1 / (a * a);
  }
  return { weight, normalised: e };
}

export function fuseByActivity(envelopes: readonly Float32Array[], fsHz: number): Float32Array {
  const n = envelopes[0].length;
  const num = new Float64Array(n);
  const den = new Float64Array(n);
  for (const env of envelopes) {
    const { weight, normalised } = activityWeights(env, fsHz);
    for (let i = 0; i < n; i++) {
      const w = weight[i];
      num[i] += w * Math.min(normalised[i], CLIP);
      den[i] += w;
    }
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = den[i] > 0 ? num[i] / den[i] : 0;
  return out;
}

export interface LeadQuality {
  /** Typical QRS envelope peak of the lead around each sample. */
  signal: Float32Array;
  /** Typical largest envelope peak between beats (noise, artefact, T-wave slope). */
  noise: Float32Array;
}

/** Linear interpolation of per-beat values to every sample (constant outside). */
function beatsToSamples(at: ArrayLike<number>, v: ArrayLike<number>, n: number): Float32Array {
  const out = new Float32Array(n);
  if (at.length === 0) return out;
  let k = 0;
  for (let i = 0; i < n; i++) {
    while (k < at.length - 1 && at[k + 1] <= i) k++;
    if (i <= at[0]) out[i] = v[0];
    else if (k >= at.length - 1) out[i] = v[at.length - 1];
    else {
      const f = (i - at[k]) / (at[k + 1] - at[k]);
      out[i] = v[k] * (1 - f) + v[k + 1] * f;
    }
  }
  return out;
}

function windowMedian(v: Float64Array, k: number, half: number): number {
  const vals: number[] = [];
  for (let j = Math.max(0, k - half); j <= Math.min(v.length - 1, k + half); j++) if (Number.isFinite(v[j])) vals.push(v[j]);
  return vals.length ? median(vals) : Number.NaN;
}

/**
 * Beat-synchronous quality of one lead, given first-pass beat positions (envelope peaks):
 * its QRS peak at each beat, and the largest envelope value between consecutive beats
 * (outside +-`guardMs` of either), each as a median over the 9 nearest beats. Their ratio is
 * the lead's local signal-to-noise ratio in exactly the sense the detector needs: how far its
 * QRS humps stand above everything else it shows.
 */
export function leadQuality(env: Float32Array, beats: ArrayLike<number>, fsHz: number, guardMs = 150): LeadQuality {
  const n = env.length;
  const m = beats.length;
  const half = Math.round(0.06 * fsHz);
  const guard = Math.round((guardMs * fsHz) / 1000);
  const peak = new Float64Array(m);
  const gap = new Float64Array(m).fill(Number.NaN);
  for (let k = 0; k < m; k++) {
    const b = beats[k];
    let p = 0;
    for (let i = Math.max(0, b - half); i <= Math.min(n - 1, b + half); i++) if (env[i] > p) p = env[i];
    peak[k] = p;
    if (k + 1 < m) {
      let g = 0;
      const lo = b + guard;
      const hi = beats[k + 1] - guard;
      for (let i = lo; i <= hi; i++) if (env[i] > g) g = env[i];
      if (hi >= lo) gap[k] = g;
    }
  }
  const sig = new Float64Array(m);
  const noi = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    sig[k] = windowMedian(peak, k, 4);
    const g = windowMedian(gap, k, 4);
    noi[k] = Number.isFinite(g) ? g : sig[k];
  }
  return { signal: beatsToSamples(beats, sig, n), noise: beatsToSamples(beats, noi, n) };
}

/**
 * Second-pass fusion: each lead divided by its beat-synchronous QRS level and weighted by
 * (SNR)^2 — inverse noise power, the optimal weighting for averaging independent noisy
 * observations of the same event. A lead that is saturated, flat or full of artefact has an
 * SNR near or below 1 and drops out; clean leads dominate wherever they are clean.
 */
export function fuseByQuality(envelopes: readonly Float32Array[], beats: ArrayLike<number>, fsHz: number, withActivity = false): Float32Array {
  const n = envelopes[0].length;
  const num = new Float64Array(n);
  const den = new Float64Array(n);
  for (const env of envelopes) {
    const { signal, noise } = leadQuality(env, beats, fsHz);
    const act = withActivity ? activityWeights(env, fsHz).weight : null;
    for (let i = 0; i < n; i++) {
      const s = signal[i];
      if (!(s > 0)) continue;
      // Capped: beyond ~6 a lead is simply clean; an uncapped ratio would let a lead with
      // flat T waves out-vote all the others and carry its rare artefacts into the fusion.
      const snr = Math.min(SNR_CAP, s / Math.max(noise[i], 1e-3 * s));
      if (snr <= 1) continue;
      const w = (snr - 1) * (snr - 1) * (act ? act[i] : 1);
      num[i] += w * Math.min(env[i] / s, CLIP);
      den[i] += w;
    }
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = den[i] > 0 ? num[i] / den[i] : 0;
  return out;
}
