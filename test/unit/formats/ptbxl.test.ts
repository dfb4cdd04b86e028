/** Conformance on PTB-XL (100 Hz records 1-1999). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseHeader, readRecording } from '../../../main/formats';
import { fileSourceFromDir } from '../../../main/formats/fs-source';
import { dataPath, describeWithData } from '../../helpers/data';

const LEADS = ['I', 'II', 'III', 'AVR', 'AVL', 'AVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];

describeWithData('ptbxl', 'WFDB conformance: PTB-XL', () => {
  const root = dataPath('ptbxl');
  const source = fileSourceFromDir(root);
  // filename_lr column of the labels file, e.g. "records100/00000/00001_lr".
  const entries = readFileSync(join(root, 'ptbxl_labels.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => /(records100\/\d+\/\d+_lr)/.exec(line)?.[1])
    .filter((x): x is string => x !== undefined);

  it('lists 1999 records in the labels file', () => {
    expect(entries).toHaveLength(1999);
  });

  it.each(['records100/00000/00001_lr', 'records100/00000/00999_lr', 'records100/01000/01999_lr'])(
    '%s: 12 leads as written, 100 Hz, 1000 samples, 1000/mV',
    (entry) => {
      const r = readRecording(source, `${entry}.hea`);
      expect(r).toMatchObject({ fs: 100, samples: 1000, startTime: null });
      expect(r.leads.map((l) => l.name)).toEqual(LEADS);
      expect(r.leads.every((l) => l.gain === 1000 && l.baseline === 0 && l.units === 'mV')).toBe(
        true,
      );
      expect(r.recordName).toBe(entry.split('/').pop());
      // PTB-XL headers carry no patient facts (they are in the labels CSV).
      expect(r.patient).toEqual({ externalId: null, age: null, sex: null });
    },
  );

  it('reads all 1999 with checksums verified; first samples are the headers’ initial values', () => {
    for (const entry of entries) {
      const name = `${entry}.hea`;
      const r = readRecording(source, name);
      expect(r.samples, name).toBe(1000);
      expect(r.leads.map((l) => l.name)).toEqual(LEADS);
      const header = parseHeader(readFileSync(join(root, name), 'latin1'), name);
      header.signals.forEach((spec, i) => {
        expect(spec.checksum, name).not.toBeNull();
        expect(r.leads[i].digital[0], name).toBe(spec.initialValue);
      });
    }
  });
});
