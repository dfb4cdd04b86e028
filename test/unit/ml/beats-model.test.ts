import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyBeats } from '../../../main/ml/beats/classify';
import { BEAT_CLASSES } from '../../../main/ml/beats/labels';
import { beatReport } from '../../../main/ml/beats/metrics';
import {
  buildBeatModel,
  DEFAULT_BEAT_MODEL,
  INPUT_CONTRACT,
  loadBeatModelDir,
  saveBeatModel,
  validateConfig,
} from '../../../main/ml/beats/model';
import { N_CHANNELS, WINDOW_LEN } from '../../../main/ml/beats/preprocess';
import { RR_DIM } from '../../../main/ml/beats/rr';
import { DEFAULT_TRAIN, trainBeatModel } from '../../../main/ml/beats/train';
import { initBackend } from '../../../main/ml/runtime';
import { SMALL_BEAT_MODEL, tinyBeatSet } from '../../helpers/beat-fixtures';

let dir: string;

beforeAll(async () => {
  await initBackend('wasm');
  dir = mkdtempSync(join(tmpdir(), 'beat-model-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('beat model', () => {
  it('validates its config ranges', () => {
    expect(() => validateConfig(DEFAULT_BEAT_MODEL)).not.toThrow();
    expect(() => validateConfig({ ...DEFAULT_BEAT_MODEL, kernelSizes: [6, 5, 5] })).toThrow(
      RangeError,
    );
    expect(() => validateConfig({ ...DEFAULT_BEAT_MODEL, dropout: 0.9 })).toThrow(RangeError);
  });

  it('trains without leaking tensors and round-trips through save/load', async () => {
    const model = buildBeatModel(SMALL_BEAT_MODEL);
    const before = tf.memory().numTensors;
    const opts = { ...DEFAULT_TRAIN, epochs: 2, epochSize: 64, batchSize: 32, patience: 5 };
    const res = await trainBeatModel(model, tinyBeatSet(40, 2), tinyBeatSet(10, 0), opts);
    expect(res.history).toHaveLength(2);
    expect(tf.memory().numTensors).toBe(before);
    await saveBeatModel(model, dir, {
      version: 1,
      labels: [...BEAT_CLASSES],
      input: INPUT_CONTRACT,
      model: SMALL_BEAT_MODEL,
    });
    const x = tf.randomNormal([3, WINDOW_LEN, N_CHANNELS]);
    const r = tf.randomNormal([3, RR_DIM]);
    const want = (model.predict([x, r]) as tf.Tensor).arraySync();
    const loaded = await loadBeatModelDir(dir);
    expect(loaded.labels).toEqual([...BEAT_CLASSES]);
    const got = (loaded.model.predict([x, r]) as tf.Tensor).arraySync() as number[][];
    got.flat().forEach((v, i) => expect(v).toBeCloseTo((want as number[][]).flat()[i], 6));
    tf.dispose([x, r]);
    model.dispose();
    loaded.model.dispose();
  });

  it('classifies beats of a raw signal, batched, without leaking tensors', async () => {
    const loaded = await loadBeatModelDir(dir);
    const fs = 250;
    const signal = new Float32Array(fs * 20);
    const beats: number[] = [];
    for (let t = fs / 2; t < signal.length - fs / 2; t += Math.round(0.8 * fs)) {
      beats.push(t);
      for (let k = -5; k <= 5; k++) signal[t + k] += 1 - Math.abs(k) / 6; // a QRS-like spike
    }
    const before = tf.memory().numTensors;
    const out = classifyBeats(loaded, signal, fs, Int32Array.from(beats));
    expect(tf.memory().numTensors).toBe(before);
    expect(out).toHaveLength(beats.length);
    for (const b of out) {
      expect(BEAT_CLASSES).toContain(b.label);
      expect(b.probs.reduce((a, p) => a + p, 0)).toBeCloseTo(1, 4);
      expect(b.confidence).toBe(Math.max(...b.probs));
    }
    expect(classifyBeats(loaded, signal, fs, new Int32Array(0))).toEqual([]);
    expect(() => classifyBeats(loaded, signal, fs, Int32Array.from([10, 5]))).toThrow(RangeError);
    loaded.model.dispose();
  });

  it('rejects a saved model whose label list is wrong or whose shapes do not match it', async () => {
    await expect(loadBeatModelDir(dir, ['N', 'S', 'V', 'F'])).rejects.toThrow(/labels/);
    const labelsPath = join(dir, 'labels.json');
    const configPath = join(dir, 'config.json');
    const labels = readFileSync(labelsPath, 'utf8');
    const config = readFileSync(configPath, 'utf8');
    try {
      // Four labels for a five-way softmax: labels and config agree, the model does not.
      const four = ['N', 'S', 'V', 'F'];
      writeFileSync(labelsPath, JSON.stringify(four));
      writeFileSync(configPath, JSON.stringify({ ...JSON.parse(config), labels: four }));
      await expect(loadBeatModelDir(dir, four)).rejects.toThrow(/do not match 4 labels/);
      writeFileSync(labelsPath, labels);
      writeFileSync(
        configPath,
        JSON.stringify({ ...JSON.parse(config), input: { ...INPUT_CONTRACT, fsHz: 360 } }),
      );
      await expect(loadBeatModelDir(dir)).rejects.toThrow(/different preprocessing/);
    } finally {
      writeFileSync(labelsPath, labels);
      writeFileSync(configPath, config);
    }
  });
});

describe('AAMI report', () => {
  it('computes Se, +P and accuracy over N, S, V, F (reference Q left out)', () => {
    const m = [
      [90, 5, 5, 0, 0],
      [2, 8, 0, 0, 0],
      [1, 0, 9, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 3, 0, 0, 1],
    ];
    const r = beatReport(m);
    expect(r.perClass.S.se).toBeCloseTo(0.8);
    expect(r.perClass.S.ppv).toBeCloseTo(8 / 13);
    expect(r.perClass.V.ppv).toBeCloseTo(9 / 14);
    expect(r.accuracy).toBeCloseTo(107 / 120);
    expect(r.total).toBe(120);
  });
});
