/**
 * Rhythm: sinus rhythm, sinus bradycardia, sinus tachycardia and atrial fibrillation, from
 * the beat positions and the per-beat P waves, each with the episodes (beat ranges) that
 * support it.
 *
 * The record is cut into 10 s windows (a short record is one window) and each window is
 * classified from three facts:
 * - irregularity: the median absolute difference of successive RR intervals over the median
 *   RR. Atrial fibrillation is "irregularly irregular"; the median keeps an isolated
 *   premature beat (two odd intervals) from making a sinus rhythm irregular;
 * - P waves: the fraction of beats with a P wave found in front of the QRS (multi-lead);
 * - rate: 60 / mean RR.
 * - PR stability: the robust SD of the PR intervals of those beats.
 * P waves in most beats at a stable PR (organised atrial activity) -> sinus, then bradycardia
 * (< 60 bpm) / tachycardia (> 100 bpm) / normal rate. Irregular without organised atrial
 * activity -> AF.
 * Anything else (regular without P waves: junctional, flutter, paced; or too few beats) is
 * 'unclassified' — never forced into a class. Windows with the same class merge into episodes.
 */
import type { BeatWaves } from '../dsp/delineation';
import { median } from '../dsp/median';

export type RhythmCode = 'SR' | 'SB' | 'ST' | 'AF' | 'UNCLASSIFIED';

export const RHYTHM_LABELS: Readonly<Record<RhythmCode, string>> = {
  SR: 'sinus rhythm',
  SB: 'sinus bradycardia',
  ST: 'sinus tachycardia',
  AF: 'atrial fibrillation',
  UNCLASSIFIED: 'unclassified rhythm',
};

export interface RhythmEvidence {
  /** Median |successive RR difference| / median RR. */
  rrIrregularity: number | null;
  /** Fraction of beats with a P wave before the QRS. */
  pWaveFraction: number;
  /** Median PR interval of the beats with a P wave, ms. */
  prMs: number | null;
  /** Robust SD (1.4826 x MAD) of those PR intervals, ms. */
  prSdMs: number | null;
}

export interface RhythmEpisode {
  code: RhythmCode;
  label: string;
  startSample: number;
  endSample: number;
  /** Indices (into the beat list) of the first and last beat of the episode. */
  firstBeat: number;
  lastBeat: number;
  beatCount: number;
  heartRateBpm: number | null;
  evidence: RhythmEvidence;
}

export interface RhythmResult {
  /** The class covering the most beats. */
  dominant: RhythmCode;
  label: string;
  episodes: RhythmEpisode[];
  /** Beats and seconds per class. */
  burden: Partial<Record<RhythmCode, { beats: number; durationS: number }>>;
}

export interface RhythmOptions {
  windowS?: number;
  /** Irregularity above which a rhythm is irregular. Default 0.08. */
  irregularity?: number;
  /** P-wave fraction at or above which a rhythm is taken as sinus. Default 0.5. */
  minPFraction?: number;
  /**
   * A sinus rhythm's PR varies little (< ~20 ms beat to beat, plus ~10 ms of measurement
   * scatter at 100 Hz); above this robust SD (ms) the "P waves" are not conducted alike.
   * Default 30.
   */
  maxPrSdMs?: number;
}

function evidenceFor(
  beats: ArrayLike<number>,
  waves: readonly BeatWaves[],
  first: number,
  last: number,
  fsHz: number,
): { evidence: RhythmEvidence; heartRateBpm: number | null } {
  const rr: number[] = [];
  for (let k = first + 1; k <= last; k++) rr.push(beats[k] - beats[k - 1]);
  const diffs: number[] = [];
  for (let k = 1; k < rr.length; k++) diffs.push(Math.abs(rr[k] - rr[k - 1]));
  const rrIrregularity = rr.length >= 3 ? median(diffs) / median(rr) : null;
  const pr: number[] = [];
  let withP = 0;
  for (let k = first; k <= last; k++) {
    const w = waves[k];
    if (w && w.pOn !== null && w.qrsOn !== null) {
      withP++;
      pr.push(((w.qrsOn - w.pOn) / fsHz) * 1000);
    }
  }
  const count = last - first + 1;
  const prMed = pr.length ? median(pr) : null;
  // Robust SD (1.4826 x median absolute deviation): one beat whose P wave was missed in
  // noise and replaced by a bump elsewhere must not make a sinus rhythm look disorganised.
  const prSd =
    pr.length >= 3 && prMed !== null ? 1.4826 * median(pr.map((v) => Math.abs(v - prMed))) : null;
  const meanRr = rr.length ? rr.reduce((a, b) => a + b, 0) / rr.length : null;
  return {
    evidence: {
      rrIrregularity: rrIrregularity === null ? null : Math.round(rrIrregularity * 1000) / 1000,
      pWaveFraction: count > 0 ? Math.round((withP / count) * 100) / 100 : 0,
      prMs: prMed === null ? null : Math.round(prMed),
      prSdMs: prSd === null ? null : Math.round(prSd),
    },
    heartRateBpm: meanRr ? Math.round((60 * fsHz) / meanRr) : null,
  };
}

export function classifyWindow(
  evidence: RhythmEvidence,
  heartRateBpm: number | null,
  beatCount: number,
  opts: RhythmOptions = {},
): RhythmCode {
  const irr = opts.irregularity ?? 0.08;
  const minP = opts.minPFraction ?? 0.5;
  const maxPrSd = opts.maxPrSdMs ?? 30;
  if (beatCount < 4 || heartRateBpm === null || evidence.rrIrregularity === null)
    return 'UNCLASSIFIED';
  const irregular = evidence.rrIrregularity > irr;
  // Organised atrial activity: P waves in front of most QRS complexes at a stable PR. In
  // atrial fibrillation the delineator still finds P-like bumps (fibrillatory waves, noise)
  // in front of many beats, but at random distances from the QRS: the PR scatter, not the
  // P count, is what tells them apart.
  const organised =
    evidence.pWaveFraction >= minP && evidence.prSdMs !== null && evidence.prSdMs <= maxPrSd;
  if (irregular && !organised) return 'AF';
  if (!organised) return 'UNCLASSIFIED';
  if (heartRateBpm < 60) return 'SB';
  if (heartRateBpm > 100) return 'ST';
  return 'SR';
}

export function analyzeRhythm(
  beats: ArrayLike<number>,
  waves: readonly BeatWaves[],
  fsHz: number,
  recordSamples: number,
  opts: RhythmOptions = {},
): RhythmResult {
  const windowS = opts.windowS ?? 10;
  const m = beats.length;
  const episodes: RhythmEpisode[] = [];
  if (m > 0) {
    const durS = recordSamples / fsHz;
    const nWin = durS <= 2 * windowS ? 1 : Math.round(durS / windowS);
    const winLen = recordSamples / nWin;
    let k = 0;
    for (let w = 0; w < nWin && k < m; w++) {
      const end = w === nWin - 1 ? recordSamples : Math.round((w + 1) * winLen);
      const first = k;
      while (k < m && beats[k] < end) k++;
      const last = k - 1;
      if (last < first) continue;
      const { evidence, heartRateBpm } = evidenceFor(beats, waves, first, last, fsHz);
      const code = classifyWindow(evidence, heartRateBpm, last - first + 1, opts);
      const prev = episodes[episodes.length - 1];
      if (prev && prev.code === code) {
        prev.lastBeat = last;
        prev.endSample = beats[last];
        prev.beatCount = prev.lastBeat - prev.firstBeat + 1;
      } else {
        episodes.push({
          code,
          label: RHYTHM_LABELS[code],
          startSample: beats[first],
          endSample: beats[last],
          firstBeat: first,
          lastBeat: last,
          beatCount: last - first + 1,
          heartRateBpm,
          evidence,
        });
      }
    }
    // Evidence and rate of merged episodes are recomputed over their whole span.
    for (const e of episodes) {
      const r = evidenceFor(beats, waves, e.firstBeat, e.lastBeat, fsHz);
      e.evidence = r.evidence;
      e.heartRateBpm = r.heartRateBpm;
    }
  }
  const burden: RhythmResult['burden'] = {};
  for (const e of episodes) {
    const b = (burden[e.code] ??= { beats: 0, durationS: 0 });
    b.beats += e.beatCount;
    b.durationS = Math.round((b.durationS + (e.endSample - e.startSample) / fsHz) * 10) / 10;
  }
  let dominant: RhythmCode = 'UNCLASSIFIED';
  let most = -1;
  for (const [code, b] of Object.entries(burden) as [RhythmCode, { beats: number }][]) {
    if (b.beats > most) {
      most = b.beats;
      dominant = code;
    }
  }
  return { dominant, label: RHYTHM_LABELS[dominant], episodes, burden };
}
