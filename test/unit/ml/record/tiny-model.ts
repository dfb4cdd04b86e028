import * as tf from '@tensorflow/tfjs';
import { RECORD_CODES } from '../../../../main/ml/record/labels';
import { buildRecordModel, type RecordModelConfig } from '../../../../main/ml/record/model';
import {
  INPUT_CONTRACT,
  saveRecordModel,
  type CodeDecision,
} from '../../../../main/ml/record/saved';
import { seedMathRandom } from '../../../../main/ml/seed';

/** A record model small enough to build and train in a test (1000 → 20 → 1). */
export const TINY: RecordModelConfig = {
  stemFilters: 8,
  kernelSize: 5,
  blockFilters: [8, 8],
  downsample: [4, 5],
  dropout: 0.1,
};

/** Rule weights 0.5 for the six codes, 0 for the superclasses; thresholds 0.5. */
export function tinyDecisions(): Record<string, CodeDecision> {
  return Object.fromEntries(
    RECORD_CODES.map((c, i) => [
      c,
      { modelThreshold: 0.5, ruleWeight: i < 6 ? 0.5 : 0, threshold: 0.5 },
    ]),
  );
}

export function buildTiny(): tf.LayersModel {
  const restore = seedMathRandom(7);
  try {
    return buildRecordModel(TINY);
  } finally {
    restore();
  }
}

/** Saves an untrained tiny model with valid labels, contract and decisions into `dir`. */
export async function saveTinyModel(
  dir: string,
  model: tf.LayersModel = buildTiny(),
): Promise<void> {
  await saveRecordModel(model, dir, {
    version: 1,
    release: '1.0.0',
    labels: [...RECORD_CODES],
    input: INPUT_CONTRACT,
    model: TINY,
    decision: tinyDecisions(),
  });
}
