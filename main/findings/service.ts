/**
 * The findings service for the app and the CLI: record-level findings of one recording from
 * the 12-lead model (main/ml/record) and the measurement rules (./rules), decided as chosen
 * on PTB-XL validation data (./decide). Electron-free; call loadRecordModel once and reuse the model.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AnalysisError, analyzeRecording, type AnalysisResult } from '../analysis/analyze';
import { modelsDir } from '../analysis/app-classifier';
import type { ParsedRecording } from '../formats/types';
import { RECORD_CODES, RIBEIRO_CODES, type RibeiroCode } from '../ml/record/labels';
import { predictRecording, type RecordPrediction } from '../ml/record/predict';
import {
  MissingLeadsError,
  RecordingTooShortError,
  standardLeadIndices,
} from '../ml/record/preprocess';
import { loadRecordModelDir, type LoadedRecordModel } from '../ml/record/saved';
import { initBackend } from '../ml/runtime';
import { decideFinding } from './decide';
import { evaluateRules, type RuleVerdicts } from './rules';
import type { Finding, FindingsResult } from './types';

export type { LoadedRecordModel } from '../ml/record/saved';
export const RECORD_MODEL_FOLDER = 'record-12lead';

/** resources/models/record-12lead of the checkout (or under ECG_DESK_MODELS). */
export function recordModelDir(root: string = modelsDir()): string {
  return join(root, RECORD_MODEL_FOLDER);
}

/**
 * Starts the fastest TensorFlow.js backend and loads a record model, checking its labels,
 * tensor shapes, preprocessing contract and decisions (throws when any differs).
 */
export async function loadRecordModel(dir: string = recordModelDir()): Promise<LoadedRecordModel> {
  await initBackend();
  return loadRecordModelDir(dir);
}

/** The installed model, or null when none is installed (findings then come from rules only). */
export async function loadInstalledRecordModel(
  dir: string = recordModelDir(),
): Promise<LoadedRecordModel | null> {
  return existsSync(join(dir, 'model.json')) ? loadRecordModel(dir) : null;
}

const isRibeiro = (code: string): code is RibeiroCode =>
  (RIBEIRO_CODES as readonly string[]).includes(code);

/** The measurements findings cite as evidence (rate, PR, QRS, QT, QTc, axis). */
export function coreMeasurements(a: AnalysisResult): Record<string, number | null> {
  const m = a.measurements;
  return {
    heartRateBpm: m.heartRateBpm,
    prMs: m.prMs,
    qrsMs: m.qrsMs,
    qtMs: m.qtMs,
    qtcMs: m.qtcMs,
    axisDeg: m.axisDeg,
  };
}

const MODEL_MISSING =
  'superclasses not reported, the six rhythm and conduction codes from rules only';

interface RulesPart {
  verdicts: RuleVerdicts | null;
  measurements: Record<string, number | null>;
  problem?: string;
}

function rulesPart(recording: ParsedRecording, analysis?: AnalysisResult): RulesPart {
  try {
    const a = analysis ?? analyzeRecording(recording);
    return { verdicts: evaluateRules(recording, a), measurements: coreMeasurements(a) };
  } catch (err) {
    if (!(err instanceof AnalysisError)) throw err;
    return {
      verdicts: null,
      measurements: {},
      problem: `rules unavailable (${err.message}); findings from the model only`,
    };
  }
}

function modelPart(
  recording: ParsedRecording,
  model: LoadedRecordModel | null,
): { prediction: RecordPrediction | null; problem?: string } {
  if (!model) return { prediction: null, problem: `no record model installed: ${MODEL_MISSING}` };
  try {
    return { prediction: predictRecording(model.model, model.labels, recording) };
  } catch (err) {
    if (!(err instanceof RecordingTooShortError || err instanceof MissingLeadsError)) throw err;
    return { prediction: null, problem: `${err.message}: ${MODEL_MISSING}` };
  }
}

/**
 * Findings of one recording. `analysis` (analyzeRecording's result) is computed when not
 * given. Fewer than the twelve standard leads → no findings and the reason; no model → the
 * six rule-based codes only; no usable analysis → the model's findings only.
 */
export function computeFindings(
  recording: ParsedRecording,
  model: LoadedRecordModel | null,
  analysis?: AnalysisResult,
): FindingsResult {
  const t0 = performance.now();
  const ms = (): number => Math.round((performance.now() - t0) * 10) / 10;
  const names = recording.leads.map((l) => l.name);
  let leadsUsed: string[];
  try {
    leadsUsed = standardLeadIndices(names).map((i) => names[i]);
  } catch (err) {
    if (!(err instanceof MissingLeadsError)) throw err;
    const none = { findings: [], recordModel: null, leadsUsed: [], windows: 0 };
    return { ...none, ms: ms(), unavailableReason: err.message };
  }
  const rules = rulesPart(recording, analysis);
  const { prediction, problem } = modelPart(recording, model);
  const findings = RECORD_CODES.flatMap((code): Finding[] => {
    const k = prediction && model ? model.labels.indexOf(code) : -1;
    const p = prediction && k >= 0 ? prediction.probs[k] : null;
    const verdict = rules.verdicts && isRibeiro(code) ? rules.verdicts[code] : null;
    const decision = p !== null && model ? (model.config.decision[code] ?? null) : null;
    const f = decideFinding(code, p, verdict, decision, rules.measurements);
    return f ? [f] : [];
  });
  const result: FindingsResult = {
    findings,
    recordModel: prediction && model ? model.version : null,
    leadsUsed,
    windows: prediction?.windows ?? 0,
    ms: ms(),
  };
  const reasons = [rules.problem, problem].filter((r): r is string => r !== undefined);
  if (reasons.length > 0) result.unavailableReason = reasons.join('; ');
  return result;
}
