import { describe, expect, it } from 'vitest';
import { augmentWindow, DEFAULT_AUGMENT } from '../../../../main/ml/record/augment';
import {
  readLudbRecording,
  readPtbxlIndex,
  readPtbxlRecording,
} from '../../../../main/ml/record/dataset';
import {
  MissingLeadsError,
  N_LEADS,
  prepareRecording,
  RecordingTooShortError,
  standardLeadIndices,
  STANDARD_LEADS,
  WINDOW_LEN,
  windowStarts,
} from '../../../../main/ml/record/preprocess';
import { mulberry32 } from '../../../../main/ml/seed';
import { dataPath, describeWithData } from '../../../helpers/data';
import { syntheticRecording } from './synthetic';

describe('record preprocessing', () => {
  it('finds the twelve leads by name in any order and case', () => {
    const names = ['v6', 'V5', 'v4', 'v3', 'v2', 'v1', 'avf', 'AVL', 'aVR', 'iii', 'ii', 'i'];
    expect(standardLeadIndices(names)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });

  it('refuses fewer than twelve leads with a typed error naming the missing ones', () => {
    const rec = syntheticRecording(['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2'], 250, 10);
    let err: unknown;
    try {
      prepareRecording(rec);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MissingLeadsError);
    expect((err as MissingLeadsError).missing).toEqual(['V3', 'V4', 'V5', 'V6']);
    expect((err as Error).message).toMatch(
      /needs all twelve standard leads; missing V3, V4, V5, V6/,
    );
  });

  it('refuses a lead with no valid sample and a recording under 5 s', () => {
    const rec = syntheticRecording(STANDARD_LEADS, 250, 10);
    rec.leads[7].digital.fill(-2147483648);
    expect(() => prepareRecording(rec)).toThrow(/missing V2/);
    expect(() => prepareRecording(syntheticRecording(STANDARD_LEADS, 250, 3))).toThrow(
      RecordingTooShortError,
    );
  });

  it('cuts long recordings into evenly spread 10-s windows', () => {
    expect(windowStarts(1000)).toEqual([0]);
    expect(windowStarts(700)).toEqual([0]);
    expect(windowStarts(2500)).toEqual([0, 750, 1500]);
    expect(windowStarts(3000)).toEqual([0, 1000, 2000]);
  });

  it('resamples to 100 Hz and normalises by one scale for all leads', () => {
    const p = prepareRecording(syntheticRecording(STANDARD_LEADS, 500, 10));
    expect(p.length).toBe(WINDOW_LEN);
    expect(p.signal.length).toBe(WINDOW_LEN * N_LEADS);
    expect(p.signal.every(Number.isFinite)).toBe(true);
    // Spikes grow with the lead index: the normalisation keeps that order.
    const peak = (k: number): number => {
      let m = 0;
      for (let t = 0; t < p.length; t++) m = Math.max(m, p.signal[t * N_LEADS + k]);
      return m;
    };
    expect(peak(11)).toBeGreaterThan(peak(0) * 1.5);
  });

  it('augments deterministically without NaNs, within the gain range', () => {
    const base = prepareRecording(syntheticRecording(STANDARD_LEADS, 500, 10)).signal;
    const run = (seed: number): { w: Float32Array; d: number } => {
      const w = Float32Array.from(base);
      const d = augmentWindow(w, { ...DEFAULT_AUGMENT, rateChange: 1 }, mulberry32(seed));
      return { w, d };
    };
    const a = run(1);
    expect(run(1).w).toEqual(a.w);
    expect(a.w.every(Number.isFinite)).toBe(true);
    expect(Math.abs(a.d)).toBeLessThanOrEqual(DEFAULT_AUGMENT.log2Gain);
    expect(a.w).not.toEqual(base);
  });
});

function expectPrepared(p: ReturnType<typeof prepareRecording>): void {
  expect(p.length).toBe(WINDOW_LEN);
  expect(p.signal.every(Number.isFinite)).toBe(true);
  expect(p.scaleMv).toBeGreaterThan(0.2);
  expect(p.scaleMv).toBeLessThan(5);
  expect(p.leadsUsed).toHaveLength(12);
}

describeWithData('ptbxl', 'record preprocessing on PTB-XL', () => {
  it('prepares a real 100 Hz record', () => {
    const dir = dataPath('ptbxl');
    expectPrepared(prepareRecording(readPtbxlRecording(dir, readPtbxlIndex(dir)[0]).recording));
  });
});

describeWithData('ludb', 'record preprocessing on LUDB', () => {
  it('prepares a real 500 Hz record to the same shape, keeping its lead names', () => {
    const p = prepareRecording(readLudbRecording(dataPath('ludb', 'data'), '1').recording);
    expectPrepared(p);
    expect(p.leadsUsed[3]).toBe('avr');
  });
});
