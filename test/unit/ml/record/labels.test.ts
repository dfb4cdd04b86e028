import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../main/ml/record/csv';
import {
  ludbRecordNames,
  readLudbRecording,
  readPtbxlIndex,
  splitRows,
} from '../../../../main/ml/record/dataset';
import {
  codeIndex,
  diagnosticClasses,
  ludbLabels,
  parseScpCodes,
  ptbxlLabels,
  RECORD_CODES,
  type RecordCode,
} from '../../../../main/ml/record/labels';
import { dataPath, describeWithData } from '../../../helpers/data';

const codesOf = (y: ArrayLike<number>): string[] => RECORD_CODES.filter((_, i) => y[i] === 1);

describe('record labels (pure)', () => {
  it('parses scp_codes dict literals, likelihood 0 included', () => {
    expect([...parseScpCodes("{'NORM': 80.0, 'SBRAD': 0.0}")]).toEqual([
      ['NORM', 80],
      ['SBRAD', 0],
    ]);
    expect(parseScpCodes('{}').size).toBe(0);
    expect(() => parseScpCodes('NORM')).toThrow(SyntaxError);
  });

  it('reads quoted CSV fields with commas', () => {
    expect(parseCsv("a,b\n1,\"{'X': 1.0, 'Y': 0.0}\"\n")).toEqual([
      ['a', 'b'],
      ['1', "{'X': 1.0, 'Y': 0.0}"],
    ]);
  });

  it('maps LUDB diagnosis lines to the six codes and leaves superclasses unknown', () => {
    const y = ludbLabels([
      '<age>: 53',
      '<diagnoses>:',
      'Rhythm: Sinus rhythm.',
      'I degree AV block.',
      'Incomplete right bundle branch block.',
      'Left ventricular hypertrophy.',
    ]);
    expect(y.slice(0, 6)).toEqual([1, 0, 0, 0, 0, 0]);
    expect(y.slice(6)).toEqual([null, null, null, null, null]);
    expect(() => ludbLabels(['<age>: 1'])).toThrow(/not a LUDB header/);
  });
});

describeWithData('ptbxl', 'record labels on PTB-XL', () => {
  const dir = dataPath('ptbxl');
  const rows = readPtbxlIndex(dir);
  const byId = new Map(rows.map((r) => [r.ecgId, r]));

  it('maps real rows: statements, likelihood-0 rhythms and superclasses', () => {
    // 1: {'NORM': 100, 'LVOLT': 0, 'SR': 0}; 2: {'NORM': 80, 'SBRAD': 0};
    // 256: {'CLBBB': 100, 'PVC': 100, 'SR': 0}; 279: {'CLBBB': 100, 'STACH': 0}.
    expect(codesOf(byId.get(1)!.labels)).toEqual(['NORM']);
    expect(codesOf(byId.get(2)!.labels)).toEqual(['SB', 'NORM']);
    expect(codesOf(byId.get(256)!.labels)).toEqual(['LBBB', 'CD']);
    expect(codesOf(byId.get(279)!.labels)).toEqual(['LBBB', 'ST', 'CD']);
  });

  it('takes superclasses from scp_statements.csv', () => {
    const classes = diagnosticClasses(readFileSync(join(dir, 'scp_statements.csv'), 'utf8'));
    expect(classes.get('IMI')).toBe('MI');
    expect(classes.get('LVH')).toBe('HYP');
    expect(classes.get('NDT')).toBe('STTC');
    expect(classes.has('SR')).toBe(false); // rhythm statements have no diagnostic class
    expect(codesOf(ptbxlLabels(new Map([['IMI', 15]]), classes))).toEqual(['MI']);
  });

  it('splits 1999 records into folds 1–8 / 9 / 10 with the expected fold-10 counts', () => {
    expect(rows).toHaveLength(1999);
    const test = splitRows(rows, 'test');
    expect([splitRows(rows, 'train').length, splitRows(rows, 'val').length, test.length]).toEqual([
      1499, 245, 255,
    ]);
    const count = (code: RecordCode): number =>
      test.filter((r) => r.labels[codeIndex(code)] === 1).length;
    expect(RECORD_CODES.map(count)).toEqual([6, 5, 5, 6, 9, 5, 139, 49, 53, 41, 26]);
  });
});

describeWithData('ludb', 'record labels on LUDB', () => {
  const dir = dataPath('ludb', 'data');

  it('labels real headers: record 1 sinus bradycardia, record 20 first-degree AV block', () => {
    expect(codesOf(readLudbRecording(dir, '1').labels)).toEqual(['SB']);
    expect(codesOf(readLudbRecording(dir, '20').labels)).toEqual(['1dAVb']);
  });

  it('counts the six codes over all 200 records; superclasses unknown', () => {
    const names = ludbRecordNames(dir);
    expect(names).toHaveLength(200);
    const labels = names.map((n) => readLudbRecording(dir, n).labels);
    const counts = RECORD_CODES.slice(0, 6).map((_, c) => labels.filter((l) => l[c] === 1).length);
    expect(counts).toEqual([10, 4, 4, 25, 15, 4]);
    expect(labels.every((l) => Array.from(l.slice(6)).every((v) => v === -1))).toBe(true);
  });
});
