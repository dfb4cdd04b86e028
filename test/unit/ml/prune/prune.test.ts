import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEAT_CLASSES } from '../../../../main/ml/beats/labels';
import {
  buildBeatModel,
  DEFAULT_BEAT_MODEL,
  INPUT_CONTRACT,
  loadBeatModelDir,
  saveBeatModel,
  type BeatModelConfig,
} from '../../../../main/ml/beats/model';
import { N_CHANNELS, WINDOW_LEN } from '../../../../main/ml/beats/preprocess';
import { RR_DIM } from '../../../../main/ml/beats/rr';
import { countFlops, type PruneSizes } from '../../../../main/ml/prune/flops';
import { layerImportance, topUnits } from '../../../../main/ml/prune/importance';
import { modelConfigOf, pruneModel } from '../../../../main/ml/prune/prune';
import { multistagePrune, oneShotPrune, stageSizes } from '../../../../main/ml/prune/schedule';
import { initBackend } from '../../../../main/ml/runtime';
import { seedMathRandom } from '../../../../main/ml/seed';
import { SMALL_BEAT_MODEL } from '../../../helpers/beat-fixtures';

let dir: string;
beforeAll(async () => {
  await initBackend('wasm');
  dir = mkdtempSync(join(tmpdir(), 'prune-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function seededModel(config: BeatModelConfig = DEFAULT_BEAT_MODEL, seed = 1): tf.LayersModel {
  const restore = seedMathRandom(seed);
  const model = buildBeatModel(config);
  restore();
  // Non-zero biases, so a bias slicing mistake cannot hide behind zero-initialised biases.
  for (const layer of model.layers) {
    const w = layer.getWeights();
    if (w.length !== 2) continue;
    const bias = tf.tidy(() =>
      tf.add(w[1], tf.randomUniform(w[1].shape, 0.01, 0.1, 'float32', seed)),
    );
    layer.setWeights([w[0], bias]);
    bias.dispose();
  }
  return model;
}

/** Softmax outputs of the model on fixed random beats and RR rows. */
function outputs(model: tf.LayersModel): Float32Array {
  return tf.tidy(() => {
    const x = tf.randomNormal([16, WINDOW_LEN, N_CHANNELS], 0, 1, 'float32', 7);
    const r = tf.randomNormal([16, RR_DIM], 1, 0.3, 'float32', 8);
    return (model.predict([x, r]) as tf.Tensor).dataSync() as Float32Array;
  });
}

function expectClose(a: Float32Array, b: Float32Array): void {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 5));
}

const sizesOf = (c: BeatModelConfig): PruneSizes => ({
  convFilters: c.convFilters,
  denseUnits: c.denseUnits,
  rrUnits: c.rrUnits,
  headUnits: c.headUnits,
});

/** Zeroes the kernel column and bias of the given output units of a layer. */
function zeroUnits(model: tf.LayersModel, name: string, units: number[]): void {
  const layer = model.getLayer(name);
  const [kernel, bias] = layer.getWeights();
  const n = kernel.shape[kernel.rank - 1];
  const mask = tf.tensor1d(Array.from({ length: n }, (_, j) => (units.includes(j) ? 0 : 1)));
  const w = tf.tidy(() => [tf.mul(kernel, mask), tf.mul(bias, mask)]);
  layer.setWeights(w);
  tf.dispose([...w, mask]);
}

describe('structured pruning', () => {
  it('gives identical outputs when nothing is pruned, and leaks no tensors', () => {
    const model = seededModel();
    const before = tf.memory().numTensors;
    const pruned = pruneModel(model, sizesOf(DEFAULT_BEAT_MODEL));
    expect(pruned.config).toEqual(DEFAULT_BEAT_MODEL);
    expectClose(outputs(pruned.model), outputs(model));
    pruned.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('removes zero-importance units without changing the outputs', () => {
    const model = seededModel();
    const dead: Record<string, number[]> = {
      conv1: [0, 5, 15],
      conv2: [3, 4, 20, 31],
      conv3: [1, 17, 30], // exercises the flatten → morph row slicing (NWC order)
      morph: [2, 9],
      rr_dense: [0, 7],
      head: [4, 31],
    };
    for (const [name, units] of Object.entries(dead)) zeroUnits(model, name, units);
    const want = outputs(model);
    const pruned = pruneModel(model, {
      convFilters: [13, 28, 29],
      denseUnits: 30,
      rrUnits: 14,
      headUnits: 30,
    });
    expect(pruned.kept.conv[2]).not.toContain(17);
    expect(pruned.kept.conv[1]).toHaveLength(28);
    expect(pruned.kept.head).not.toContain(31);
    expect(pruned.model.countParams()).toBe(countFlops(pruned.config).params);
    expectClose(outputs(pruned.model), want);
    pruned.model.dispose();
    model.dispose();
  });

  it('ranks units by L1 norm of kernel column plus |bias|, ties to the lower index', () => {
    const layer = tf.layers.dense({ units: 3, inputShape: [2], useBias: true });
    const m = tf.sequential({ layers: [layer] });
    const w = [
      tf.tensor2d([
        [1, -2, 0],
        [1, 0, 0],
      ]),
      tf.tensor1d([0, 0, -3]),
    ];
    layer.setWeights(w);
    expect([...layerImportance(layer)]).toEqual([2, 2, 3]);
    expect(topUnits(Float32Array.from([2, 2, 3]), 2)).toEqual([0, 2]);
    expect(() => topUnits(Float32Array.from([1]), 2)).toThrow(RangeError);
    tf.dispose(w);
    m.dispose();
  });

  it('counts FLOPs and parameters as computed by hand', () => {
    const cost = countFlops(SMALL_BEAT_MODEL);
    // conv1: 144 outputs × 4 filters, 5 taps × 2 channels each: 5760 MACs, +576 bias adds.
    // conv2: 72 × 8 outputs, 3 × 4 each: 6912 MACs, +576. morph: 8 units × (36 × 8) inputs.
    // rr: 4 × 8. head: 8 × (8 + 4). probs: 5 × 8.
    expect(cost.layers.map((l) => l.macs)).toEqual([5760, 6912, 2304, 32, 96, 40]);
    expect(cost.flops).toBe(2 * (5760 + 6912 + 2304 + 32 + 96 + 40) + (576 + 576 + 8 + 4 + 8 + 5));
    expect(cost.params).toBe(44 + 104 + 2312 + 36 + 104 + 45);
    const model = buildBeatModel(SMALL_BEAT_MODEL);
    expect(model.countParams()).toBe(cost.params);
    model.dispose();
    expect(countFlops(DEFAULT_BEAT_MODEL).params).toBe(28325); // beat-full's model card
  });

  it('saves a pruned model that loads through loadBeatModelDir with the same outputs', async () => {
    const model = seededModel();
    const pruned = pruneModel(model, {
      convFilters: [8, 12, 12],
      denseUnits: 16,
      rrUnits: 8,
      headUnits: 16,
    });
    await saveBeatModel(pruned.model, dir, {
      version: 1,
      labels: [...BEAT_CLASSES],
      input: INPUT_CONTRACT,
      model: pruned.config,
    });
    const loaded = await loadBeatModelDir(dir);
    expect(modelConfigOf(loaded.model)).toEqual(pruned.config);
    expectClose(outputs(loaded.model), outputs(pruned.model));
    loaded.model.dispose();
    pruned.model.dispose();
    model.dispose();
  });
});

const MODELS = resolve(__dirname, '..', '..', '..', '..', 'resources', 'models');

describe.skipIf(!existsSync(join(MODELS, 'beat-pruned', 'model.json')))(
  'shipped beat-pruned',
  () => {
    it('loads like beat-full and has at least 60 % fewer FLOPs', async () => {
      const pruned = await loadBeatModelDir(join(MODELS, 'beat-pruned'));
      const full = await loadBeatModelDir(join(MODELS, 'beat-full'));
      expect(modelConfigOf(pruned.model)).toEqual(pruned.config.model);
      expect(pruned.config.training?.release).toBeTypeOf('string');
      const ratio = countFlops(pruned.config.model).flops / countFlops(full.config.model).flops;
      expect(ratio).toBeLessThanOrEqual(0.4);
      pruned.model.dispose();
      full.model.dispose();
    });
  },
);

describe('pruning schedules', () => {
  const target: PruneSizes = {
    convFilters: [8, 12, 12],
    denseUnits: 16,
    rrUnits: 8,
    headUnits: 16,
  };

  it('shrinks geometrically, never grows, and ends exactly at the target', () => {
    const s = stageSizes(sizesOf(DEFAULT_BEAT_MODEL), target, 3);
    expect(s.map((x) => x.convFilters)).toEqual([
      [13, 23, 23],
      [10, 17, 17],
      [8, 12, 12],
    ]);
    expect(s[2]).toEqual(target);
    expect(stageSizes(sizesOf(DEFAULT_BEAT_MODEL), target, 1)).toEqual([target]);
  });

  it('fine-tunes after every stage and returns a model of the target size', async () => {
    const model = seededModel();
    const before = tf.memory().numTensors;
    const calls: [number, number, number][] = [];
    const multi = await multistagePrune(model, target, 3, 2, async (m, stage, epochs) => {
      calls.push([stage, epochs, modelConfigOf(m).convFilters[0]]);
    });
    expect(calls).toEqual([
      [1, 2, 13],
      [2, 2, 10],
      [3, 2, 8],
    ]);
    expect(modelConfigOf(multi.model).convFilters).toEqual(target.convFilters);
    expect(multi.stages.map((s) => s.flops)).toEqual(
      stageSizes(sizesOf(DEFAULT_BEAT_MODEL), target, 3).map(
        (z) => countFlops({ ...z, kernelSizes: DEFAULT_BEAT_MODEL.kernelSizes }).flops,
      ),
    );
    const one = await oneShotPrune(model, target, 6, async () => {});
    expect(one.config).toEqual(multi.config);
    multi.model.dispose();
    one.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
