/**
 * Multi-lead combination of per-lead wave boundaries into one global set per beat.
 *
 * Each boundary is the median over the leads that found it: single-lead boundaries scatter
 * by +-10-20 ms (a boundary is where a wave's slope fades into the noise, which depends on
 * the wave's projection on each lead — expert annotators scatter as much from lead to lead),
 * and the median keeps the consensus while ignoring the leads that went wrong.
 *
 * P and T boundaries are taken only from leads that agree on which wave they delineated:
 * those whose wave peak lies within `peakToleranceMs` of the median peak. A lead that picked
 * the previous T wave or a noise bump as "P" would otherwise pull the onset median.
 * A P wave counts only when at least `minPFraction` of the leads see one (consistently):
 * absent P waves (atrial fibrillation) leave only scattered false finds.
 */
import type { BeatWaves } from './types';

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : Math.round(0.5 * (s[m - 1] + s[m]));
}

export interface CombineOptions {
  minPFraction?: number;
  /** Sampling rate, for the peak tolerances. Default: no peak-consistency filter. */
  fsHz?: number;
  pPeakToleranceMs?: number;
  tPeakToleranceMs?: number;
}

export function combineLeads(perLead: readonly BeatWaves[], opts: CombineOptions = {}): BeatWaves {
  const minP = opts.minPFraction ?? 0.4;
  const pick = (leads: readonly BeatWaves[], key: keyof BeatWaves): number | null => {
    const v = leads.map((w) => w[key]).filter((x): x is number => x !== null);
    return v.length ? median(v) : null;
  };
  const consistent = (key: 'pPeak' | 'tPeak', tolMs: number): BeatWaves[] => {
    const withWave = perLead.filter((w) => w[key] !== null);
    if (!opts.fsHz || withWave.length === 0) return withWave;
    const c = median(withWave.map((w) => w[key] as number));
    const tol = (tolMs * opts.fsHz) / 1000;
    return withWave.filter((w) => Math.abs((w[key] as number) - c) <= tol);
  };
  const pLeads = consistent('pPeak', opts.pPeakToleranceMs ?? 40).filter(
    (w) => w.pOn !== null && w.pOff !== null,
  );
  const tLeads = consistent('tPeak', opts.tPeakToleranceMs ?? 60);
  const hasP = perLead.length > 0 && pLeads.length >= Math.max(1, Math.ceil(minP * perLead.length));
  return {
    pOn: hasP ? pick(pLeads, 'pOn') : null,
    pPeak: hasP ? pick(pLeads, 'pPeak') : null,
    pOff: hasP ? pick(pLeads, 'pOff') : null,
    qrsOn: pick(perLead, 'qrsOn'),
    qrsOff: pick(perLead, 'qrsOff'),
    tPeak: pick(tLeads, 'tPeak'),
    tOff: pick(tLeads, 'tOff'),
  };
}
