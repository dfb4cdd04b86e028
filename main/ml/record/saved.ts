/**
 * The saved record model: a folder with the tfjs model (model.json + weights.bin),
 * labels.json (RECORD_CODES order) and config.json (architecture, preprocessing contract and
 * the fold-9 decision thresholds). loadRecordModelDir refuses a folder whose labels, input
 * contract, decisions or tensor shapes do not match this code.
 */
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { loadLayersModelFromDir, readCheckedFolderConfig, saveLayersModel } from '../io';
import { RECORD_CODES } from './labels';
import type { RecordModelConfig } from './model';
import { CLIP, MIN_SECONDS, N_LEADS, RECORD_FS_HZ, STANDARD_LEADS, WINDOW_LEN } from './preprocess';

/** What the model expects of its inputs; a saved model is refused if this code differs. */
export interface InputContract {
  fsHz: number;
  windowLen: number;
  minSeconds: number;
  leads: string[];
  baselineHighpassHz: number;
  normalisation: string;
  clip: number;
  amplitudeInput: string;
}

export const INPUT_CONTRACT: InputContract = {
  fsHz: RECORD_FS_HZ,
  windowLen: WINDOW_LEN,
  minSeconds: MIN_SECONDS,
  leads: [...STANDARD_LEADS],
  baselineHighpassHz: 0.5,
  normalisation: 'divide all leads by the median over leads of the p1-p99 range',
  clip: CLIP,
  amplitudeInput: 'log2(scale in mV)',
};

/**
 * How one code is decided (see thresholds.ts); chosen on PTB-XL fold 9, with folds 1–8 out of
 * fold when decisionSet says so.
 */
export interface CodeDecision {
  /** Model alone: present when p ≥ modelThreshold. */
  modelThreshold: number;
  /** Weight of the rule in the combined score (0 for codes without a rule). */
  ruleWeight: number;
  /** Combined: present when (1 − w)·p + w·rule ≥ threshold. */
  threshold: number;
}

export interface DecisionSet {
  /** fold 9 alone, or 'cv': fold 9 with folds 1–8 out of fold (train-record --decide-on). */
  source: 'fold9' | 'cv';
  /** e.g. "PTB-XL fold 9" or "PTB-XL folds 1–8 out of fold + fold 9". */
  name: string;
  records: number;
  /** Positives per code, RECORD_CODES order. */
  positives: number[];
}

export interface SavedRecordConfig {
  version: 1;
  /** Release of the weights; the model's version string is "<folder>@<release>". */
  release: string;
  labels: string[];
  input: InputContract;
  model: RecordModelConfig;
  decision: Record<string, CodeDecision>;
  /** The records the decisions were chosen on (absent in 1.0.0: PTB-XL fold 9). */
  decisionSet?: DecisionSet;
  /** Free-form training facts (seed, epochs, backend, figures...), for the record only. */
  training?: Record<string, unknown>;
}

export interface LoadedRecordModel {
  model: tf.LayersModel;
  labels: string[];
  config: SavedRecordConfig;
  /** e.g. "record-12lead@1.0.0". */
  version: string;
}

export async function saveRecordModel(
  model: tf.LayersModel,
  dir: string,
  config: SavedRecordConfig,
): Promise<void> {
  await saveLayersModel(model, dir);
  writeFileSync(join(dir, 'labels.json'), JSON.stringify(config.labels) + '\n');
  // training.release as well: modelFolderVersion (main/analysis/app-classifier) reads it there.
  const withRelease = { ...config, training: { ...config.training, release: config.release } };
  writeFileSync(join(dir, 'config.json'), JSON.stringify(withRelease, null, 2) + '\n');
}

export async function loadRecordModelDir(
  dir: string,
  expectedLabels: readonly string[] = RECORD_CODES,
): Promise<LoadedRecordModel> {
  const { labels, config } = readCheckedFolderConfig<SavedRecordConfig>(
    dir,
    'record model',
    expectedLabels,
    INPUT_CONTRACT,
  );
  checkDecisions(config.decision, labels);
  const model = await loadLayersModelFromDir(dir);
  try {
    checkShapes(model, labels.length);
  } catch (err) {
    model.dispose();
    throw err;
  }
  return {
    model,
    labels,
    config,
    version: `${basename(dir)}@${config.release}`,
  };
}

function checkDecisions(decision: SavedRecordConfig['decision'], labels: string[]): void {
  for (const code of labels) {
    const d = decision?.[code];
    const ok =
      d &&
      [d.modelThreshold, d.threshold, d.ruleWeight].every(Number.isFinite) &&
      d.ruleWeight >= 0 &&
      d.ruleWeight <= 1;
    if (!ok) throw new Error(`record model: no valid decision thresholds for ${code}`);
  }
}

function checkShapes(model: tf.LayersModel, nLabels: number): void {
  const ins = model.inputs.map((t) => JSON.stringify(t.shape.slice(1)));
  const want = [JSON.stringify([WINDOW_LEN, N_LEADS]), JSON.stringify([1])];
  if (ins.join(';') !== want.join(';'))
    throw new Error(`record model inputs ${ins.join(', ')} differ from ${want.join(', ')}`);
  const out = model.outputs[0].shape;
  if (model.outputs.length !== 1 || out.length !== 2 || out[1] !== nLabels)
    throw new Error(`record model outputs ${JSON.stringify(out)} do not match ${nLabels} labels`);
}
