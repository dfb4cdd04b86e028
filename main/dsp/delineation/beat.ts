/**
 * Single-lead delineation of one beat: QRS onset/offset, P onset/peak/offset, T peak/offset.
 *
 * Boundaries follow the "maximum modulus" idea of wavelet delineators (Martinez et al. 2004,
 * IEEE TBME 51:570), with derivatives of zero-phase filtered signals in place of wavelet
 * scales: a wave's first (last) steep slope is found, and its onset (offset) is where the
 * slope has decayed to a fixed fraction of that steepest value. Fractions and search windows
 * are in DelineationParams; windows scale with the RR interval where physiology does (QT and
 * the P-wave position shorten at faster rates).
 */
import type { DelineationSignals } from './prepare';
import type { BeatWaves } from './types';

export interface DelineationParams {
  /** Half-width of the window around the QRS centre holding its slopes. */
  qrsSearchMs: number;
  /** Length of the quiet (isoelectric) stretch that ends the QRS on either side. */
  quietMs: number;
  /** Onset/offset where |slope| stays under this x the steepest QRS slope. */
  qrsOnFraction: number;
  qrsOffFraction: number;
  /** P onset/offset where |slope| falls under this x the P's up-/down-slope peak. */
  pOnFraction: number;
  pOffFraction: number;
  /** T offset where |slope| falls under this x the T's down-slope peak. */
  tOffFraction: number;
  /** Smallest P amplitude (mV) taken as a P wave. */
  pMinMv: number;
  /** P amplitude must also be this many times the local noise. */
  pMinSnr: number;
}

export const DEFAULT_DELINEATION: Readonly<DelineationParams> = Object.freeze({
  qrsSearchMs: 100,
  quietMs: 10,
  qrsOnFraction: 0.04,
  qrsOffFraction: 0.05,
  pOnFraction: 0.4,
  pOffFraction: 0.6,
  tOffFraction: 0.3,
  pMinMv: 0.03,
  pMinSnr: 3,
});

const ms = (v: number, fs: number): number => Math.round((v * fs) / 1000);

/** Index of max |d| in [a, b]. */
function argMaxAbs(d: Float32Array, a: number, b: number): number {
  let best = a;
  let bv = -1;
  for (let i = a; i <= b; i++) {
    const v = Math.abs(d[i]);
    if (v > bv) {
      bv = v;
      best = i;
    }
  }
  return best;
}

/** Walks from i in direction dir while |d| stays above level, at most `limit` samples. */
function walk(d: Float32Array, i: number, dir: 1 | -1, level: number, limit: number): number {
  let j = i;
  const n = d.length;
  for (let s = 0; s < limit; s++) {
    const k = j + dir;
    if (k < 0 || k >= n) break;
    if (Math.abs(d[k]) < level) return k;
    // A slope that reverses sign has crossed a local extremum: the wave is over.
    if (Math.sign(d[k]) !== Math.sign(d[i]) && d[k] !== 0) return k;
    j = k;
  }
  return j;
}

export interface BeatContext {
  /** QRS centre (fused-envelope peak or fiducial), in samples. */
  center: number;
  /** Centre of the previous and next beats, when any. */
  prevCenter: number | null;
  nextCenter: number | null;
}

/**
 * Walks from `from` in direction `dir` until |d| has stayed under `level` for `quiet`
 * consecutive samples (an isoelectric stretch: the PR segment before the QRS, the ST segment
 * after it); returns the first sample of that stretch, nearest the wave. Requiring a
 * stretch, not a single sample, keeps a notch inside the QRS from ending it, and stops the
 * walk before it can reach the P or T wave.
 */
function walkToQuiet(
  d: Float32Array,
  from: number,
  dir: 1 | -1,
  level: number,
  quiet: number,
  limit: number,
): number {
  let run = 0;
  let i = from;
  for (let s = 0; s < limit; s++) {
    const k = i + dir;
    if (k < 0 || k >= d.length) break;
    i = k;
    if (Math.abs(d[i]) < level) {
      run++;
      if (run >= quiet) return i - dir * (quiet - 1);
    } else {
      run = 0;
    }
  }
  return i - dir * run;
}

export function delineateQrs(
  sig: DelineationSignals,
  center: number,
  p: DelineationParams = DEFAULT_DELINEATION,
): { qrsOn: number; qrsOff: number } | null {
  const { dQrs, fsHz } = sig;
  const n = dQrs.length;
  const w = ms(p.qrsSearchMs, fsHz);
  const a = Math.max(1, center - w);
  const b = Math.min(n - 2, center + w);
  if (b - a < 4) return null;
  const steep = argMaxAbs(dQrs, a, b);
  const steepest = Math.abs(dQrs[steep]);
  if (!(steepest > 0)) return null;
  const quiet = Math.max(2, ms(p.quietMs, fsHz));
  const qrsOn = walkToQuiet(dQrs, steep, -1, p.qrsOnFraction * steepest, quiet, ms(120, fsHz));
  const qrsOff = walkToQuiet(dQrs, steep, 1, p.qrsOffFraction * steepest, quiet, ms(140, fsHz));
  return { qrsOn, qrsOff };
}

/** Median of x over [a, b] (small windows). */
function medianRange(x: Float32Array, a: number, b: number): number {
  const v: number[] = [];
  for (let i = Math.max(0, a); i <= Math.min(x.length - 1, b); i++) v.push(x[i]);
  if (v.length === 0) return 0;
  v.sort((u, q) => u - q);
  return v[v.length >> 1];
}

export function delineateT(
  sig: DelineationSignals,
  qrsOff: number,
  center: number,
  rrSamples: number,
  nextCenter: number | null,
  isoLevel: number,
  p: DelineationParams = DEFAULT_DELINEATION,
): { tPeak: number; tOff: number } | null {
  const { slow, dSlow, fsHz } = sig;
  const n = slow.length;
  // T ends ~QT after QRS onset; QT shortens with rate (Bazett: ~ sqrt(RR)). Search to the
  // longest plausible QT at this RR, and never into the next QRS.
  const rrS = rrSamples / fsHz;
  const qtMaxS = Math.min(0.7, Math.max(0.36, 0.56 * Math.sqrt(Math.max(rrS, 0.3))));
  let end = Math.min(n - 2, center + Math.round(qtMaxS * fsHz));
  if (nextCenter !== null) end = Math.min(end, nextCenter - ms(120, fsHz));
  const start = qrsOff + ms(40, fsHz);
  if (end - start < ms(80, fsHz)) return null;
  let tPeak = start;
  let best = -1;
  for (let i = start; i <= end; i++) {
    const v = Math.abs(slow[i] - isoLevel);
    if (v > best) {
      best = v;
      tPeak = i;
    }
  }
  if (tPeak >= end - 1) return null;
  const limb = argMaxAbs(dSlow, tPeak, Math.min(end, tPeak + ms(200, fsHz)));
  if (limb <= tPeak) return null;
  const tOff = walk(dSlow, limb, 1, p.tOffFraction * Math.abs(dSlow[limb]), ms(200, fsHz));
  return { tPeak, tOff };
}

export function delineateP(
  sig: DelineationSignals,
  qrsOn: number,
  earliest: number,
  p: DelineationParams = DEFAULT_DELINEATION,
): { pOn: number; pPeak: number; pOff: number } | null {
  const { x, slow, dSlow, fsHz } = sig;
  const end = qrsOn - ms(30, fsHz);
  const start = Math.max(earliest, qrsOn - ms(350, fsHz), 1);
  if (end - start < ms(60, fsHz)) return null;
  // Local straight baseline between the ends of the window, so residual wander does not
  // pass for a P wave.
  const y0 = slow[start];
  const y1 = slow[end];
  const level = (i: number): number => y0 + ((y1 - y0) * (i - start)) / (end - start);
  let pPeak = start;
  let amp = -1;
  for (let i = start; i <= end; i++) {
    const v = Math.abs(slow[i] - level(i));
    if (v > amp) {
      amp = v;
      pPeak = i;
    }
  }
  if (pPeak <= start + 1 || pPeak >= end - 1) return null;
  // Noise: residual of the 40 Hz signal around its 12 Hz version in the window.
  let s2 = 0;
  for (let i = start; i <= end; i++) s2 += (x[i] - slow[i]) ** 2;
  const noise = Math.sqrt(s2 / (end - start + 1));
  if (amp < p.pMinMv || amp < p.pMinSnr * noise) return null;
  const up = argMaxAbs(dSlow, Math.max(start, pPeak - ms(80, fsHz)), pPeak);
  const down = argMaxAbs(dSlow, pPeak, Math.min(end, pPeak + ms(80, fsHz)));
  const pOn = walk(dSlow, up, -1, p.pOnFraction * Math.abs(dSlow[up]), ms(100, fsHz));
  const pOff = walk(dSlow, down, 1, p.pOffFraction * Math.abs(dSlow[down]), ms(100, fsHz));
  if (!(pOn < pPeak && pPeak < pOff && pOff < qrsOn)) return null;
  return { pOn, pPeak, pOff };
}

/** All waves of one beat on one lead. */
export function delineateBeat(
  sig: DelineationSignals,
  ctx: BeatContext,
  p: DelineationParams = DEFAULT_DELINEATION,
): BeatWaves {
  const out: BeatWaves = {
    pOn: null,
    pPeak: null,
    pOff: null,
    qrsOn: null,
    qrsOff: null,
    tPeak: null,
    tOff: null,
  };
  const qrs = delineateQrs(sig, ctx.center, p);
  if (!qrs) return out;
  out.qrsOn = qrs.qrsOn;
  out.qrsOff = qrs.qrsOff;
  const fs = sig.fsHz;
  const rr =
    ctx.nextCenter !== null
      ? ctx.nextCenter - ctx.center
      : ctx.prevCenter !== null
        ? ctx.center - ctx.prevCenter
        : Math.round(0.8 * fs);
  const iso = medianRange(sig.slow, qrs.qrsOn - ms(20, fs), qrs.qrsOn - ms(5, fs));
  const t = delineateT(sig, qrs.qrsOff, ctx.center, rr, ctx.nextCenter, iso, p);
  if (t) {
    out.tPeak = t.tPeak;
    out.tOff = t.tOff;
  }
  // The P wave lies after the previous T wave: at least ~55 % of the previous RR after it.
  const earliest =
    ctx.prevCenter !== null ? ctx.prevCenter + Math.round(0.55 * (ctx.center - ctx.prevCenter)) : 0;
  const pw = delineateP(sig, qrs.qrsOn, earliest, p);
  if (pw) {
    out.pOn = pw.pOn;
    out.pPeak = pw.pPeak;
    out.pOff = pw.pOff;
  }
  return out;
}
