/**
 * Multi-lead fusion of QRS envelopes, weighted by each lead's local quality.
 *
 * Two passes (see detect.ts): the first fusion is blind to beat positions and weights leads
 * by their short-term "activity"; its beats then give every lead a beat-synchronous
 * signal-to-noise ratio for the second fusion. Each lead is always expressed in units of its
 * own typical QRS, so gains and lead orientation do not matter, and each lead's contribution
 * is clipped at CLIP of them: a real QRS is large in most leads at once, while a lone
 * artefact in one lead (often one with a tiny QRS, hence a huge normalised artefact) must not
 * out-vote the rest.
 */
import { movingAverage } from './envelope';

const BLOCK_S = 2;
const SPAN_BLOCKS = 10;
const CLIP = 2;
/** Beyond this SNR a lead is simply clean; uncapped, a lead with flat T waves would out-vote all others. */
const SNR_CAP = 6;

const scratch = new Float64Array(64);

/** Median of the first `count` values (insertion sort: the windows here hold <= 21 values). */
function medianOf(values: ArrayLike<number>, count = values.length): number {
  if (count === 0) return 0;
  const s = count <= scratch.length ? scratch : new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const v = values[i];
    let j = i - 1;
    while (j >= 0 && s[j] > v) {
      s[j + 1] = s[j];
      j--;
    }
    s[j + 1] = v;
  }
  const m = count >> 1;
  return count % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/** Linear interpolation of values given at block centres to every sample. */
function interpolateBlocks(centres: Float64Array, block: number, n: number): Float32Array {
  const nb = centres.length;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const pos = (i + 0.5) / block - 0.5;
    const b0 = pos <= 0 ? 0 : Math.min(nb - 1, Math.floor(pos));
    const b1 = Math.min(nb - 1, b0 + 1);
    const f = Math.max(0, Math.min(1, pos - b0));
    out[i] = centres[b0] * (1 - f) + centres[b1] * f;
  }
  return out;
}

/**
 * A lead's long-term local QRS scale: the median, over about +-20 s, of the envelope's maxima
 * in 2 s blocks (a 2 s block nearly always holds a QRS, and the median ignores the blocks with
 * an artefact or none). Floored so a flat stretch (lead off) is not amplified into noise.
 */
export function localScale(env: Float32Array, fsHz: number): Float32Array {
  const n = env.length;
  const block = Math.max(1, Math.round(BLOCK_S * fsHz));
  const nb = Math.max(1, Math.ceil(n / block));
  const maxima = new Float64Array(nb);
  for (let b = 0; b < nb; b++) {
    let m = 0;
    const end = Math.min(n, (b + 1) * block);
    for (let i = b * block; i < end; i++) if (env[i] > m) m = env[i];
    maxima[b] = m;
  }
  const floor = Math.max(medianOf(maxima) * 0.05, 1e-9);
  const centres = new Float64Array(nb);
  for (let b = 0; b < nb; b++) {
    const lo = Math.max(0, b - SPAN_BLOCKS);
    const hi = Math.min(nb, b + SPAN_BLOCKS + 1);
    centres[b] = Math.max(floor, medianOf(maxima.subarray(lo, hi)));
  }
  return interpolateBlocks(centres, block, n);
}

/** Running maximum over a centred window of 2 * half + 1 samples (van Herk / Gil-Werman). */
export function runningMax(x: Float32Array, half: number): Float32Array {
  const n = x.length;
  const w = 2 * half + 1;
  const g = new Float32Array(n);
  const h = new Float32Array(n);
  for (let i = 0; i < n; i++) g[i] = i % w === 0 ? x[i] : Math.max(g[i - 1], x[i]);
  for (let i = n - 1; i >= 0; i--)
    h[i] = i === n - 1 || (i + 1) % w === 0 ? x[i] : Math.max(h[i + 1], x[i]);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++)
    out[i] = Math.max(h[Math.max(0, i - half)], g[Math.min(n - 1, i + half)]);
  return out;
}

/**
 * Short-term weight of one lead, blind to beat positions:
 * - presence: a lead whose envelope stays under 0.4 of its usual QRS over +-0.75 s shows no
 *   QRS there at all (lead off, flat line, amplifier saturation) and gets no weight;
 * - activity A: the mean normalised envelope (clipped at 2, so one huge step does not count
 *   more than a burst) over +-1 s. A clean lead shows QRS humps on a quiet line (A ~0.15-0.3);
 *   muscle noise and electrode motion raise it. Weight 1 / max(A, 0.15)^2: inverse noise
 *   power, floored so a quiet lead cannot outweigh a clean one just by being quiet.
 */
export function activityWeights(
  env: Float32Array,
  fsHz: number,
): { weight: Float32Array; normalised: Float32Array } {
  const n = env.length;
  const scale = localScale(env, fsHz);
  const e = new Float32Array(n);
  const clipped = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    e[i] = env[i] / scale[i];
    clipped[i] = Math.min(e[i], 2);
  }
  const act = movingAverage(clipped, Math.round(2 * fsHz) | 1);
  const mx = runningMax(e, Math.round(0.75 * fsHz));
  const weight = clipped; // reuse the buffer
  for (let i = 0; i < n; i++) {
    const a = Math.max(act[i], 0.15);
    weight[i] = mx[i] < 0.4 ? 0 : 1 / (a * a);
  }
  return { weight, normalised: e };
}

/** First pass: activity-weighted mean of the normalised envelopes. */
export function fuseByActivity(
  normalised: readonly Float32Array[],
  weights: readonly Float32Array[],
): Float32Array {
  const n = normalised[0].length;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let num = 0;
    let den = 0;
    for (let l = 0; l < normalised.length; l++) {
      const w = weights[l][i];
      num += w * Math.min(normalised[l][i], CLIP);
      den += w;
    }
    out[i] = den > 0 ? num / den : 0;
  }
  return out;
}

/** Linear interpolation of per-beat values to every sample (constant outside). */
function beatsToSamples(at: ArrayLike<number>, v: Float64Array, n: number): Float32Array {
  const out = new Float32Array(n);
  const m = at.length;
  if (m === 0) return out;
  let k = 0;
  for (let i = 0; i < n; i++) {
    while (k < m - 1 && at[k + 1] <= i) k++;
    if (i <= at[0]) out[i] = v[0];
    else if (k >= m - 1) out[i] = v[m - 1];
    else {
      const f = (i - at[k]) / (at[k + 1] - at[k]);
      out[i] = v[k] * (1 - f) + v[k + 1] * f;
    }
  }
  return out;
}

/** Median of the finite values among v[k - half .. k + half]. */
function windowMedian(v: Float64Array, k: number, half: number, buf: Float64Array): number {
  let c = 0;
  for (let j = Math.max(0, k - half); j <= Math.min(v.length - 1, k + half); j++)
    if (Number.isFinite(v[j])) buf[c++] = v[j];
  return c ? medianOf(buf, c) : Number.NaN;
}

export interface LeadQuality {
  /** Typical QRS envelope peak of the lead around each sample. */
  signal: Float32Array;
  /** Typical largest envelope value between beats (noise, artefact, T-wave slope). */
  noise: Float32Array;
}

/**
 * Beat-synchronous quality of one lead, given first-pass beat positions (envelope peaks): its
 * QRS peak at each beat, and the largest envelope value between consecutive beats (outside
 * +-`guardMs` of either), each as a median over the 9 nearest beats. Their ratio is the lead's
 * local SNR in exactly the sense the detector needs: how far its QRS humps stand above
 * everything else it shows.
 */
export function leadQuality(
  env: Float32Array,
  beats: ArrayLike<number>,
  fsHz: number,
  guardMs = 150,
): LeadQuality {
  const n = env.length;
  const m = beats.length;
  const half = Math.round(0.06 * fsHz);
  const guard = Math.round((guardMs * fsHz) / 1000);
  const peak = new Float64Array(m);
  const gap = new Float64Array(m).fill(Number.NaN);
  for (let k = 0; k < m; k++) {
    const b = beats[k];
    let p = 0;
    for (let i = Math.max(0, b - half); i <= Math.min(n - 1, b + half); i++)
      if (env[i] > p) p = env[i];
    peak[k] = p;
    if (k + 1 < m) {
      const lo = b + guard;
      const hi = beats[k + 1] - guard;
      if (hi >= lo) {
        let g = 0;
        for (let i = lo; i <= hi; i++) if (env[i] > g) g = env[i];
        gap[k] = g;
      }
    }
  }
  const sig = new Float64Array(m);
  const noi = new Float64Array(m);
  const buf = new Float64Array(9);
  for (let k = 0; k < m; k++) {
    sig[k] = windowMedian(peak, k, 4, buf);
    const g = windowMedian(gap, k, 4, buf);
    noi[k] = Number.isFinite(g) ? g : sig[k];
  }
  return { signal: beatsToSamples(beats, sig, n), noise: beatsToSamples(beats, noi, n) };
}

/**
 * Second pass: each lead divided by its beat-synchronous QRS level and weighted by
 * (SNR - 1)^2 (inverse noise power, zero for a lead whose QRS does not stand out at all)
 * times its short-term activity weight (which catches bursts shorter than the 9-beat medians).
 */
export function fuseByQuality(
  envelopes: readonly Float32Array[],
  activity: readonly Float32Array[],
  beats: ArrayLike<number>,
  fsHz: number,
): Float32Array {
  const n = envelopes[0].length;
  const num = new Float64Array(n);
  const den = new Float64Array(n);
  envelopes.forEach((env, l) => {
    const { signal, noise } = leadQuality(env, beats, fsHz);
    const act = activity[l];
    for (let i = 0; i < n; i++) {
      const s = signal[i];
      if (!(s > 0)) continue;
      const snr = Math.min(SNR_CAP, s / Math.max(noise[i], 1e-3 * s));
      if (snr <= 1) continue;
      const w = (snr - 1) * (snr - 1) * act[i];
      num[i] += w * Math.min(env[i] / s, CLIP);
      den[i] += w;
    }
  });
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = den[i] > 0 ? num[i] / den[i] : 0;
  return out;
}
