/**
 * Delineation of every beat (per lead, then combined across leads) and of the median beat.
 */
import { combineLeads } from './combine';
import { delineateBeat, DEFAULT_DELINEATION, type DelineationParams } from './beat';
import { buildMedianBeat, dominantBeats, type MedianBeat } from './median-beat';
import { prepareLead, type DelineationSignals } from './prepare';
import type { BeatWaves } from './types';

export type { BeatWaves } from './types';
export type { DelineationParams } from './beat';
export type { MedianBeat } from './median-beat';
export type { DelineationSignals } from './prepare';
export { DEFAULT_DELINEATION, delineateBeat } from './beat';
export { combineLeads } from './combine';
export type { CombineOptions } from './combine';
export { buildMedianBeat, dominantBeats } from './median-beat';
export { prepareLead } from './prepare';

export interface BeatDelineation {
  /** Global (multi-lead) boundaries of each beat, in the record's samples. */
  beats: BeatWaves[];
  /** Per-lead boundaries: perLead[lead][beat]. */
  perLead: BeatWaves[][];
}

/** Every beat on every lead, and the multi-lead combination per beat. */
export function delineateBeats(
  leads: readonly Float32Array[],
  fsHz: number,
  centers: ArrayLike<number>,
  params: DelineationParams = DEFAULT_DELINEATION,
  prepared?: readonly DelineationSignals[],
): BeatDelineation {
  const sigs = prepared ?? leads.map((x) => prepareLead(x, fsHz));
  const m = centers.length;
  const perLead = sigs.map((s) => {
    const out: BeatWaves[] = new Array(m);
    for (let k = 0; k < m; k++) {
      out[k] = delineateBeat(
        s,
        {
          center: centers[k],
          prevCenter: k > 0 ? centers[k - 1] : null,
          nextCenter: k < m - 1 ? centers[k + 1] : null,
        },
        params,
      );
    }
    return out;
  });
  const beats: BeatWaves[] = new Array(m);
  for (let k = 0; k < m; k++)
    beats[k] = combineLeads(
      perLead.map((l) => l[k]),
      { fsHz },
    );
  return { beats, perLead };
}

export interface MedianBeatDelineation {
  median: MedianBeat;
  /** Global boundaries, as indices into the templates. */
  waves: BeatWaves;
  perLead: BeatWaves[];
  /** The templates as prepared for delineation (baseline-free, 40 Hz low-pass). */
  prepared: DelineationSignals[];
}

/** The median beat of the dominant beats, delineated per lead and combined. */
export function delineateMedianBeat(
  leads: readonly Float32Array[],
  fsHz: number,
  centers: ArrayLike<number>,
  params: DelineationParams = DEFAULT_DELINEATION,
): MedianBeatDelineation | null {
  const median = buildMedianBeat(leads, fsHz, centers, dominantBeats(centers));
  if (!median) return null;
  const prepared = median.templates.map((t) => prepareLead(t, fsHz));
  const c = median.center;
  const perLead = prepared.map((s) =>
    // The template holds one beat: its neighbours sit one median RR away.
    delineateBeat(
      s,
      { center: c, prevCenter: c - median.rrSamples, nextCenter: c + median.rrSamples },
      params,
    ),
  );
  return { median, waves: combineLeads(perLead, { fsHz }), perLead, prepared };
}
