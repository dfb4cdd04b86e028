import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeDeidentified } from '../../../main/annotate/deidentify';
import { readRecording } from '../../../main/formats';
import { fileSourceFromDir } from '../../../main/formats/fs-source';
import type { Store } from '../../../main/store';
import { syntheticRecording } from '../store/fixtures';
import { modelBeat, storeWithRecording } from './helpers';

describe('de-identified WFDB export', () => {
  let store: Store;
  let id: string;
  let dir: string;
  const rec = syntheticRecording({ samples: 3000, invalidEvery: 97, externalId: 'MRN-123456' });
  rec.comments = ['Name: Jane Doe', 'Born: 1950-02-03', 'MRN-123456', 'age: 74'];
  rec.startTime = '2024-05-06T07:08:09';
  beforeEach(() => {
    ({ store, recordingId: id } = storeWithRecording(rec));
    store.beats.put(id, modelBeat(100, 'V'));
    dir = mkdtempSync(join(tmpdir(), 'ecg-deid-'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a record our reader reads back with the same samples, and nothing identifying', () => {
    const files = writeDeidentified(store, id, dir, { recordName: 'case_01', includeBeats: true });
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual([
      'case_01.dat',
      'case_01.atr',
      'case_01.hea',
    ]);
    expect(readdirSync(dir).sort()).toEqual(['case_01.atr', 'case_01.dat', 'case_01.hea']);
    const header = readFileSync(join(dir, 'case_01.hea'), 'utf8');
    expect(header).not.toMatch(/#|Jane|1950|MRN|synth|2024|07:08/);
    expect(header.split('\n')[0]).toBe('case_01 2 250 3000');
    const back = readRecording(fileSourceFromDir(dir), 'case_01.hea');
    expect(back.comments).toEqual([]);
    expect(back.startTime).toBeNull();
    expect(back.patient.externalId).toBeNull();
    back.leads.forEach((l, i) => {
      expect(Array.from(l.digital)).toEqual(Array.from(rec.leads[i].digital));
      expect([l.name, l.gain, l.baseline, l.units]).toEqual([
        rec.leads[i].name,
        rec.leads[i].gain,
        rec.leads[i].baseline,
        rec.leads[i].units,
      ]);
    });
    // The reference beats the import seeded (N at 10, V at 500) and the model's V at 100.
    expect(back.annotations.atr.map((a) => [a.sample, a.symbol])).toEqual([
      [10, 'N'],
      [100, 'V'],
      [500, 'V'],
    ]);
  });

  it('refuses record names WFDB would not accept', () => {
    expect(() => writeDeidentified(store, id, dir, { recordName: '../x' })).toThrow(/record name/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
