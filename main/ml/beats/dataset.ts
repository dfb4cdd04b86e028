/**
 * MIT-BIH beat dataset: one example per annotated beat with an AAMI class, at the reference
 * (annotation) positions. Windows come from the MLII lead (lead 0 in every record except 114,
 * whose leads are swapped; we pick by name and fall back to lead 0).
 */
import { readRecording } from '../../formats';
import { fileSourceFromDir } from '../../formats/fs-source';
import type { ParsedLead, ParsedRecording } from '../../formats/types';
import { INVALID_SAMPLE } from '../../formats/types';
import { BEAT_SYMBOLS } from '../../formats';
import { aamiClass, BEAT_CLASSES, classIndex } from './labels';
import { conditionLead, extractWindows, N_CHANNELS, toBeatRate, WINDOW_LEN } from './preprocess';
import { RR_DIM, rrFeatures } from './rr';
import { concatTyped } from '../concat';

export interface BeatSet {
  /** Window length per example, WINDOW_LEN + 2 * margin. */
  windowLen: number;
  margin: number;
  /** [n][windowLen][N_CHANNELS], normalised (see preprocess.ts). */
  windows: Float32Array;
  /** [n][RR_DIM]. */
  rr: Float32Array;
  /** Index into BEAT_CLASSES. */
  labels: Uint8Array;
  /** Record name of each example (for per-record splits and reports). */
  records: string[];
  /** Annotation sample (record's own rate) of each example. */
  samples: Int32Array;
}

/** Physical units of one lead: (digital − baseline) / gain; invalid samples become 0. */
export function physical(lead: ParsedLead): Float32Array {
  const out = new Float32Array(lead.digital.length);
  for (let i = 0; i < out.length; i++) {
    const d = lead.digital[i];
    out[i] = d === INVALID_SAMPLE ? 0 : (d - lead.baseline) / lead.gain;
  }
  return out;
}

export function mlIILead(rec: ParsedRecording): ParsedLead {
  return rec.leads.find((l) => l.name.toUpperCase() === 'MLII') ?? rec.leads[0];
}

/** Beat annotations (every beat symbol, labelled or not), sorted by sample. */
export function beatAnnotations(rec: ParsedRecording): { sample: number; symbol: string }[] {
  return (rec.annotations.atr ?? [])
    .filter((a) => BEAT_SYMBOLS.has(a.symbol))
    .map((a) => ({ sample: a.sample, symbol: a.symbol }))
    .sort((a, b) => a.sample - b.sample);
}

export function loadRecordBeats(dir: string, record: string, margin = 0): BeatSet {
  const rec = readRecording(fileSourceFromDir(dir), `${record}.hea`);
  const beats = beatAnnotations(rec);
  const allSamples = Int32Array.from(beats, (b) => b.sample);
  const rrAll = rrFeatures(allSamples, rec.fs);
  const keep = beats.flatMap((b, i) => (aamiClass(b.symbol) ? [i] : []));
  const x = conditionLead(physical(mlIILead(rec)), rec.fs);
  // Scale from all beats, so it matches inference (which sees every detected beat).
  const windowsAll = extractWindows(x, toBeatRate(allSamples, rec.fs), margin);
  const len = (WINDOW_LEN + 2 * margin) * N_CHANNELS;
  const windows = new Float32Array(keep.length * len);
  const rr = new Float32Array(keep.length * RR_DIM);
  keep.forEach((i, k) => {
    windows.set(windowsAll.subarray(i * len, (i + 1) * len), k * len);
    rr.set(rrAll.subarray(i * RR_DIM, (i + 1) * RR_DIM), k * RR_DIM);
  });
  return {
    windowLen: WINDOW_LEN + 2 * margin,
    margin,
    windows,
    rr,
    labels: Uint8Array.from(keep, (i) => classIndex(aamiClass(beats[i].symbol)!)),
    records: keep.map(() => record),
    samples: Int32Array.from(keep, (i) => allSamples[i]),
  };
}

export function loadBeatSet(dir: string, records: readonly string[], margin = 0): BeatSet {
  return concatSets(records.map((r) => loadRecordBeats(dir, r, margin)));
}

export function concatSets(sets: BeatSet[]): BeatSet {
  if (sets.length === 0) throw new Error('no records');
  const { windowLen, margin } = sets[0];
  if (sets.some((s) => s.windowLen !== windowLen)) throw new Error('mixed window lengths');
  return {
    windowLen,
    margin,
    windows: concatTyped(
      sets.map((s) => s.windows),
      (n) => new Float32Array(n),
    ),
    rr: concatTyped(
      sets.map((s) => s.rr),
      (n) => new Float32Array(n),
    ),
    labels: concatTyped(
      sets.map((s) => s.labels),
      (n) => new Uint8Array(n),
    ),
    records: sets.flatMap((s) => s.records),
    samples: concatTyped(
      sets.map((s) => s.samples),
      (n) => new Int32Array(n),
    ),
  };
}

/** AAMI labels of a record's annotated beats, without building windows (cheap). */
export function recordLabels(dir: string, record: string): Uint8Array {
  const rec = readRecording(fileSourceFromDir(dir), `${record}.hea`);
  return Uint8Array.from(
    beatAnnotations(rec).flatMap((b) => {
      const c = aamiClass(b.symbol);
      return c ? [classIndex(c)] : [];
    }),
  );
}

/** Examples per class, in BEAT_CLASSES order. */
export function classCounts(labels: Uint8Array): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(BEAT_CLASSES.map((c) => [c, 0]));
  for (const l of labels) counts[BEAT_CLASSES[l]]++;
  return counts;
}

/** The examples at `idx` (in that order), e.g. one side of a split. */
export function selectBeats(set: BeatSet, idx: ArrayLike<number>): BeatSet {
  const w = set.windowLen * N_CHANNELS;
  const windows = new Float32Array(idx.length * w);
  const rr = new Float32Array(idx.length * RR_DIM);
  const labels = new Uint8Array(idx.length);
  const samples = new Int32Array(idx.length);
  const records: string[] = [];
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    windows.set(set.windows.subarray(i * w, (i + 1) * w), k * w);
    rr.set(set.rr.subarray(i * RR_DIM, (i + 1) * RR_DIM), k * RR_DIM);
    labels[k] = set.labels[i];
    samples[k] = set.samples[i];
    records.push(set.records[i]);
  }
  return { windowLen: set.windowLen, margin: set.margin, windows, rr, labels, records, samples };
}
