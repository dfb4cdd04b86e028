/**
 * Evaluation of record-level findings on a labelled set, three ways: the model alone, the
 * rules alone, and the combination the app reports (see main/ml/record/thresholds.ts). Also
 * chooses the decisions (thresholds, rule weights) — to be called on validation data only (fold 9, or fold 9 with folds 1–8 out of fold).
 *
 * Statistics per code: F1, Se, Sp and AUC with percentile-bootstrap 95 % intervals over
 * records (seeded; the same resamples for all three methods, so they are paired). Macro
 * averages: F1 and AUC over the six Ribeiro codes and over the five superclasses, each over
 * the codes the set has labels for (LUDB: the six only). In a bootstrap replicate a code
 * without positives has undefined F1/AUC and is left out of that replicate's macro average.
 */
import type * as tf from '@tensorflow/tfjs';
import { analyzeRecording } from '../analysis/analyze';
import type { LabelledRecording } from '../ml/record/dataset';
import { RECORD_CODES, RIBEIRO_CODES, SUPERCLASSES, type RibeiroCode } from '../ml/record/labels';
import {
  auc,
  binaryStats,
  bootstrap,
  DEFAULT_BOOTSTRAP,
  meanFinite,
  type BootstrapOptions,
  type Interval,
} from '../ml/record/metrics';
import { predictRecording } from '../ml/record/predict';
import type { CodeDecision } from '../ml/record/saved';
import { bestF1Threshold, chooseCombination, combinedScore } from '../ml/record/thresholds';
import { evaluateRules } from './rules';

export type Method = 'model' | 'rules' | 'combined';
export const METHODS: readonly Method[] = ['model', 'rules', 'combined'];

/** What the model and the rules said about one labelled recording. */
export interface RecordOutputs {
  id: string;
  /** RECORD_CODES order; 1 / 0 / -1 unknown. */
  labels: Int8Array;
  /** RECORD_CODES order. */
  modelProbs: Float32Array;
  /** RIBEIRO_CODES order, 1 = rule met. */
  rules: Uint8Array;
  /** Time of the model's part (preprocessing + inference), ms. */
  modelMs: number;
}

const isRibeiro = (code: string): code is RibeiroCode =>
  (RIBEIRO_CODES as readonly string[]).includes(code);

export function collectOutputs(
  items: Iterable<LabelledRecording>,
  model: tf.LayersModel,
  onProgress: (done: number) => void = () => {},
): RecordOutputs[] {
  const out: RecordOutputs[] = [];
  for (const item of items) {
    const t0 = performance.now();
    const { probs } = predictRecording(model, RECORD_CODES, item.recording);
    const modelMs = performance.now() - t0;
    const verdicts = evaluateRules(item.recording, analyzeRecording(item.recording));
    out.push({
      id: item.id,
      labels: item.labels,
      modelProbs: probs,
      rules: Uint8Array.from(RIBEIRO_CODES, (c) => (verdicts[c].met ? 1 : 0)),
      modelMs,
    });
    onProgress(out.length);
  }
  return out;
}

function column(
  outputs: readonly RecordOutputs[],
  c: number,
): {
  y: Int8Array;
  p: Float32Array;
  r: Uint8Array | null;
} {
  const code = RECORD_CODES[c];
  const ri = isRibeiro(code) ? RIBEIRO_CODES.indexOf(code) : -1;
  return {
    y: Int8Array.from(outputs, (o) => o.labels[c]),
    p: Float32Array.from(outputs, (o) => o.modelProbs[c]),
    r: ri >= 0 ? Uint8Array.from(outputs, (o) => o.rules[ri]) : null,
  };
}

/** Thresholds and rule weights from a validation set (fold 9, optionally pooled with out-of-fold folds 1–8; never the test set). */
export function chooseDecisions(outputs: readonly RecordOutputs[]): Record<string, CodeDecision> {
  const out: Record<string, CodeDecision> = {};
  RECORD_CODES.forEach((code, c) => {
    const { y, p, r } = column(outputs, c);
    if (y.some((v) => v < 0)) throw new Error(`decisions need labels for ${code} on every record`);
    const modelThreshold = bestF1Threshold(y, p).threshold;
    if (!r) {
      out[code] = { modelThreshold, ruleWeight: 0, threshold: modelThreshold };
      return;
    }
    const comb = chooseCombination(y, p, r);
    out[code] = { modelThreshold, ruleWeight: comb.ruleWeight, threshold: comb.threshold };
  });
  return out;
}

export interface CodeResult {
  code: string;
  positives: number;
  n: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  f1: Interval;
  se: Interval;
  sp: Interval;
  auc: Interval;
}

export interface MethodResult {
  method: Method;
  codes: CodeResult[];
  macro: {
    ribeiroF1: Interval;
    ribeiroAuc: Interval;
    superF1: Interval;
    superAuc: Interval;
  };
}

export interface FindingsEvaluation {
  set: string;
  n: number;
  bootstrap: BootstrapOptions;
  methods: MethodResult[];
}

interface Scored {
  code: string;
  y: Int8Array;
  score: Float64Array;
  pred: Uint8Array;
}

/** Score and yes/no of one method for every code it covers that the set has labels for. */
function scoredCodes(
  outputs: readonly RecordOutputs[],
  decisions: Record<string, CodeDecision>,
  method: Method,
): Scored[] {
  const out: Scored[] = [];
  RECORD_CODES.forEach((code, c) => {
    const { y, p, r } = column(outputs, c);
    if (y.some((v) => v < 0)) return; // the set does not state this code
    const d = decisions[code];
    let score: Float64Array;
    let threshold: number;
    if (method === 'rules') {
      if (!r) return;
      score = Float64Array.from(r);
      threshold = 0.5;
    } else if (method === 'model' || !r) {
      score = Float64Array.from(p);
      threshold = d.modelThreshold;
    } else {
      score = Float64Array.from(p, (v, i) => combinedScore(v, r[i], d.ruleWeight));
      threshold = d.threshold;
    }
    out.push({ code, y, score, pred: Uint8Array.from(score, (s) => (s >= threshold ? 1 : 0)) });
  });
  return out;
}

const STATS_PER_CODE = 4; // f1, se, sp, auc

export function evaluateOutputs(
  set: string,
  outputs: readonly RecordOutputs[],
  decisions: Record<string, CodeDecision>,
  opts: BootstrapOptions = DEFAULT_BOOTSTRAP,
): FindingsEvaluation {
  const methods = METHODS.map((method): MethodResult => {
    const scored = scoredCodes(outputs, decisions, method);
    const group = (codes: readonly string[]): number[] =>
      scored.flatMap((s, k) => (codes.includes(s.code) ? [k] : []));
    const rib = group(RIBEIRO_CODES);
    const sup = group(SUPERCLASSES);
    const stats = (idx: Int32Array): number[] => {
      const per = scored.flatMap((s) => {
        const b = binaryStats(s.y, s.pred, idx);
        return [b.f1, b.se, b.sp, auc(s.y, s.score, idx)];
      });
      const macro = (ks: number[], j: number): number =>
        meanFinite(ks.map((k) => per[k * STATS_PER_CODE + j]));
      return [...per, macro(rib, 0), macro(rib, 3), macro(sup, 0), macro(sup, 3)];
    };
    const iv = bootstrap(outputs.length, stats, opts);
    const m = scored.length * STATS_PER_CODE;
    return {
      method,
      codes: scored.map((s, k) => {
        const b = binaryStats(s.y, s.pred);
        const at = (j: number): Interval => iv[k * STATS_PER_CODE + j];
        return {
          code: s.code,
          positives: b.positives,
          n: b.n,
          tp: b.tp,
          fp: b.fp,
          fn: b.fn,
          tn: b.tn,
          f1: at(0),
          se: at(1),
          sp: at(2),
          auc: at(3),
        };
      }),
      macro: { ribeiroF1: iv[m], ribeiroAuc: iv[m + 1], superF1: iv[m + 2], superAuc: iv[m + 3] },
    };
  });
  return { set, n: outputs.length, bootstrap: opts, methods };
}
