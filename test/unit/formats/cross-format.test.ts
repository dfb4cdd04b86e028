/**
 * The readers checked against each other, and the choice of reader. ECG Toolkit exported one
 * subject's resting ECG as HL7 aECG, SCP-ECG (Huffman-coded second differences) and DICOM; three
 * independent decoders must give the same millivolts on every lead. Philips' 1.04 sample also
 * exists as an aECG conversion.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { expect, it } from 'vitest';
import {
  FormatError,
  fileSourceFromMap,
  isRecordingEntry,
  isRecordingFile,
  looksLikeRecording,
  readRecording,
  UnsupportedFormatError,
} from '../../../main/formats';
import type { ParsedLead, ParsedRecording } from '../../../main/formats/types';
import { ScpEcgError } from '../../../main/formats/scp-ecg/errors';
import { DicomError } from '../../../main/formats/dicom/errors';
import { dataPath, describeWithData } from '../../helpers/data';

const STANDARD = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];

function read(...parts: string[]): ParsedRecording {
  const name = basename(parts[parts.length - 1]);
  const bytes = readFileSync(dataPath('formats', ...parts));
  return readRecording(fileSourceFromMap(new Map([[name, bytes]])), name);
}

function millivolts(lead: ParsedLead): Float64Array {
  const toMv = lead.units === 'uV' ? 1e-3 : lead.units === 'mV' ? 1 : NaN;
  return Float64Array.from(lead.digital, (d) => ((d - lead.baseline) / lead.gain) * toMv);
}

function maxDifferenceMv(a: ParsedRecording, b: ParsedRecording, name: string): number {
  const la = a.leads.find((l) => l.name === name);
  const lb = b.leads.find((l) => l.name === name);
  if (!la || !lb) throw new Error(`lead ${name} missing`);
  const [x, y] = [millivolts(la), millivolts(lb)];
  expect(x.length).toBe(y.length);
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]));
  return worst;
}

describeWithData('formats', 'formats: readers agree with each other', () => {
  it('the ECG Toolkit subject reads identically from HL7 aECG, SCP-ECG and DICOM', () => {
    const hl7 = read('hl7-aecg', 'HL7_Example_aECG_2003-12.xml');
    const scp = read('scp-ecg', 'ECGToolkit_Example.scp');
    const dcm = read('dicom-ecg', 'ECGToolkit_Example.dcm');
    expect([hl7.format, scp.format, dcm.format]).toEqual(['hl7-aecg', 'scp-ecg', 'dicom']);
    for (const r of [hl7, scp, dcm]) {
      expect(r).toMatchObject({ fs: 500, samples: 5000, startTime: '2002-11-22T09:10:00' });
      expect(r.leads.map((l) => l.name).sort()).toEqual([...STANDARD].sort());
      expect(r.patient).toMatchObject({ age: 49, sex: 'M' });
    }
    for (const name of STANDARD) {
      expect(maxDifferenceMv(hl7, scp, name)).toBeLessThan(1e-9);
      expect(maxDifferenceMv(hl7, dcm, name)).toBeLessThan(1e-9);
    }
    // Not a flat line that would agree trivially: the QRS complexes are there.
    const ii = millivolts(hl7.leads.find((l) => l.name === 'II')!);
    expect(Math.max(...ii) - Math.min(...ii)).toBeGreaterThan(0.5);
  });

  it("Philips' 1.04 sample and its HL7 aECG conversion agree within 4 LSB (20 µV)", () => {
    const philips = read('philips-xml', '1_04', 'ad4d3d80-d165_1-04_orig.xml');
    const aecg = read('philips-xml', '1_04', 'ad4d3d80-d165_1-04_converted.xml');
    expect([philips.format, aecg.format]).toEqual(['philips-xml', 'hl7-aecg']);
    expect(aecg).toMatchObject({ fs: philips.fs, samples: philips.samples });
    for (const name of STANDARD)
      expect(maxDifferenceMv(philips, aecg, name)).toBeLessThanOrEqual(0.0201);
  });

  it("a damaged .scp or .dcm gets its own reader's diagnosis, not a generic refusal", () => {
    const name = 'healforce_noncompliant_62.SCP';
    expect(() => read('scp-ecg', name)).toThrow(ScpEcgError);
    expect(() => read('scp-ecg', name)).toThrow(/^healforce_noncompliant_62\.SCP: record length/);
    const junk = fileSourceFromMap(new Map([['cart.dcm', new Uint8Array(200)]]));
    expect(() => readRecording(junk, 'cart.dcm')).toThrow(DicomError);
  });
});

it('content decides the reader; an unrecognised file is refused naming it and the formats read', () => {
  const source = fileSourceFromMap(
    new Map([
      ['notes.xml', new TextEncoder().encode('<?xml version="1.0"?><settings/>')],
      ['data.bin', new Uint8Array([1, 2, 3])],
    ]),
  );
  for (const name of ['notes.xml', 'data.bin']) {
    let error: unknown;
    try {
      readRecording(source, name);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnsupportedFormatError);
    expect(error).toBeInstanceOf(FormatError);
    expect((error as Error).message).toBe(
      `${name}: not a recording ECG Desk reads (WFDB (.hea), HL7 aECG, Philips XML, SCP-ECG, DICOM or EDF/BDF)`,
    );
  }
  expect(() => readRecording(source, 'absent.scp')).toThrow('absent.scp: file not found');
});

it('which files a folder search imports: every .hea/.scp/.dcm/.edf/.bdf, and .xml only when it is an ECG', () => {
  const aecg = new TextEncoder().encode(
    '<?xml version="1.0"?>\n<AnnotatedECG xmlns="urn:hl7-org:v3">',
  );
  const other = new TextEncoder().encode('<?xml version="1.0"?><xs:schema/>');
  expect(isRecordingFile('100.hea', () => null)).toBe(true);
  expect(isRecordingFile('REST.SCP', () => null)).toBe(true);
  expect(isRecordingFile('a.dcm', () => null)).toBe(true);
  expect(isRecordingFile('holter.EDF', () => null)).toBe(true);
  expect(isRecordingFile('eeg.bdf', () => null)).toBe(true);
  expect(isRecordingFile('ecg.xml', () => aecg)).toBe(true);
  expect(isRecordingFile('schema.xml', () => other)).toBe(false);
  expect(isRecordingFile('100.dat', () => aecg)).toBe(false);
  expect(looksLikeRecording(aecg)).toBe(true);
  expect(looksLikeRecording(other)).toBe(false);
  expect(looksLikeRecording(null)).toBe(false);
  expect(['a.hea', 'b.XML', 'c.scp', 'd.dcm', 'e.dat'].map(isRecordingEntry)).toEqual([
    true,
    true,
    true,
    true,
    false,
  ]);
});
