/**
 * Structured pruning: a pruned beat model is an ordinary, smaller BeatModelConfig built with
 * buildBeatModel and given slices of the original weights, so saveBeatModel/loadBeatModelDir
 * and the app handle it unchanged and it really runs faster (no masks, no sparse kernels).
 *
 * Removing output unit j of a layer removes column j of its kernel and bias, and the matching
 * input rows of whatever reads it:
 *   conv i → conv i+1: input channels of the next kernel [k, in, out];
 *   last conv → flatten → morph: flatten is NWC, so feature (t, c) is row t·C + c of morph's
 *     kernel; channel c's rows are c, C + c, 2C + c, ... (one per remaining time step);
 *   morph and rr_dense → join (concatenate [morph, rr]) → head: rows j and denseUnits + j;
 *   head → probs: rows j.
 */
import * as tf from '@tensorflow/tfjs';
import { BEAT_CLASSES } from '../beats/labels';
import { buildBeatModel, type BeatModelConfig } from '../beats/model';
import type { PruneSizes } from './flops';
import { topUnits, unitImportance } from './importance';

/** Indices of the units kept in each prunable layer (ascending). */
export interface KeptUnits {
  conv: number[][];
  morph: number[];
  rr: number[];
  head: number[];
}

export interface PrunedModel {
  model: tf.LayersModel;
  config: BeatModelConfig;
  kept: KeptUnits;
}

/** The BeatModelConfig a built (or loaded) beat model was made from, read off its layers. */
export function modelConfigOf(model: tf.LayersModel): BeatModelConfig {
  const convs = model.layers.filter((l) => /^conv\d+$/.test(l.name));
  const kernelShape = (name: string): number[] => model.getLayer(name).getWeights()[0].shape;
  const rate = (name: string): number => {
    const layer = model.layers.find((l) => l.name === name);
    return layer ? Number(layer.getConfig().rate) : 0;
  };
  return {
    convFilters: convs.map((l) => kernelShape(l.name)[2]),
    kernelSizes: convs.map((l) => kernelShape(l.name)[0]),
    denseUnits: kernelShape('morph')[1],
    rrUnits: kernelShape('rr_dense')[1],
    headUnits: kernelShape('head')[1],
    dropout: rate('dropout'),
    morphDropout: rate('morph_dropout'),
  };
}

/** The most important units (importance.ts) to keep for the target sizes. */
export function selectUnits(model: tf.LayersModel, sizes: PruneSizes): KeptUnits {
  const from = modelConfigOf(model);
  if (sizes.convFilters.length !== from.convFilters.length)
    throw new RangeError('pruning keeps the number of conv blocks');
  const imp = unitImportance(model, from.convFilters.length);
  const get = (name: string): Float32Array => imp.get(name)!;
  return {
    conv: sizes.convFilters.map((k, i) => topUnits(get(`conv${i + 1}`), k)),
    morph: topUnits(get('morph'), sizes.denseUnits),
    rr: topUnits(get('rr_dense'), sizes.rrUnits),
    head: topUnits(get('head'), sizes.headUnits),
  };
}

/** Prunes to `sizes`, keeping the units with the largest L1 importance. The input is untouched. */
export function pruneModel(model: tf.LayersModel, sizes: PruneSizes): PrunedModel {
  return sliceModel(model, selectUnits(model, sizes));
}

/** An independent copy of a beat model (pruning to its own sizes keeps every unit). */
export function copyModel(model: tf.LayersModel): tf.LayersModel {
  const c = modelConfigOf(model);
  return pruneModel(model, c).model;
}

/** A new, smaller model holding exactly the kept units' weights. The input is untouched. */
export function sliceModel(model: tf.LayersModel, kept: KeptUnits): PrunedModel {
  const from = modelConfigOf(model);
  const config: BeatModelConfig = {
    ...from,
    convFilters: kept.conv.map((k) => k.length),
    denseUnits: kept.morph.length,
    rrUnits: kept.rr.length,
    headUnits: kept.head.length,
  };
  if (model.outputs[0].shape[1] !== BEAT_CLASSES.length)
    throw new Error(`expected a ${BEAT_CLASSES.length}-class beat model`);
  const pruned = buildBeatModel(config);
  for (const [name, weights] of slicedWeights(model, from, kept)) {
    pruned.getLayer(name).setWeights(weights);
    tf.dispose(weights);
  }
  return { model: pruned, config, kept };
}

/** [layer name, [kernel, bias]] of every weighted layer after slicing. */
function slicedWeights(
  model: tf.LayersModel,
  from: BeatModelConfig,
  kept: KeptUnits,
): [string, tf.Tensor[]][] {
  const all = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
  const lastConv = kept.conv[kept.conv.length - 1];
  const lastChannels = from.convFilters[from.convFilters.length - 1];
  // Time steps left after the last pooling: morph reads steps × lastChannels flattened features.
  const steps = model.getLayer('morph').getWeights()[0].shape[0] / lastChannels;
  const flatRows = all(steps).flatMap((t) => lastConv.map((c) => t * lastChannels + c));
  const headRows = [...kept.morph, ...kept.rr.map((j) => from.denseUnits + j)];
  const plan: [string, number[] | null, number[]][] = [
    ...kept.conv.map((out, i): [string, number[] | null, number[]] => [
      `conv${i + 1}`,
      i === 0 ? null : kept.conv[i - 1],
      out,
    ]),
    ['morph', flatRows, kept.morph],
    ['rr_dense', null, kept.rr],
    ['head', headRows, kept.head],
    ['probs', kept.head, all(model.outputs[0].shape[1] as number)],
  ];
  return plan.map(([name, rows, cols]) => [name, sliceLayer(model.getLayer(name), rows, cols)]);
}

/**
 * Kernel [.., in, out] and bias [out] with the given input rows (null = all) and output
 * columns. The input axis is the second to last for conv1d and dense kernels alike.
 */
function sliceLayer(layer: tf.layers.Layer, rows: number[] | null, cols: number[]): tf.Tensor[] {
  const [kernel, bias] = layer.getWeights();
  return tf.tidy(() => {
    const outAxis = kernel.rank - 1;
    let k = tf.gather(kernel, tf.tensor1d(cols, 'int32'), outAxis);
    if (rows) k = tf.gather(k, tf.tensor1d(rows, 'int32'), outAxis - 1);
    return [k, tf.gather(bias, tf.tensor1d(cols, 'int32'))].map(fresh);
  });
}

/**
 * A copy with its own storage. tf.gather returns a reshaped view whose storage the wasm
 * backend still records with the gather's internal (rank-4) shape; once a layer variable
 * adopts that storage, wasm's fused dense kernel rejects the bias as "rank 4".
 */
function fresh(t: tf.Tensor): tf.Tensor {
  return tf.tensor(t.dataSync(), t.shape, t.dtype);
}
