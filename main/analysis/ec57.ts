/**
 * Beat-by-beat comparison of QRS detections with reference annotations, following ANSI/AAMI
 * EC57 as implemented by WFDB's `bxb`:
 *
 * - reference beats are the annotations with a beat-type symbol (`REFERENCE_BEAT_SYMBOLS`);
 * - a detection matches a reference beat when they are at most 150 ms apart; each is used at
 *   most once, closest pairs first;
 * - the learning period at the start of the record is not scored (bxb: the first 5 minutes
 *   of a 30-minute MIT-BIH record); reference beats in it are not counted, detections in it
 *   are not counted unless they pair with a scored reference beat just after it;
 * - ventricular flutter/fibrillation episodes (reference `[` to `]`, both included; an episode
 *   without `]` lasts to the end) are not scored: reference beats inside are not counted, and a
 *   detection inside that pairs with nothing is not a false positive;
 * - a scored reference beat without a match is a false negative (FN); a scored detection
 *   without a match is a false positive (FP).
 *
 * Se = TP / (TP + FN), +P = TP / (TP + FP); gross figures pool the counts of all records.
 */
import { BEAT_SYMBOLS } from '../formats/wfdb/annotation-codes';

/** EC57 beat labels (MIT-BIH symbols): N L R B A a J S V r F e j n E / f Q ?. */
export const REFERENCE_BEAT_SYMBOLS: ReadonlySet<string> = BEAT_SYMBOLS;

export interface AnnotationLike {
  sample: number;
  symbol: string;
}

export interface Ec57Options {
  /** Match window either side of a reference beat. Default 150 ms. */
  matchWindowMs?: number;
  /**
   * Unscored learning period at the start. Default: 300 s for records of 10 minutes or more
   * (bxb's 5 minutes on 30-minute records), 0 for shorter ones (10 s 12-lead records).
   */
  learningPeriodS?: number;
  /** Record length in samples (for the default learning period and open VF episodes). */
  recordSamples?: number;
  /** Score only inside [scoreFromSample, scoreToSample] (e.g. the annotated part of a LUDB record). */
  scoreFromSample?: number;
  scoreToSample?: number;
}

export interface Ec57Counts {
  tp: number;
  fn: number;
  fp: number;
}

export interface Ec57RecordResult extends Ec57Counts {
  record: string;
  /** Se in %, null when there is no scored reference beat. */
  sePct: number | null;
  /** +P in %, null when there is no scored detection. */
  ppvPct: number | null;
  /** Samples of the missed reference beats and of the false detections, for inspection. */
  fnSamples: number[];
  fpSamples: number[];
}

/** Reference beat samples (sorted) from a full annotation list. */
export function referenceBeatSamples(annotations: readonly AnnotationLike[]): Int32Array {
  const out = annotations.filter((a) => REFERENCE_BEAT_SYMBOLS.has(a.symbol)).map((a) => a.sample);
  return Int32Array.from(out).sort();
}

/** VF/flutter episodes as inclusive [start, end] sample ranges. */
export function vfEpisodes(
  annotations: readonly AnnotationLike[],
  recordSamples: number,
): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let open: number | null = null;
  for (const a of annotations) {
    if (a.symbol === '[' && open === null) open = a.sample;
    else if (a.symbol === ']' && open !== null) {
      out.push([open, a.sample]);
      open = null;
    }
  }
  if (open !== null) out.push([open, Math.max(open, recordSamples - 1)]);
  return out;
}

function inEpisodes(s: number, episodes: ReadonlyArray<[number, number]>): boolean {
  for (const [a, b] of episodes) if (s >= a && s <= b) return true;
  return false;
}

/**
 * Pairs references and detections at most `windowSamples` apart, closest pairs first.
 * Returns for each reference the index of its detection or -1, and the reverse map.
 */
export function matchClosest(
  ref: ArrayLike<number>,
  det: ArrayLike<number>,
  windowSamples: number,
): { refToDet: Int32Array; detToRef: Int32Array } {
  const pairs: Array<[number, number, number]> = [];
  let j0 = 0;
  for (let i = 0; i < ref.length; i++) {
    while (j0 < det.length && det[j0] < ref[i] - windowSamples) j0++;
    for (let j = j0; j < det.length && det[j] <= ref[i] + windowSamples; j++) {
      pairs.push([Math.abs(det[j] - ref[i]), i, j]);
    }
  }
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const refToDet = new Int32Array(ref.length).fill(-1);
  const detToRef = new Int32Array(det.length).fill(-1);
  for (const [, i, j] of pairs) {
    if (refToDet[i] === -1 && detToRef[j] === -1) {
      refToDet[i] = j;
      detToRef[j] = i;
    }
  }
  return { refToDet, detToRef };
}

export function compareBeats(
  record: string,
  annotations: readonly AnnotationLike[],
  detections: ArrayLike<number>,
  fsHz: number,
  opts: Ec57Options = {},
): Ec57RecordResult {
  const ref = referenceBeatSamples(annotations);
  const det = Int32Array.from(detections).sort();
  const lastSample = Math.max(
    ref.length ? ref[ref.length - 1] : 0,
    det.length ? det[det.length - 1] : 0,
  );
  const recordSamples = opts.recordSamples ?? lastSample + 1;
  const learningS = opts.learningPeriodS ?? (recordSamples / fsHz >= 600 ? 300 : 0);
  const from = Math.max(Math.round(learningS * fsHz), opts.scoreFromSample ?? 0);
  const to = opts.scoreToSample ?? Number.POSITIVE_INFINITY;
  const episodes = vfEpisodes(annotations, recordSamples);
  const window = Math.round(((opts.matchWindowMs ?? 150) * fsHz) / 1000);

  const { refToDet, detToRef } = matchClosest(ref, det, window);
  const scoredRef = (s: number): boolean => s >= from && s <= to && !inEpisodes(s, episodes);
  let tp = 0;
  let fn = 0;
  let fp = 0;
  const fnSamples: number[] = [];
  const fpSamples: number[] = [];
  for (let i = 0; i < ref.length; i++) {
    if (!scoredRef(ref[i])) continue;
    if (refToDet[i] >= 0) tp++;
    else {
      fn++;
      fnSamples.push(ref[i]);
    }
  }
  for (let j = 0; j < det.length; j++) {
    const s = det[j];
    if (detToRef[j] >= 0) continue; // paired: a TP if its reference is scored, else unscored
    if (s < from || s > to || inEpisodes(s, episodes)) continue;
    fp++;
    fpSamples.push(s);
  }
  return {
    record,
    tp,
    fn,
    fp,
    sePct: tp + fn > 0 ? (100 * tp) / (tp + fn) : null,
    ppvPct: tp + fp > 0 ? (100 * tp) / (tp + fp) : null,
    fnSamples,
    fpSamples,
  };
}

export interface Ec57Gross extends Ec57Counts {
  records: number;
  sePct: number | null;
  ppvPct: number | null;
}

export function grossStats(results: readonly Ec57Counts[]): Ec57Gross {
  let tp = 0;
  let fn = 0;
  let fp = 0;
  for (const r of results) {
    tp += r.tp;
    fn += r.fn;
    fp += r.fp;
  }
  return {
    records: results.length,
    tp,
    fn,
    fp,
    sePct: tp + fn > 0 ? (100 * tp) / (tp + fn) : null,
    ppvPct: tp + fp > 0 ? (100 * tp) / (tp + fp) : null,
  };
}

const pct = (v: number | null): string => (v === null ? '   -   ' : v.toFixed(2).padStart(7));

/** Plain-text table: one row per record and a gross row. */
export function formatEc57Table(results: readonly Ec57RecordResult[], gross: Ec57Gross): string {
  const lines = ['record      TP     FN     FP     Se%     +P%'];
  for (const r of results) {
    lines.push(
      `${r.record.padEnd(8)}${String(r.tp).padStart(6)}${String(r.fn).padStart(7)}${String(r.fp).padStart(7)} ${pct(r.sePct)} ${pct(r.ppvPct)}`,
    );
  }
  lines.push(
    `${'gross'.padEnd(8)}${String(gross.tp).padStart(6)}${String(gross.fn).padStart(7)}${String(gross.fp).padStart(7)} ${pct(gross.sePct)} ${pct(gross.ppvPct)}`,
  );
  return lines.join('\n');
}
