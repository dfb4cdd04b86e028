/**
 * PTB-XL and LUDB as labelled 12-lead recordings.
 *
 * PTB-XL (ecg_id 1–1999 here, 100 Hz): the recommended stratified folds, never mixed —
 * folds 1–8 train, fold 9 chooses everything (epoch, thresholds, combination), fold 10 is
 * the test set and chooses nothing. No patient is in two folds.
 * LUDB (200 records, 500 Hz): an external test set with labels for the six Ribeiro codes
 * only (see ludbLabels); superclass labels are unknown (-1).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRecording } from '../../formats';
import { fileSourceFromDir } from '../../formats/fs-source';
import type { ParsedRecording } from '../../formats/types';
import { csvRecords } from './csv';
import { diagnosticClasses, ludbLabels, N_CODES, parseScpCodes, ptbxlLabels } from './labels';
import { amplitudeFeature, copyWindow, N_LEADS, prepareRecording, WINDOW_LEN } from './preprocess';

export const TRAIN_FOLDS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export const VAL_FOLD = 9;
export const TEST_FOLD = 10;

export type PtbxlSplit = 'train' | 'val' | 'test';

export interface PtbxlRow {
  ecgId: number;
  fold: number;
  /** Header path relative to the PTB-XL folder, e.g. "records100/00000/00001_lr.hea". */
  header: string;
  labels: Uint8Array;
}

export function foldsOf(split: PtbxlSplit): readonly number[] {
  return split === 'train' ? TRAIN_FOLDS : split === 'val' ? [VAL_FOLD] : [TEST_FOLD];
}

/** ptbxl_labels.csv joined with scp_statements.csv, in ecg_id order. */
export function readPtbxlIndex(ptbxlDir: string): PtbxlRow[] {
  const classes = diagnosticClasses(readFileSync(join(ptbxlDir, 'scp_statements.csv'), 'utf8'));
  return csvRecords(readFileSync(join(ptbxlDir, 'ptbxl_labels.csv'), 'utf8'))
    .map((r) => ({
      ecgId: Number(r.ecg_id),
      fold: Number(r.strat_fold),
      header: `${r.filename_lr}.hea`,
      labels: ptbxlLabels(parseScpCodes(r.scp_codes), classes),
    }))
    .sort((a, b) => a.ecgId - b.ecgId);
}

export function splitRows(rows: readonly PtbxlRow[], split: PtbxlSplit): PtbxlRow[] {
  const folds = foldsOf(split);
  return rows.filter((r) => folds.includes(r.fold));
}

/** A recording with its labels: 1 present, 0 absent, -1 not stated by the database. */
export interface LabelledRecording {
  id: string;
  recording: ParsedRecording;
  labels: Int8Array;
}

export function readPtbxlRecording(ptbxlDir: string, row: PtbxlRow): LabelledRecording {
  return {
    id: `ptbxl/${row.ecgId}`,
    recording: readRecording(fileSourceFromDir(ptbxlDir), row.header),
    labels: Int8Array.from(row.labels),
  };
}

/** LUDB record names (1 … 200) from its data folder, in numeric order. */
export function ludbRecordNames(ludbDataDir: string): string[] {
  return readdirSync(ludbDataDir)
    .filter((f) => /^\d+\.hea$/.test(f))
    .map((f) => f.replace(/\.hea$/, ''))
    .sort((a, b) => Number(a) - Number(b));
}

export function readLudbRecording(ludbDataDir: string, name: string): LabelledRecording {
  const recording = readRecording(fileSourceFromDir(ludbDataDir), `${name}.hea`);
  const labels = Int8Array.from(ludbLabels(recording.comments), (v) => (v === null ? -1 : v));
  return { id: `ludb/${name}`, recording, labels };
}

/** Model inputs of 10-s records (the first window of each), with labels, ready for training. */
export interface RecordSet {
  ids: string[];
  n: number;
  /** [n][WINDOW_LEN][N_LEADS]. */
  windows: Float32Array;
  /** [n] log2 amplitude scale. */
  amplitude: Float32Array;
  /** [n][N_CODES], 1 / 0 / -1 (unknown). */
  labels: Int8Array;
}

export function buildRecordSet(items: Iterable<LabelledRecording>): RecordSet {
  const ids: string[] = [];
  const windows: Float32Array[] = [];
  const amplitude: number[] = [];
  const labels: Int8Array[] = [];
  for (const item of items) {
    const prep = prepareRecording(item.recording);
    const w = new Float32Array(WINDOW_LEN * N_LEADS);
    copyWindow(prep, 0, w);
    ids.push(item.id);
    windows.push(w);
    amplitude.push(amplitudeFeature(prep.scaleMv));
    labels.push(item.labels);
  }
  const n = ids.length;
  const size = WINDOW_LEN * N_LEADS;
  const all = new Float32Array(n * size);
  windows.forEach((w, i) => all.set(w, i * size));
  const y = new Int8Array(n * N_CODES);
  labels.forEach((l, i) => y.set(l, i * N_CODES));
  return { ids, n, windows: all, amplitude: Float32Array.from(amplitude), labels: y };
}
