/**
 * Metrics of a model on a set of beats with their labels: the EC57 statistics of
 * main/ml/beats/metrics.ts (accuracy over N S V F; Q left out as unclassifiable), reduced to
 * JSON-friendly numbers, plus macro-F1 = mean F1 over the scored classes (N S V F) that have
 * reference beats in the set. DS2 beats come from the database's reference annotations via
 * main/ml/beats/dataset.ts (the model card's "DS2 at reference beat positions").
 */
import type * as tf from '@tensorflow/tfjs';
import type { ModelComparison, ModelEvalSummary } from '@common/types';
import { argmaxRows, predictProbs } from '../beats/classify';
import { loadBeatSet, type BeatSet } from '../beats/dataset';
import { BEAT_CLASSES, DS2 } from '../beats/labels';
import { beatReport, confusionMatrix } from '../beats/metrics';

export interface LabelledBeats {
  windows: Float32Array;
  rr: Float32Array;
  labels: Uint8Array;
}

const SCORED = ['N', 'S', 'V', 'F'];
const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function evaluateModel(model: tf.LayersModel, set: LabelledBeats): ModelEvalSummary {
  const n = set.labels.length;
  const pred = argmaxRows(predictProbs(model, set.windows, set.rr, n), BEAT_CLASSES.length);
  const report = beatReport(confusionMatrix(set.labels, pred));
  const perClass: ModelEvalSummary['perClass'] = {};
  for (const c of BEAT_CLASSES) {
    const s = report.perClass[c];
    perClass[c] = { se: finite(s.se), ppv: finite(s.ppv), f1: finite(s.f1), support: s.support };
  }
  const f1s = SCORED.filter((c) => report.perClass[c].support > 0).map(
    (c) => report.perClass[c].f1,
  );
  return {
    beats: n,
    accuracy: finite(report.accuracy),
    macroF1: f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : null,
    perClass,
    confusion: report.confusion,
  };
}

export function compare(base: ModelEvalSummary, tuned: ModelEvalSummary): ModelComparison {
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);
  return {
    base,
    tuned,
    accuracyDelta: diff(base.accuracy, tuned.accuracy),
    macroF1Delta: diff(base.macroF1, tuned.macroF1),
  };
}

/**
 * DS2 beats, leaving out records that are among the fine-tuning data (a site that imported
 * MIT-BIH 100 and corrected it must not be tested on 100): `exclude` are record names.
 */
export function loadDs2(
  dir: string,
  exclude: readonly string[] = [],
  limit?: number,
): {
  set: BeatSet;
  records: string[];
  excluded: string[];
} {
  const excluded = DS2.filter((r) => exclude.includes(r));
  const records = DS2.filter((r) => !exclude.includes(r)).slice(0, limit);
  return { set: loadBeatSet(dir, records), records, excluded };
}
