/** The measurement rules on real recordings whose diagnoses are known. */
import { describe, expect, it } from 'vitest';
import { analyzeRecording } from '../../../main/analysis/analyze';
import { evaluateRules } from '../../../main/findings/rules';
import {
  readLudbRecording,
  readPtbxlIndex,
  readPtbxlRecording,
  type LabelledRecording,
} from '../../../main/ml/record/dataset';
import { RIBEIRO_CODES } from '../../../main/ml/record/labels';
import { dataPath, describeWithData } from '../../helpers/data';
import { syntheticRecording } from '../ml/record/synthetic';

function metCodes(item: LabelledRecording): string[] {
  const v = evaluateRules(item.recording, analyzeRecording(item.recording));
  return RIBEIRO_CODES.filter((c) => v[c].met);
}

describeWithData('ptbxl', 'findings rules on PTB-XL (training folds)', () => {
  const dir = dataPath('ptbxl');
  const rows = new Map(readPtbxlIndex(dir).map((r) => [r.ecgId, r]));
  const rec = (id: number): LabelledRecording => readPtbxlRecording(dir, rows.get(id)!);

  // ecg_id → its one Ribeiro statement in ptbxl_labels.csv (none for 1: NORM, SR).
  it.each([
    [1, []],
    [2, ['SB']],
    [102, ['1dAVb']],
    [269, ['RBBB']],
    [338, ['LBBB']],
    [307, ['AF']],
    [103, ['ST']],
  ])('ecg_id %i: rules fire for %j only', (id, want) => {
    const item = rec(id);
    expect(RIBEIRO_CODES.filter((_, k) => item.labels[k] === 1)).toEqual(want);
    expect(metCodes(item)).toEqual(want);
  });

  it('explains each verdict with its criterion and measurements', () => {
    const item = rec(102);
    const v = evaluateRules(item.recording, analyzeRecording(item.recording));
    expect(v['1dAVb'].rule).toMatch(/^PR \d+ ms > 200 ms$/);
    expect(v['1dAVb'].measurements.prMs).toBeGreaterThan(200);
    expect(v.RBBB.measurements).toHaveProperty('qrsMs');
    expect(v.AF.measurements).toHaveProperty('rrIrregularity');
  });
});

describeWithData('ludb', 'findings rules on LUDB', () => {
  const dir = dataPath('ludb', 'data');
  it.each([
    ['2', []],
    ['1', ['SB']],
    ['77', ['1dAVb']],
    ['38', ['AF']],
  ])('record %s: rules fire for %j only, as its header says', (name, want) => {
    const item = readLudbRecording(dir, name);
    expect(RIBEIRO_CODES.filter((_, k) => item.labels[k] === 1)).toEqual(want);
    expect(metCodes(item)).toEqual(want);
  });
});

describe('findings rules without data', () => {
  it('are all unmet, with the reason, when nothing can be measured', () => {
    const flat = syntheticRecording(['I', 'II', 'V1', 'V6'], 250, 10);
    for (const l of flat.leads) l.digital.fill(0);
    const v = evaluateRules(flat, analyzeRecording(flat));
    expect(RIBEIRO_CODES.filter((c) => v[c].met)).toEqual([]);
    expect(v['1dAVb'].rule).toMatch(/not measurable|not assessed/);
  });
});
