/**
 * Clinical measurements of a recording: heart rate, RR, PR, QRS duration, QT, QTc and the
 * frontal QRS axis. Intervals come from the delineated median beat (the representative beat
 * of the dominant rhythm, as 12-lead electrocardiographs measure); rate and RR from all beats.
 * A measurement that cannot be made is null, never a guess.
 */
import type { MedianBeatDelineation } from '../dsp/delineation';

export const QTC_BAZETT_FORMULA = 'QTc = QT / sqrt(RR in s) (Bazett)';
export const QTC_FRIDERICIA_FORMULA = 'QTc = QT / cbrt(RR in s) (Fridericia)';

export interface Measurements {
  /** Mean ventricular rate over the recording, bpm. */
  heartRateBpm: number | null;
  /** Mean RR interval, ms. */
  rrMs: number | null;
  prMs: number | null;
  qrsMs: number | null;
  qtMs: number | null;
  /** QT corrected by Bazett's formula (the contract's `qtcMs`). */
  qtcMs: number | null;
  qtcFormula: string;
  qtcFridericiaMs: number | null;
  qtcFridericiaFormula: string;
  /** Frontal-plane QRS axis, degrees in (-180, 180]; null without limb leads I and aVF (or II/III). */
  axisDeg: number | null;
}

const round = (v: number | null): number | null =>
  v === null || !Number.isFinite(v) ? null : Math.round(v);

/** Rate and RR from beat positions: mean RR over all intervals (60000 / mean RR = bpm). */
export function rateFromBeats(
  samples: ArrayLike<number>,
  fsHz: number,
): { heartRateBpm: number | null; rrMs: number | null } {
  if (samples.length < 2) return { heartRateBpm: null, rrMs: null };
  const rrMs = ((samples[samples.length - 1] - samples[0]) / (samples.length - 1) / fsHz) * 1000;
  return { heartRateBpm: round(60000 / rrMs), rrMs: round(rrMs) };
}

/** Lead names as written in files ("I", "i", "aVF", "avf", "AVF") to a canonical key. */
export function canonicalLeadName(name: string): string {
  return name
    .trim()
    .toUpperCase()
    .replace(/^LEAD\s+/, '');
}

/**
 * Net QRS area (mV x samples) of a template between QRS onset and offset, relative to the
 * level at QRS onset.
 */
function netArea(t: Float32Array, on: number, off: number): number {
  const base = t[on];
  let s = 0;
  for (let i = on; i <= off; i++) s += t[i] - base;
  return s;
}

/**
 * Frontal QRS axis from the net QRS areas in leads I and aVF: axis = atan2(aVF, I). When aVF
 * is missing it is derived by Einthoven's law (aVF = II - I/2, or (II + III)/2).
 */
export function frontalAxis(
  leadNames: readonly string[],
  templates: readonly Float32Array[],
  qrsOn: number,
  qrsOff: number,
): number | null {
  const idx = (n: string): number => leadNames.findIndex((l) => canonicalLeadName(l) === n);
  const iI = idx('I');
  const iII = idx('II');
  const iIII = idx('III');
  const iF = idx('AVF');
  const area = (i: number): number => netArea(templates[i], qrsOn, qrsOff);
  let aI: number | null = iI >= 0 ? area(iI) : null;
  let aF: number | null = iF >= 0 ? area(iF) : null;
  if (aI === null && iII >= 0 && iIII >= 0) aI = area(iII) - area(iIII); // I = II - III
  if (aF === null && iII >= 0 && aI !== null) aF = area(iII) - aI / 2;
  if (aF === null && iII >= 0 && iIII >= 0) aF = (area(iII) + area(iIII)) / 2;
  if (aI === null || aF === null || (aI === 0 && aF === 0)) return null;
  const deg = (Math.atan2(aF, aI) * 180) / Math.PI;
  return Math.round(deg === -180 ? 180 : deg);
}

export function measure(
  fsHz: number,
  beatSamples: ArrayLike<number>,
  median: MedianBeatDelineation | null,
  leadNames: readonly string[],
): Measurements {
  const { heartRateBpm, rrMs } = rateFromBeats(beatSamples, fsHz);
  const toMs = (a: number | null, b: number | null): number | null =>
    a === null || b === null || b <= a ? null : ((b - a) / fsHz) * 1000;
  const w = median?.waves;
  const prMs = w ? toMs(w.pOn, w.qrsOn) : null;
  const qrsMs = w ? toMs(w.qrsOn, w.qrsOff) : null;
  const qtMs = w ? toMs(w.qrsOn, w.tOff) : null;
  // QTc uses the RR of the beats the QT was measured on (the median beat's dominant beats).
  const rrS = median ? median.median.rrSamples / fsHz : rrMs !== null ? rrMs / 1000 : null;
  const qtcB = qtMs !== null && rrS ? qtMs / Math.sqrt(rrS) : null;
  const qtcF = qtMs !== null && rrS ? qtMs / Math.cbrt(rrS) : null;
  const axisDeg =
    median && w && w.qrsOn !== null && w.qrsOff !== null
      ? frontalAxis(leadNames, median.median.templates, w.qrsOn, w.qrsOff)
      : null;
  return {
    heartRateBpm,
    rrMs,
    prMs: round(prMs),
    qrsMs: round(qrsMs),
    qtMs: round(qtMs),
    qtcMs: round(qtcB),
    qtcFormula: QTC_BAZETT_FORMULA,
    qtcFridericiaMs: round(qtcF),
    qtcFridericiaFormula: QTC_FRIDERICIA_FORMULA,
    axisDeg,
  };
}
