import { describe, expect, it } from 'vitest';
import type { ModelEvalSummary, ModelMetrics } from '@common/types';
import { gateDecision } from '../../../main/ml/finetune/gate';
import { compare } from '../../../main/ml/finetune/evaluate';
import { splitRecordings } from '../../../main/ml/finetune/split';
import { classWeights, sampleWeights, USER_WEIGHT } from '../../../main/ml/finetune/weights';

const summary = (accuracy: number): ModelEvalSummary => ({
  beats: 1000,
  accuracy,
  macroF1: 0.5,
  perClass: {},
  confusion: [],
});
const ds2 = (base: number, tuned: number): ModelMetrics['ds2'] => ({
  ...compare(summary(base), summary(tuned)),
  records: ['100'],
  excludedRecords: [],
});

describe('DS2 gate', () => {
  it('−0.5 point → available; −1.5 → rejected; exactly −1 → available; better → available', () => {
    expect(gateDecision(ds2(0.87, 0.865)).status).toBe('available');
    expect(gateDecision(ds2(0.87, 0.855))).toMatchObject({
      status: 'rejected',
      reason: expect.stringContaining('−1.50 points'),
    });
    expect(gateDecision(ds2(0.87, 0.86)).status).toBe('available');
    expect(gateDecision(ds2(0.87, 0.9)).status).toBe('available');
  });

  it('without DS2 the version stays a candidate and says why', () => {
    expect(gateDecision(null)).toMatchObject({
      status: 'candidate',
      reason: expect.stringContaining('not verified'),
    });
  });
});

describe('split and weights', () => {
  it('splits by recording: one held out of two, none of one, a fifth of ten; seeded', () => {
    expect(splitRecordings(['a'], 1)).toMatchObject({ tune: ['a'], heldOut: [] });
    expect(splitRecordings(['a'], 1).note).toMatch(/nothing could be held out/);
    const two = splitRecordings(['a', 'b'], 1);
    expect(two.heldOut).toHaveLength(1);
    expect([...two.tune, ...two.heldOut].sort()).toEqual(['a', 'b']);
    const ten = 'abcdefghij'.split('');
    expect(splitRecordings(ten, 7).heldOut).toHaveLength(2);
    expect(splitRecordings(ten, 7)).toEqual(splitRecordings([...ten].reverse(), 7));
  });

  it('rarer classes and corrected beats weigh more; mean weight 1', () => {
    const labels = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 2, 2]);
    const cw = classWeights(labels);
    expect(cw[2]).toBeGreaterThan(cw[0]);
    expect(cw[1]).toBe(0);
    const byUser = Uint8Array.from([0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    const w = sampleWeights(labels, byUser);
    expect(w[1] / w[0]).toBeCloseTo(USER_WEIGHT, 5);
    expect(w.reduce((a, b) => a + b, 0) / w.length).toBeCloseTo(1, 5);
  });
});
