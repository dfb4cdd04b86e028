import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideFinding } from '../../../main/findings/decide';
import {
  computeFindings,
  loadInstalledRecordModel,
  loadRecordModel,
  recordModelDir,
  type LoadedRecordModel,
} from '../../../main/findings/service';
import {
  readLudbRecording,
  readPtbxlIndex,
  readPtbxlRecording,
} from '../../../main/ml/record/dataset';
import { RECORD_CODES, RIBEIRO_CODES } from '../../../main/ml/record/labels';
import { STANDARD_LEADS } from '../../../main/ml/record/preprocess';
import { initBackend } from '../../../main/ml/runtime';
import { dataPath, describeWithData } from '../../helpers/data';
import { syntheticRecording } from '../ml/record/synthetic';
import { saveTinyModel } from '../ml/record/tiny-model';

let root: string;
let model: LoadedRecordModel;

beforeAll(async () => {
  await initBackend('wasm');
  root = mkdtempSync(join(tmpdir(), 'findings-'));
  await saveTinyModel(recordModelDir(root));
  model = await loadRecordModel(recordModelDir(root));
});
afterAll(() => {
  model.model.dispose();
  rmSync(root, { recursive: true, force: true });
});

describe('findings service', () => {
  it('resolves resources/models/record-12lead under the models folder', () => {
    expect(recordModelDir('/x/models')).toBe(join('/x/models', 'record-12lead'));
  });

  it('returns no findings, and says why, for fewer than twelve leads', () => {
    const rec = syntheticRecording(['I', 'II', 'III', 'aVR', 'aVL', 'aVF'], 500, 10);
    const r = computeFindings(rec, model);
    expect(r.findings).toEqual([]);
    expect(r.leadsUsed).toEqual([]);
    expect(r.windows).toBe(0);
    expect(r.recordModel).toBeNull();
    expect(r.unavailableReason).toMatch(/twelve standard leads; missing V1, V2, V3, V4, V5, V6/);
  });

  it('reports all eleven codes with a model, decided as the saved decisions say, leak-free', () => {
    const rec = syntheticRecording(STANDARD_LEADS, 500, 10);
    const before = tf.memory().numTensors;
    const r = computeFindings(rec, model);
    expect(tf.memory().numTensors).toBe(before);
    expect(r.findings.map((f) => f.code)).toEqual([...RECORD_CODES]);
    expect(r.recordModel).toBe('record-12lead@1.0.0');
    expect(r.leadsUsed).toEqual([...STANDARD_LEADS]);
    expect(r.windows).toBe(1);
    expect(r.unavailableReason).toBeUndefined();
    for (const f of r.findings) {
      const rule = (RIBEIRO_CODES as readonly string[]).includes(f.code);
      expect(f.source).toBe(rule ? 'combined' : 'model'); // tiny model: w 0.5 / 0
      expect(f.present).toBe(f.probability >= f.threshold);
      expect(f.evidence.modelProbability).not.toBeNull();
      expect(f.evidence.rule === null).toBe(!rule);
      expect(f.evidence.measurements).toHaveProperty('heartRateBpm');
    }
  });

  it('falls back to the six rules without a model, and says so', () => {
    const r = computeFindings(syntheticRecording(STANDARD_LEADS, 500, 10), null);
    expect(r.findings.map((f) => f.code)).toEqual([...RIBEIRO_CODES]);
    expect(
      r.findings.every((f) => f.source === 'rule' && f.evidence.modelProbability === null),
    ).toBe(true);
    expect(r.recordModel).toBeNull();
    expect(r.unavailableReason).toMatch(/no record model installed/);
  });

  it('finds no installed model in an empty folder', async () => {
    expect(await loadInstalledRecordModel(join(root, 'none'))).toBeNull();
  });
});

describe('decideFinding', () => {
  const verdict = { met: true, rule: 'PR 240 ms > 200 ms', measurements: { prMs: 240 } };
  const d = { modelThreshold: 0.4, ruleWeight: 0.5, threshold: 0.6 };

  it('combines (1 − w)·p + w·rule against the combined threshold', () => {
    const f = decideFinding('1dAVb', 0.3, verdict, d, { heartRateBpm: 70 })!;
    expect(f).toMatchObject({
      probability: 0.65,
      threshold: 0.6,
      present: true,
      source: 'combined',
    });
    expect(f.evidence).toEqual({
      modelProbability: 0.3,
      rule: 'PR 240 ms > 200 ms',
      measurements: { heartRateBpm: 70, prMs: 240 },
    });
  });

  it('uses the model threshold without a rule, and the verdict without a model', () => {
    expect(decideFinding('MI', 0.45, null, d, {})).toMatchObject({
      present: true,
      source: 'model',
      threshold: 0.4,
    });
    expect(decideFinding('1dAVb', null, verdict, null, {})).toMatchObject({
      probability: 1,
      present: true,
      source: 'rule',
    });
    expect(decideFinding('MI', null, null, null, {})).toBeNull();
  });
});

function expectSinusBradycardia(rec: Parameters<typeof computeFindings>[0]): void {
  const r = computeFindings(rec, model);
  expect(r.findings).toHaveLength(RECORD_CODES.length);
  expect(r.windows).toBe(1);
  expect(r.findings.find((f) => f.code === 'SB')!.evidence.rule).toMatch(
    /sinus rhythm at \d+ bpm \(< 60 bpm\)/,
  );
}

// Both records are labelled sinus bradycardia: the rate rule's verdict is in the SB evidence.
describeWithData('ptbxl', 'findings service on a PTB-XL record', () => {
  it('computes findings of ecg_id 2 (100 Hz)', () => {
    const dir = dataPath('ptbxl');
    expectSinusBradycardia(readPtbxlRecording(dir, readPtbxlIndex(dir)[1]).recording);
  });
});

describeWithData('ludb', 'findings service on a LUDB record', () => {
  it('computes findings of record 1 (500 Hz)', () => {
    expectSinusBradycardia(readLudbRecording(dataPath('ludb', 'data'), '1').recording);
  });
});

const shipped = recordModelDir();
const hasShipped = existsSync(join(shipped, 'model.json'));
if (!hasShipped) console.warn(`[skip] shipped record model: ${shipped} is absent`);

describe.skipIf(!hasShipped)('the shipped record model', () => {
  it('passes the loader checks and reports every code, leak-free, within 300 ms', async () => {
    const loaded = await loadRecordModel();
    expect(loaded.version).toBe('record-12lead@1.2.0');
    const rec = syntheticRecording(STANDARD_LEADS, 500, 10);
    computeFindings(rec, loaded); // warm-up
    const before = tf.memory().numTensors;
    const r = computeFindings(rec, loaded);
    expect(tf.memory().numTensors).toBe(before);
    expect(r.findings.map((f) => f.code)).toEqual([...RECORD_CODES]);
    expect(r.ms).toBeLessThan(300);
    loaded.model.dispose();
  });
});
