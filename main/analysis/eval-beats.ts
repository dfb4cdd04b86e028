/**
 * Beat classification evaluated the way the app works: beats found by the app's own QRS
 * detector, classified by the shipped model, then matched to the reference beats within
 * 150 ms (EC57). The AAMI table covers matched beats; missed and extra detections are counted
 * separately, so detection and classification errors are not confused.
 */
import { analyzeRecording } from './analyze';
import { classifyInContext } from './rhythm-context';
import type { BeatClassifier } from './classifier';
import { matchClosest } from './ec57';
import type { ParsedRecording } from '../formats/types';
import { aamiClass, BEAT_CLASSES, classIndex } from '../ml/beats/labels';
import { beatReport, type BeatReport } from '../ml/beats/metrics';

export const MATCH_WINDOW_MS = 150;

export interface RecordBeatEval {
  record: string;
  reference: number;
  matched: number;
  missed: number;
  extra: number;
  confusion: number[][];
}

export interface BeatEvaluation {
  records: RecordBeatEval[];
  report: BeatReport;
  detection: { reference: number; matched: number; missed: number; extra: number };
}

export async function evaluateRecordBeats(
  rec: ParsedRecording,
  classifier: BeatClassifier,
): Promise<RecordBeatEval> {
  const k = BEAT_CLASSES.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const refs = (rec.annotations.atr ?? [])
    .map((a) => ({ sample: a.sample, cls: aamiClass(a.symbol) }))
    .filter((a): a is { sample: number; cls: NonNullable<typeof a.cls> } => a.cls !== null);
  const analysis = analyzeRecording(rec, {});
  const det = Int32Array.from(analysis.beats.map((b) => b.sample));
  const classes = await classifyInContext(classifier, rec, analysis, det);
  const window = Math.round((MATCH_WINDOW_MS / 1000) * rec.fs);
  const { refToDet, detToRef } = matchClosest(
    refs.map((r) => r.sample),
    det,
    window,
  );
  let matched = 0;
  refToDet.forEach((j, i) => {
    if (j < 0) return;
    matched++;
    confusion[classIndex(refs[i].cls)][classIndex(classes[j].label)]++;
  });
  // Detections next to non-AAMI beat annotations (B, r, n, ?) are neither matched nor extra.
  const other = (rec.annotations.atr ?? []).filter((a) => aamiClass(a.symbol) === null);
  const nearOther = (s: number) => other.some((a) => Math.abs(a.sample - s) <= window);
  const extra = Array.from(detToRef).filter((r, j) => r < 0 && !nearOther(det[j])).length;
  return {
    record: rec.recordName,
    reference: refs.length,
    matched,
    missed: refs.length - matched,
    extra,
    confusion,
  };
}

export function summarise(records: RecordBeatEval[]): BeatEvaluation {
  const k = BEAT_CLASSES.length;
  const total = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const r of records)
    r.confusion.forEach((row, i) => row.forEach((v, j) => (total[i][j] += v)));
  const sum = (f: (r: RecordBeatEval) => number) => records.reduce((a, r) => a + f(r), 0);
  return {
    records,
    report: beatReport(total),
    detection: {
      reference: sum((r) => r.reference),
      matched: sum((r) => r.matched),
      missed: sum((r) => r.missed),
      extra: sum((r) => r.extra),
    },
  };
}
