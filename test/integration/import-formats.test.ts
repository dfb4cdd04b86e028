/**
 * Importing a folder of clinical-format ECGs (HL7 aECG, Philips XML, SCP-ECG, DICOM): each
 * readable file becomes a recording whose stored samples equal the reader's, broken ones are
 * reported naming the file and the problem, other files beside them (schemas, licences, TGZ
 * bundles) are passed over, and importing again stores nothing twice.
 */
import { basename, dirname } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fileSourceFromDir } from '../../main/formats/fs-source';
import { readRecording } from '../../main/formats/index';
import { importRecordings } from '../../main/import';
import { openStore, type Store } from '../../main/store';
import { dataPath, describeWithData } from '../helpers/data';
import { tableCounts } from './helpers';
import { checkWindows } from './windows';

const IMPORTED: Record<string, string> = {
  'formats/dicom-ecg/ECGToolkit_Example.dcm': 'dicom',
  'formats/dicom-ecg/pydicom_waveform_ecg.dcm': 'dicom',
  'formats/hl7-aecg/ectd_subject1_0.xml': 'hl7-aecg',
  'formats/hl7-aecg/ectd_subject1_1.xml': 'hl7-aecg',
  'formats/hl7-aecg/ectd_subject1_2.xml': 'hl7-aecg',
  'formats/hl7-aecg/ectd_subject2_0.xml': 'hl7-aecg',
  'formats/hl7-aecg/ectd_subject2_1.xml': 'hl7-aecg',
  'formats/hl7-aecg/ectd_subject2_2.xml': 'hl7-aecg',
  'formats/hl7-aecg/HL7_Example_aECG_2003-12.xml': 'hl7-aecg',
  'formats/hl7-aecg/minimum_aecg_effectiveTime_high.xml': 'hl7-aecg',
  'formats/hl7-aecg/minimum_aecg_effectiveTime_interval.xml': 'hl7-aecg',
  'formats/hl7-aecg/minimum_aecg_effectiveTime_low.xml': 'hl7-aecg',
  'formats/hl7-aecg/minimum_aecg_nouuid.xml': 'hl7-aecg',
  'formats/hl7-aecg/minimum_aecg.xml': 'hl7-aecg',
  'formats/philips-xml/1_03/129DYPRG.XML': 'philips-xml',
  'formats/philips-xml/1_03/repbeats_example.xml': 'philips-xml',
  'formats/philips-xml/1_04/3191723_ZZDEMOPTONLY_1-04_orig.xml': 'philips-xml',
  'formats/philips-xml/1_04/ad4d3d80-d165_1-04_converted.xml': 'hl7-aecg',
  'formats/philips-xml/1_04/ad4d3d80-d165_1-04_orig.xml': 'philips-xml',
  'formats/philips-xml/1_04_01/2020-5-18_15-48-11.xml': 'philips-xml',
  'formats/scp-ecg/ECGToolkit_Example.scp': 'scp-ecg',
};

describeWithData('formats', 'import: HL7 aECG, Philips XML, SCP-ECG and DICOM files', () => {
  let store: Store;
  let report: ReturnType<typeof importRecordings>;

  beforeAll(() => {
    store = openStore(':memory:');
    report = importRecordings(store, [dataPath('formats')], { user: 'tester' });
  });
  afterAll(() => store.close());

  it('imports every readable file with its format, and nothing else', () => {
    expect(Object.fromEntries(report.imported.map((r) => [r.source, r.format]))).toEqual(IMPORTED);
    expect(report.imported.every((r) => !r.duplicate)).toBe(true);
  });

  it('reports each broken file naming it and the problem', () => {
    expect(report.errors).toEqual([
      {
        source: 'formats/hl7-aecg/empty.xml',
        message: 'formats/hl7-aecg/empty.xml: no <sequenceSet> with ECG leads',
      },
      {
        source: 'formats/philips-xml/fixtures/invalid-doc-type.xml',
        message:
          'formats/philips-xml/fixtures/invalid-doc-type.xml: unsupported documenttype MortaraECG',
      },
      {
        source: 'formats/philips-xml/fixtures/invalid-doc-version.xml',
        message:
          'formats/philips-xml/fixtures/invalid-doc-version.xml: unsupported documentversion 1.05',
      },
      ...['62', '63'].map((n) => ({
        source: `formats/scp-ecg/healforce_noncompliant_${n}.SCP`,
        message: expect.stringMatching(
          new RegExp(
            `^formats/scp-ecg/healforce_noncompliant_${n}\\.SCP: record length \\d+ runs past the end`,
          ),
        ) as unknown as string,
      })),
    ]);
  });

  it('stores exactly the samples the readers decode', () => {
    for (const [i, r] of report.imported.entries()) {
      const file = dataPath(r.source);
      const parsed = readRecording(fileSourceFromDir(dirname(file)), basename(file));
      expect(r).toMatchObject({ fs: parsed.fs, samples: parsed.samples });
      expect(r.leads).toEqual(parsed.leads.map((l) => l.name));
      checkWindows(store, r.recordingId, parsed, 1000 + i);
    }
  });

  it('a second import finds every recording already stored and writes nothing', () => {
    const before = tableCounts(store.db);
    const again = importRecordings(store, [dataPath('formats')], { user: 'tester' });
    expect(again.imported.map((r) => r.duplicate)).toEqual(report.imported.map(() => true));
    expect(tableCounts(store.db)).toEqual(before);
  });
});
