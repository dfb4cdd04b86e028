/**
 * Calibration pulses that carts store inside the recording, so that analysis can leave them
 * out. A Philips strip, for one, ends with ~50 ms of zeros, a 1 mV × 100 ms rectangle in every
 * lead, and zeros again: fed to the record model that pulse reads as ECG and moves findings.
 *
 * The signature is that every lead carries the same value at once. No heart does that at a
 * non-zero level: with the limb leads III = II − I and aVR = −(I + II)/2, equal values force
 * I = II = 0. So a pulse is a run of ≥ PULSE_MS where at least MIN_LEADS leads, all of them but
 * one at most, agree within AGREE_MV at a level of ≥ LEVEL_MV; the constant padding around it
 * (the leads agreeing at one level) belongs to it. Only pulses near the start or the end are
 * taken (that is where carts put them), and the analysable range stops short of them.
 */

import { median } from './median';

/** Leads that must agree; fewer leads (e.g. MIT-BIH's two) carry too little evidence. */
const MIN_LEADS = 3;
const AGREE_MV = 0.02;
/** How far the padding around a pulse may stray from its constant level. */
const STILL_MV = 0.005;
const LEVEL_MV = 0.3;
const PULSE_MS = 40;
/** How near an edge a pulse must start or end to be a cart's calibration. */
const EDGE_MS = 2000;
/** Scanned at each end, in multiples of EDGE_MS (a pulse near an edge plus its padding). */
const SCAN_EDGES = 2;
/** Kept clear of the pulse's flanks (the cart's own filtering smears the steps). */
const MARGIN_MS = 40;

/** Half-open sample range [start, end). */
export interface SampleRange {
  start: number;
  end: number;
}

/**
 * The part of the recording to analyse: all of it unless a calibration pulse sits at the start
 * or the end. `leadsMv` are the recording's leads in mV (NaN for gaps), all equally long.
 */
export function analysableRange(leadsMv: readonly Float32Array[], fsHz: number): SampleRange {
  const n = leadsMv[0]?.length ?? 0;
  const range = { start: 0, end: n };
  if (leadsMv.length < MIN_LEADS || n === 0) return range;
  const edge = Math.round((EDGE_MS / 1000) * fsHz);
  const margin = Math.round((MARGIN_MS / 1000) * fsHz);
  for (const span of edgePulses(leadsMv, fsHz, edge)) {
    const leading = span.start <= n - span.end; // nearer the start than the end
    if (leading && span.start <= edge) range.start = Math.max(range.start, span.end + margin);
    if (!leading && span.end >= n - edge) range.end = Math.min(range.end, span.start - margin);
  }
  return range.start < range.end ? range : { start: 0, end: n };
}

/**
 * Pulses (widened to their flat surroundings) in the first and last SCAN_EDGES × edge samples:
 * only those can be a cart's calibration, and a day-long 12-lead record is not scanned whole.
 */
function edgePulses(leadsMv: readonly Float32Array[], fsHz: number, edge: number): SampleRange[] {
  const n = leadsMv[0].length;
  const w = SCAN_EDGES * edge;
  const windows: SampleRange[] =
    2 * w >= n
      ? [{ start: 0, end: n }]
      : [
          { start: 0, end: w },
          { start: n - w, end: n },
        ];
  return windows.flatMap(({ start, end }) => {
    const c = consensus(leadsMv.map((x) => x.subarray(start, end)));
    return pulses(c, fsHz).map((p) => {
      const wide = widen(p, c);
      return { start: wide.start + start, end: wide.end + start };
    });
  });
}

/** Per sample: whether the leads agree, and their common level (median over leads, mV). */
interface Consensus {
  agree: Uint8Array;
  level: Float32Array;
}

/** Agreement: all leads but one at most within AGREE_MV of their median. */
function consensus(leadsMv: readonly Float32Array[]): Consensus {
  const n = leadsMv[0].length;
  const need = Math.max(MIN_LEADS, leadsMv.length - 1);
  const values = new Float64Array(leadsMv.length);
  const agree = new Uint8Array(n);
  const level = new Float32Array(n);
  for (let t = 0; t < n; t++) {
    for (let k = 0; k < leadsMv.length; k++) values[k] = leadsMv[k][t];
    level[t] = median(values.filter(Number.isFinite));
    let agreeing = 0;
    for (const v of values) if (Math.abs(v - level[t]) <= AGREE_MV) agreeing++;
    agree[t] = agreeing >= need ? 1 : 0;
  }
  return { agree, level };
}

/** Runs of agreement at |level| ≥ LEVEL_MV lasting ≥ PULSE_MS. */
function pulses({ agree, level }: Consensus, fsHz: number): SampleRange[] {
  const minLen = Math.max(1, Math.round((PULSE_MS / 1000) * fsHz));
  const found: SampleRange[] = [];
  let start = -1;
  for (let t = 0; t <= agree.length; t++) {
    const high = t < agree.length && agree[t] === 1 && Math.abs(level[t]) >= LEVEL_MV;
    if (high && start < 0) start = t;
    if (!high && start >= 0) {
      if (t - start >= minLen) found.push({ start, end: t });
      start = -1;
    }
  }
  return found;
}

/**
 * The pulse plus the constant padding on either side of it: samples where the leads agree at
 * the level found just outside the pulse (carts pad with a constant; an isoelectric stretch of
 * real ECG may agree near 0 mV too, so the widening can take a few samples of it, no more).
 */
function widen(pulse: SampleRange, { agree, level }: Consensus): SampleRange {
  let { start, end } = pulse;
  const padLeft = level[start - 1];
  while (start > 0 && agree[start - 1] && Math.abs(level[start - 1] - padLeft) <= STILL_MV) start--;
  const padRight = level[end];
  while (end < agree.length && agree[end] && Math.abs(level[end] - padRight) <= STILL_MV) end++;
  return { start, end };
}
