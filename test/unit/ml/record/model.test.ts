import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordSet } from '../../../../main/ml/record/dataset';
import { N_CODES, RECORD_CODES } from '../../../../main/ml/record/labels';
import { DEFAULT_RECORD_MODEL, validateRecordConfig } from '../../../../main/ml/record/model';
import {
  aggregateWindows,
  predictRecording,
  predictWindows,
} from '../../../../main/ml/record/predict';
import {
  MissingLeadsError,
  N_LEADS,
  STANDARD_LEADS,
  WINDOW_LEN,
} from '../../../../main/ml/record/preprocess';
import { INPUT_CONTRACT, loadRecordModelDir } from '../../../../main/ml/record/saved';
import {
  DEFAULT_RECORD_TRAIN,
  positiveWeights,
  trainRecordModel,
} from '../../../../main/ml/record/train';
import { initBackend } from '../../../../main/ml/runtime';
import { mulberry32 } from '../../../../main/ml/seed';
import { syntheticRecording } from './synthetic';
import { buildTiny, saveTinyModel } from './tiny-model';

let root: string;
let dir: string;

beforeAll(async () => {
  await initBackend('wasm');
  root = mkdtempSync(join(tmpdir(), 'record-model-'));
  dir = join(root, 'record-12lead');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tinySet(n: number): RecordSet {
  const rand = mulberry32(3);
  return {
    ids: Array.from({ length: n }, (_, i) => `r${i}`),
    n,
    windows: Float32Array.from({ length: n * WINDOW_LEN * N_LEADS }, () => rand() - 0.5),
    amplitude: Float32Array.from({ length: n }, () => rand()),
    labels: Int8Array.from({ length: n * N_CODES }, (_, i) => (i % 7 === 0 ? 1 : 0)),
  };
}

describe('record model', () => {
  it('validates its config ranges (the default included)', () => {
    expect(() => validateRecordConfig(DEFAULT_RECORD_MODEL)).not.toThrow();
    expect(() => validateRecordConfig({ ...DEFAULT_RECORD_MODEL, kernelSize: 8 })).toThrow(
      RangeError,
    );
    expect(() =>
      validateRecordConfig({ ...DEFAULT_RECORD_MODEL, downsample: [4, 4, 5, 5] }),
    ).toThrow(/divide/);
    expect(() => validateRecordConfig({ ...DEFAULT_RECORD_MODEL, dropout: 0.6 })).toThrow(
      RangeError,
    );
  });

  it('weights positives by (neg/pos)^0.5, capped', () => {
    const set = tinySet(14); // label i*11+c positive when divisible by 7
    const w = positiveWeights(set, N_CODES, DEFAULT_RECORD_TRAIN);
    expect(w).toHaveLength(N_CODES);
    expect(w.every((v) => v >= 1 && v <= DEFAULT_RECORD_TRAIN.maxPosWeight)).toBe(true);
    expect(w[0]).toBeCloseTo(Math.sqrt(12 / 2)); // records 0 and 7 are positive for code 0
  });

  it('trains two tiny steps without leaking tensors and round-trips through save/load', async () => {
    const model = buildTiny();
    const before = tf.memory().numTensors;
    const opts = { ...DEFAULT_RECORD_TRAIN, epochs: 1, batchSize: 8 };
    const res = await trainRecordModel(model, tinySet(16), tinySet(6), opts);
    expect(res.history).toHaveLength(1);
    expect(res.history[0].loss).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
    await saveTinyModel(dir, model);
    const set = tinySet(3);
    const want = predictWindows(model, set.windows, set.amplitude, 3);
    const loaded = await loadRecordModelDir(dir);
    expect(loaded.labels).toEqual([...RECORD_CODES]);
    expect(loaded.version).toBe(`${basename(dir)}@1.0.0`);
    const got = predictWindows(loaded.model, set.windows, set.amplitude, 3);
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
    model.dispose();
    loaded.model.dispose();
  });

  it('predicts whole recordings through preprocessing, windowed, without leaking tensors', async () => {
    const loaded = await loadRecordModelDir(dir);
    const before = tf.memory().numTensors;
    const ten = predictRecording(
      loaded.model,
      loaded.labels,
      syntheticRecording(STANDARD_LEADS, 500, 10),
    );
    const long = predictRecording(
      loaded.model,
      loaded.labels,
      syntheticRecording(STANDARD_LEADS, 250, 25),
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(ten.windows).toBe(1);
    expect(long.windows).toBe(3);
    for (const p of [ten.probs, long.probs]) {
      expect(p).toHaveLength(N_CODES);
      expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
    }
    expect(() =>
      predictRecording(
        loaded.model,
        loaded.labels,
        syntheticRecording(['I', 'II', 'III'], 500, 10),
      ),
    ).toThrow(MissingLeadsError);
    loaded.model.dispose();
  });

  it('aggregates windows by max, and by min for NORM', () => {
    const labels = ['AF', 'NORM'];
    expect(
      Array.from(aggregateWindows(Float32Array.from([0.1, 0.9, 0.7, 0.4]), 2, labels)),
    ).toEqual([Math.fround(0.7), Math.fround(0.4)]);
  });

  it('refuses a saved model with wrong labels, shapes, preprocessing or decisions', async () => {
    await expect(loadRecordModelDir(dir, RECORD_CODES.slice(0, 10))).rejects.toThrow(/labels/);
    const labelsPath = join(dir, 'labels.json');
    const configPath = join(dir, 'config.json');
    const labels = readFileSync(labelsPath, 'utf8');
    const config = readFileSync(configPath, 'utf8');
    const write = (l: unknown, c: Record<string, unknown>): void => {
      writeFileSync(labelsPath, JSON.stringify(l));
      writeFileSync(configPath, JSON.stringify({ ...JSON.parse(config), ...c }));
    };
    try {
      const ten = RECORD_CODES.slice(0, 10);
      write(ten, { labels: ten });
      await expect(loadRecordModelDir(dir, ten)).rejects.toThrow(/do not match 10 labels/);
      write(JSON.parse(labels), { labels: [...RECORD_CODES].reverse() });
      await expect(loadRecordModelDir(dir)).rejects.toThrow(/disagree/);
      write(JSON.parse(labels), { input: { ...INPUT_CONTRACT, fsHz: 250 } });
      await expect(loadRecordModelDir(dir)).rejects.toThrow(/different preprocessing/);
      const decision = JSON.parse(config).decision;
      delete decision.HYP;
      write(JSON.parse(labels), { decision });
      await expect(loadRecordModelDir(dir)).rejects.toThrow(/decision thresholds for HYP/);
    } finally {
      writeFileSync(labelsPath, labels);
      writeFileSync(configPath, config);
    }
    const ok = await loadRecordModelDir(dir);
    ok.model.dispose();
  });
});
