/**
 * The beat classifier: a small 1-D CNN on the beat window plus a dense branch on the RR
 * features, joined into a softmax over BEAT_CLASSES.
 *
 *   beat [WINDOW_LEN, 2] ─ (conv1d same + ReLU + maxPool 2) × blocks ─ flatten ─ dense ─┐
 *   rr   [RR_DIM]        ─ dense ─────────────────────────────────────────────────────── concat ─ dropout ─ dense ─ softmax
 *
 * tfjs turns conv1d into conv2d with height 1, which is exactly what main/ml/kernels serves
 * fast on wasm. The folder written by saveBeatModel holds the tfjs model plus labels.json and
 * config.json (this config and the preprocessing contract), checked by loadBeatModelDir.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadLayersModelFromDir, readCheckedFolderConfig, saveLayersModel } from '../io';
import { BEAT_CLASSES } from './labels';
import {
  BEAT_FS_HZ,
  N_CHANNELS,
  WINDOW_AFTER,
  WINDOW_BEFORE,
  WINDOW_CHANNELS,
  WINDOW_LEN,
} from './preprocess';
import { RR_DIM, RR_FEATURES } from './rr';

export interface BeatModelConfig {
  /** Filters per conv block, 1..4 blocks of 4..128. Default [16, 32, 32]. */
  convFilters: number[];
  /** Kernel size per block (same length as convFilters), odd, 3..15. Default [7, 5, 5]. */
  kernelSizes: number[];
  /** Units of the morphology dense layer, 8..256. Default 32. */
  denseUnits: number;
  /** Units of the RR dense layer, 4..64. Default 16. */
  rrUnits: number;
  /** Units of the joint layer before the softmax, 8..256. Default 32. */
  headUnits: number;
  /** Dropout rate on the joined features during training, 0..0.7. Default 0.3. */
  dropout: number;
  /** Dropout rate on the flattened conv features during training, 0..0.7. Default 0.3. */
  morphDropout: number;
}

export const DEFAULT_BEAT_MODEL: BeatModelConfig = {
  convFilters: [16, 32, 32],
  kernelSizes: [7, 5, 5],
  denseUnits: 32,
  rrUnits: 16,
  headUnits: 32,
  dropout: 0.3,
  morphDropout: 0.3,
};

/** What the model expects of its inputs; a saved model is refused if this code differs. */
export interface InputContract {
  fsHz: number;
  windowBefore: number;
  windowAfter: number;
  channels: string[];
  rrFeatures: string[];
}

export const INPUT_CONTRACT: InputContract = {
  fsHz: BEAT_FS_HZ,
  windowBefore: WINDOW_BEFORE,
  windowAfter: WINDOW_AFTER,
  channels: [...WINDOW_CHANNELS],
  rrFeatures: [...RR_FEATURES],
};

export interface SavedBeatConfig {
  version: 1;
  labels: string[];
  input: InputContract;
  model: BeatModelConfig;
  /** Free-form training facts (seed, epochs, backend...), for the record only. */
  training?: Record<string, unknown>;
}

export function validateConfig(c: BeatModelConfig): void {
  const bad = (what: string): never => {
    throw new RangeError(`beat model config: ${what}`);
  };
  if (c.convFilters.length < 1 || c.convFilters.length > 4) bad('1..4 conv blocks');
  if (c.kernelSizes.length !== c.convFilters.length) bad('kernelSizes must match convFilters');
  if (c.convFilters.some((f) => !Number.isInteger(f) || f < 4 || f > 128))
    bad('convFilters in 4..128');
  if (c.kernelSizes.some((k) => !Number.isInteger(k) || k < 3 || k > 15 || k % 2 === 0))
    bad('kernelSizes odd in 3..15');
  if (!(c.dropout >= 0 && c.dropout <= 0.7)) bad('dropout in 0..0.7');
  if (!(c.morphDropout >= 0 && c.morphDropout <= 0.7)) bad('morphDropout in 0..0.7');
  for (const [name, v, lo, hi] of [
    ['denseUnits', c.denseUnits, 8, 256],
    ['rrUnits', c.rrUnits, 4, 64],
    ['headUnits', c.headUnits, 8, 256],
  ] as const)
    if (!Number.isInteger(v) || v < lo || v > hi) bad(`${name} in ${lo}..${hi}`);
}

export function buildBeatModel(
  config: BeatModelConfig = DEFAULT_BEAT_MODEL,
  nClasses = BEAT_CLASSES.length,
): tf.LayersModel {
  validateConfig(config);
  const beat = tf.input({ shape: [WINDOW_LEN, N_CHANNELS], name: 'beat' });
  const rr = tf.input({ shape: [RR_DIM], name: 'rr' });
  let h: tf.SymbolicTensor = beat;
  config.convFilters.forEach((filters, i) => {
    h = apply(
      tf.layers.conv1d({
        filters,
        kernelSize: config.kernelSizes[i],
        padding: 'same',
        activation: 'relu',
        name: `conv${i + 1}`,
      }),
      h,
    );
    h = apply(tf.layers.maxPooling1d({ poolSize: 2, name: `pool${i + 1}` }), h);
  });
  h = apply(tf.layers.flatten({ name: 'flatten' }), h);
  if (config.morphDropout > 0)
    h = apply(tf.layers.dropout({ rate: config.morphDropout, name: 'morph_dropout' }), h);
  h = apply(tf.layers.dense({ units: config.denseUnits, activation: 'relu', name: 'morph' }), h);
  const r = apply(
    tf.layers.dense({ units: config.rrUnits, activation: 'relu', name: 'rr_dense' }),
    rr,
  );
  let z = tf.layers.concatenate({ name: 'join' }).apply([h, r]) as tf.SymbolicTensor;
  z = apply(tf.layers.dropout({ rate: config.dropout, name: 'dropout' }), z);
  z = apply(tf.layers.dense({ units: config.headUnits, activation: 'relu', name: 'head' }), z);
  const out = apply(tf.layers.dense({ units: nClasses, activation: 'softmax', name: 'probs' }), z);
  return tf.model({ inputs: [beat, rr], outputs: out, name: 'beat_classifier' });
}

function apply(layer: tf.layers.Layer, x: tf.SymbolicTensor): tf.SymbolicTensor {
  return layer.apply(x) as tf.SymbolicTensor;
}

export async function saveBeatModel(
  model: tf.LayersModel,
  dir: string,
  config: SavedBeatConfig,
): Promise<void> {
  await saveLayersModel(model, dir);
  writeFileSync(join(dir, 'labels.json'), JSON.stringify(config.labels) + '\n');
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config, null, 2) + '\n');
}

export interface LoadedBeatModel {
  model: tf.LayersModel;
  labels: string[];
  config: SavedBeatConfig;
}

/**
 * Loads and checks a saved beat model: its label list must equal `expectedLabels` and the
 * model's input/output shapes and preprocessing contract must match this code.
 */
export async function loadBeatModelDir(
  dir: string,
  expectedLabels: readonly string[] = BEAT_CLASSES,
): Promise<LoadedBeatModel> {
  const { labels, config } = readCheckedFolderConfig<SavedBeatConfig>(
    dir,
    'beat model',
    expectedLabels,
    INPUT_CONTRACT,
  );
  const model = await loadLayersModelFromDir(dir);
  try {
    checkShapes(model, labels.length);
  } catch (err) {
    model.dispose();
    throw err;
  }
  return { model, labels, config };
}

function checkShapes(model: tf.LayersModel, nLabels: number): void {
  const ins = model.inputs.map((t) => JSON.stringify(t.shape.slice(1)));
  const want = [JSON.stringify([WINDOW_LEN, N_CHANNELS]), JSON.stringify([RR_DIM])];
  if (ins.join(';') !== want.join(';'))
    throw new Error(`beat model inputs ${ins.join(', ')} differ from ${want.join(', ')}`);
  const out = model.outputs[0].shape;
  if (model.outputs.length !== 1 || out.length !== 2 || out[1] !== nLabels)
    throw new Error(`beat model outputs ${JSON.stringify(out)} do not match ${nLabels} labels`);
}
