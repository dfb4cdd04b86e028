import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ecgDataDir, hasEcgData } from '../../../main/config/data-dir';
import { classCounts, loadRecordBeats, recordLabels } from '../../../main/ml/beats/dataset';
import { DS1_FOLDS } from '../../../main/ml/beats/cv';
import { aamiClass, DS1, DS2, PACED_RECORDS } from '../../../main/ml/beats/labels';
import { N_CHANNELS, WINDOW_LEN } from '../../../main/ml/beats/preprocess';
import { RR_DIM, RR_FEATURES, rrFeatures } from '../../../main/ml/beats/rr';

const dir = join(ecgDataDir(), 'mitdb');
const haveData = hasEcgData('mitdb');

describe('AAMI mapping and split', () => {
  it('maps MIT-BIH symbols to AAMI classes', () => {
    expect(['N', 'L', 'R', 'e', 'j'].map(aamiClass)).toEqual(['N', 'N', 'N', 'N', 'N']);
    expect(['A', 'a', 'J', 'S'].map(aamiClass)).toEqual(['S', 'S', 'S', 'S']);
    expect(['V', 'E', 'F', '/', 'f', 'Q'].map(aamiClass)).toEqual(['V', 'V', 'F', 'Q', 'Q', 'Q']);
    expect(aamiClass('+')).toBeNull();
    expect(aamiClass('B')).toBeNull();
  });

  it('keeps DS1, DS2 and the paced records disjoint; the CV folds partition DS1', () => {
    const all = [...DS1, ...DS2, ...PACED_RECORDS];
    expect(new Set(all).size).toBe(all.length);
    expect(DS1).toHaveLength(22);
    expect(DS2).toHaveLength(22);
    expect(DS1_FOLDS.flat().sort()).toEqual([...DS1].sort());
  });
});

describe('RR features', () => {
  it('measures prematurity against the record and the local rhythm', () => {
    // 1 s rhythm at 100 Hz with one beat 40 % early (and its compensatory pause).
    const beats = [0, 100, 200, 300, 400, 460, 600, 700, 800, 900, 1000];
    const f = rrFeatures(beats, 100);
    const at = (b: number, name: (typeof RR_FEATURES)[number]): number =>
      f[b * RR_DIM + RR_FEATURES.indexOf(name)];
    expect(at(5, 'preRR')).toBeCloseTo(0.6, 5);
    expect(at(5, 'postRR')).toBeCloseTo(1.4, 5);
    expect(at(5, 'preRR/meanRR')).toBeCloseTo(0.6, 5);
    expect(at(5, 'preRR/localMedianRR')).toBeCloseTo(0.6, 5);
    expect(at(5, 'postRR/preRR')).toBeCloseTo(1.4 / 0.6, 4);
    expect(at(2, 'preRR/localMedianRR')).toBeCloseTo(1, 5);
    expect(Array.from(f).every(Number.isFinite)).toBe(true);
  });

  it('copes with one beat and with duplicate marks', () => {
    expect(Array.from(rrFeatures([5], 250)).every(Number.isFinite)).toBe(true);
    expect(Array.from(rrFeatures([5, 5, 5], 250)).every(Number.isFinite)).toBe(true);
  });
});

describe.skipIf(!haveData)('MIT-BIH beat dataset', () => {
  it('record 101: 1860 N, 3 S, 2 Q beats (reference annotations), windows and RR for each', () => {
    const set = loadRecordBeats(dir, '101');
    expect(classCounts(set.labels)).toEqual({ N: 1860, S: 3, V: 0, F: 0, Q: 2 });
    expect(set.windows.length).toBe(set.labels.length * WINDOW_LEN * N_CHANNELS);
    expect(set.rr.length).toBe(set.labels.length * RR_DIM);
    expect(Array.from(set.windows).every(Number.isFinite)).toBe(true);
    // Per-record normalisation: a typical QRS spans ~1 unit peak-to-peak.
    const ch0 = Array.from({ length: WINDOW_LEN }, (_, j) => set.windows[j * N_CHANNELS]);
    expect(Math.max(...ch0) - Math.min(...ch0)).toBeGreaterThan(0.5);
    expect(Math.max(...ch0) - Math.min(...ch0)).toBeLessThan(2);
  });

  it('DS1 per-class beat counts match the inter-patient literature', () => {
    const labels = Uint8Array.from(DS1.flatMap((r) => Array.from(recordLabels(dir, r))));
    // de Chazal et al. 2004 report F 414; the annotation files hold 415 F beats in DS1.
    expect(classCounts(labels)).toEqual({ N: 45866, S: 944, V: 3788, F: 415, Q: 8 });
  });
});
