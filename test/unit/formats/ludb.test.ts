/** Conformance on LUDB: 200 records, 12 leads at 500 Hz, per-lead annotation files. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readRecording } from '../../../main/formats';
import { fileSourceFromDir } from '../../../main/formats/fs-source';
import { parseCsv } from '../../../main/ml/record/csv';
import { dataPath, describeWithData } from '../../helpers/data';

const LEADS = ['i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'];

describeWithData('ludb', 'WFDB conformance: LUDB', () => {
  const root = dataPath('ludb');
  const source = fileSourceFromDir(root);
  const records = readFileSync(join(root, 'RECORDS'), 'utf8').split(/\r?\n/).filter(Boolean);
  const [head, ...rows] = parseCsv(readFileSync(join(root, 'ludb.csv'), 'utf8'));
  const col = (name: string) => head.indexOf(name);
  const facts = new Map(
    rows.map((r) => [r[col('ID')], { sex: r[col('Sex')].trim(), age: r[col('Age')].trim() }]),
  );

  it('lists 200 records', () => {
    expect(records).toHaveLength(200);
    expect(facts.size).toBe(200);
  });

  it('record 1: 12 leads at 500 Hz, 5000 samples, calibration as written, 12 annotation files', () => {
    const r = readRecording(source, 'data/1.hea');
    expect(r).toMatchObject({ recordName: '1', fs: 500, samples: 5000 });
    expect(r.leads.map((l) => l.name)).toEqual(LEADS);
    expect(r.leads[0]).toMatchObject({ gain: 1716, baseline: 6, units: 'mV', adcResolution: 16 });
    expect(Array.from(r.leads[0].digital.subarray(0, 1))).toEqual([-120]);
    expect(Object.keys(r.annotations).sort()).toEqual([...LEADS].sort());
    expect(r.patient).toEqual({ externalId: null, age: 51, sex: 'F' });
  });

  it('reads all 200; annotations are P/QRS/T waves with onsets and offsets; age and sex match ludb.csv', () => {
    for (const record of records) {
      const name = `${record}.hea`;
      const r = readRecording(source, name);
      expect(r, name).toMatchObject({ fs: 500, samples: 5000 });
      expect(r.leads.map((l) => l.name)).toEqual(LEADS);
      expect(Object.keys(r.annotations).sort(), name).toEqual([...LEADS].sort());
      for (const list of Object.values(r.annotations)) {
        for (const a of list) {
          expect(['p', 'N', 't', '(', ')'], name).toContain(a.symbol);
          expect(a.sample).toBeGreaterThanOrEqual(0);
          expect(a.sample).toBeLessThan(5000);
        }
      }
      const expected = facts.get(record.split('/').pop()!)!;
      expect(r.patient.sex, name).toBe(expected.sex);
      // The CSV de-identifies ages over 89 as ">89"; the headers give the number (e.g. 90).
      if (expected.age === '>89') expect(r.patient.age, name).toBeGreaterThan(89);
      else expect(r.patient.age, name).toBe(Number(expected.age));
    }
  });
});
