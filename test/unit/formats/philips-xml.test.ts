/**
 * Philips SierraECG / PhilipsECG XML (1.03, 1.04, 1.04.01) on the sierra-ecg-tools samples.
 * Decoding is checked independently of the decoder: Einthoven/Goldberger relations between the
 * decoded limb leads (four of which XLI stores only as residuals), the cart's 1 mV calibration
 * pulse, plus the mid-record values sierra-ecg-tools' own tests publish.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { FormatError } from '../../../main/formats/errors';
import {
  looksLikePhilipsXml,
  PhilipsXmlError,
  readPhilipsXmlRecording,
} from '../../../main/formats/philips-xml';
import type { ParsedRecording } from '../../../main/formats/types';
import { dataPath, describeWithData } from '../../helpers/data';

const LEADS = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];

interface Sample {
  file: string;
  version: string;
  statements: number;
  /** Sample 2750 of each lead, as published in sierra-ecg-tools' tests (null: none published). */
  mid: number[] | null;
  patient: ParsedRecording['patient'];
  startTime: string;
}

const SAMPLES: Sample[] = [
  {
    file: '1_03/129DYPRG.XML',
    version: '1.03',
    statements: 4,
    mid: [-9, -17, -7, 13, -1, -12, 0, -1, -3, -4, -7, -6],
    patient: { externalId: '1112010721168bdc', age: 50, sex: 'M' },
    startTime: '2011-12-01T07:27:34',
  },
  {
    file: '1_03/repbeats_example.xml',
    version: '1.03',
    statements: 4,
    mid: [-9, -17, -7, 13, -1, -12, 0, -1, -3, -4, -7, -6],
    patient: { externalId: '1112010721168bdc', age: 50, sex: 'M' },
    startTime: '2011-12-01T07:27:34',
  },
  {
    file: '1_04/3191723_ZZDEMOPTONLY_1-04_orig.xml',
    version: '1.04',
    statements: 3,
    mid: [-11, -54, -43, 33, 16, -50, 7, -4, -14, -41, -35, -33],
    patient: { externalId: '9999', age: 60, sex: 'M' },
    startTime: '2010-01-19T15:19:22',
  },
  {
    file: '1_04/ad4d3d80-d165_1-04_orig.xml',
    version: '1.04',
    statements: 2,
    mid: [32, 46, 14, -39, 9, 30, -74, 320, -1633, 197, 26, 55],
    patient: { externalId: '9999', age: 32, sex: 'F' },
    startTime: '2008-12-23T19:44:46',
  },
  {
    file: '1_04_01/2020-5-18_15-48-11.xml',
    version: '1.04.01',
    statements: 2,
    mid: [-12, 78, 90, -33, -51, 84, 14, 3, -24, -20, -13, -21],
    patient: { externalId: 'xxxxxx', age: 69, sex: null },
    startTime: '2020-05-18T15:48:11',
  },
];

/**
 * V3 of this file starts at −17 mV and settles towards −5 mV (electrode polarisation decaying
 * through the 0.05 Hz high-pass); sierra-ecg-tools publishes −1633 units (−8.2 mV) mid-record.
 */
const WIDER_RANGE = new Set(['1_04/ad4d3d80-d165_1-04_orig.xml:V3']);

function philipsPath(file: string): string {
  return dataPath('formats', 'philips-xml', file);
}

function read(file: string): Uint8Array {
  return new Uint8Array(readFileSync(philipsPath(file)));
}

function physical(r: ParsedRecording, lead: number, t: number): number {
  const l = r.leads[lead];
  return (l.digital[t] - l.baseline) / l.gain;
}

/** Runs `fn`, expects a PhilipsXmlError naming `file`, fast; returns it. */
function expectRejected(fn: () => unknown, file: string): PhilipsXmlError {
  const started = performance.now();
  let caught: unknown = null;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(performance.now() - started).toBeLessThan(3000);
  expect(caught).toBeInstanceOf(PhilipsXmlError);
  expect(caught).toBeInstanceOf(FormatError);
  const error = caught as PhilipsXmlError;
  expect(error.file).toBe(file);
  expect(error.message.startsWith(`${file}: `)).toBe(true);
  expect(error.problem.length).toBeGreaterThan(0);
  return error;
}

/** Deterministic pseudo-random bytes (xorshift32), so failures reproduce. */
function randomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = s & 0xff;
  }
  return out;
}

describeWithData('formats/philips-xml', 'Philips SierraECG XML', () => {
  const waveforms = /(<parsedwaveforms[^>]*>)([^<]*)(<\/parsedwaveforms>)/;
  const text103 = readFileSync(philipsPath('1_03/129DYPRG.XML'), 'utf8');
  const payload103 = waveforms.exec(text103)![2];
  const encode = (text: string) => new TextEncoder().encode(text);
  /** 129DYPRG.XML with its waveform payload replaced. */
  const withPayload = (payload: string) => encode(text103.replace(payload103, payload));

  for (const s of SAMPLES) {
    it(`${s.file}: 12 leads at 500 Hz, 5500 samples, mV with gain 200, facts and statements`, () => {
      const bytes = read(s.file);
      expect(looksLikePhilipsXml(bytes)).toBe(true);
      const r = readPhilipsXmlRecording(bytes, s.file);
      const name = s.file.split('/')[1].replace(/\.xml$/i, '');
      expect(r).toMatchObject({ format: 'philips-xml', recordName: name, fs: 500, samples: 5500 });
      expect(r.leads.map((l) => l.name)).toEqual(LEADS);
      for (const l of r.leads) {
        expect(l).toMatchObject({ units: 'mV', gain: 200, baseline: 0, adcResolution: 16 });
        expect(l.digital).toHaveLength(5500);
      }
      expect(r.startTime).toBe(s.startTime);
      expect(r.patient).toEqual(s.patient);
      expect(r.annotations).toEqual({});
      expect(r.comments[0]).toBe(`Philips documentversion: ${s.version}`);
      const statements = r.comments.filter((c) => c.startsWith('Philips interpretation: '));
      expect(statements).toHaveLength(s.statements);
      expect(r.comments).toHaveLength(1 + s.statements);
    });

    it(`${s.file}: limb leads obey Einthoven and Goldberger; signals are plausible`, () => {
      const r = readPhilipsXmlRecording(read(s.file), s.file);
      // Floor divisions in the stored residual scheme (aVL/aVF build on the rebuilt III) leave
      // up to 2 LSB (10 µV); half an LSB more absorbs floating-point noise.
      const tol = 2.5 / r.leads[0].gain;
      // The first 10 s; the last second holds the calibration pulse (identical in all leads).
      for (let t = 0; t < 10 * r.fs; t++) {
        const [i, ii, iii, avr, avl, avf] = [0, 1, 2, 3, 4, 5].map((k) => physical(r, k, t));
        expect(Math.abs(iii - (ii - i)), `III t=${t}`).toBeLessThanOrEqual(tol);
        expect(Math.abs(avr + (i + ii) / 2), `aVR t=${t}`).toBeLessThanOrEqual(tol);
        expect(Math.abs(avl - (i - ii / 2)), `aVL t=${t}`).toBeLessThanOrEqual(tol);
        expect(Math.abs(avf - (ii - i / 2)), `aVF t=${t}`).toBeLessThanOrEqual(tol);
      }
      r.leads.forEach((l, k) => {
        const limit = WIDER_RANGE.has(`${s.file}:${l.name}`) ? 20 : 10;
        let nonZero = 0;
        for (let t = 0; t < r.samples; t++) {
          const mv = physical(r, k, t);
          if (Math.abs(mv) > limit) expect.fail(`${l.name} t=${t}: ${mv} mV`);
          if (l.digital[t] !== 0) nonZero++;
        }
        expect(nonZero, l.name).toBeGreaterThan(r.samples / 4);
      });
    });

    it(`${s.file}: 1 mV calibration pulse in every lead; matches sierra-ecg-tools`, () => {
      const r = readPhilipsXmlRecording(read(s.file), s.file);
      for (let k = 0; k < 12; k++) {
        for (const t of [5350, 5400, 5449]) expect(physical(r, k, t)).toBe(1);
        expect(physical(r, k, 5450)).toBe(0);
      }
      if (s.mid) expect(r.leads.map((l) => l.digital[2750])).toEqual(s.mid);
    });
  }

  it('statements are "left - right", entities decoded', () => {
    const r = readPhilipsXmlRecording(read('1_03/129DYPRG.XML'), '129DYPRG.XML');
    expect(r.comments).toContain('Philips interpretation: Sinus bradycardia - rate< 50');
    expect(r.comments).toContain('Philips interpretation: >>> Acute MI <<<');
  });

  it('1_04/…_converted.xml is an HL7 aECG document, not Philips: refused, not sniffed', () => {
    const file = '1_04/ad4d3d80-d165_1-04_converted.xml';
    expect(looksLikePhilipsXml(read(file))).toBe(false);
    const e = expectRejected(() => readPhilipsXmlRecording(read(file), file), file);
    expect(e.problem).toBe('not a Philips ECG document (root element is <AnnotatedECG>)');
  });

  it('fixtures: wrong document type and unsupported version are refused by name', () => {
    const type = 'fixtures/invalid-doc-type.xml';
    const version = 'fixtures/invalid-doc-version.xml';
    expect(expectRejected(() => readPhilipsXmlRecording(read(type), type), type).message).toBe(
      `${type}: unsupported documenttype MortaraECG`,
    );
    expect(
      expectRejected(() => readPhilipsXmlRecording(read(version), version), version).message,
    ).toBe(`${version}: unsupported documentversion 1.05`);
  });

  it('truncated copies (UTF-8 and UTF-16) are refused', () => {
    for (const file of ['1_03/129DYPRG.XML', '1_04_01/2020-5-18_15-48-11.xml']) {
      const bytes = read(file);
      const waveStart = bytes.length * 0.5;
      for (const cut of [1, 2, 100, 1001, waveStart, bytes.length * 0.7, bytes.length - 40]) {
        const at = Math.floor(cut);
        expectRejected(() => readPhilipsXmlRecording(bytes.subarray(0, at), 'cut.xml'), 'cut.xml');
      }
    }
  });

  it('corrupted base64 is refused', () => {
    // Replace / drop a base64 character (not a line break) in the middle of the payload.
    const at = payload103.indexOf('A', 1000);
    const bad = `${payload103.slice(0, at)}*${payload103.slice(at + 1)}`;
    const e1 = expectRejected(() => readPhilipsXmlRecording(withPayload(bad), 'b.xml'), 'b.xml');
    expect(e1.problem).toMatch(/invalid base64 character/);
    const short = payload103.slice(0, at) + payload103.slice(at + 1);
    const e2 = expectRejected(() => readPhilipsXmlRecording(withPayload(short), 'b.xml'), 'b.xml');
    expect(e2.problem).toMatch(/not a multiple of 4/);
  });

  it('an XLI chunk size beyond the data is refused before decoding', () => {
    const bytes = Buffer.from(payload103, 'base64');
    bytes.writeInt32LE(30000, 0);
    const e = expectRejected(
      () => readPhilipsXmlRecording(withPayload(bytes.toString('base64')), 'x.xml'),
      'x.xml',
    );
    expect(e.problem).toBe(`lead I: XLI chunk declares 30000 bytes, ${bytes.length - 8} left`);
  });

  it('a flipped byte in every XLI chunk is refused', () => {
    const bytes = Buffer.from(payload103, 'base64');
    for (let offset = 0; offset + 8 <= bytes.length; offset += 8 + bytes.readInt32LE(offset)) {
      bytes[offset + 8 + (bytes.readInt32LE(offset) >> 1)] ^= 0x5a;
    }
    expectRejected(
      () => readPhilipsXmlRecording(withPayload(bytes.toString('base64')), 'x.xml'),
      'x.xml',
    );
  });

  it('single flipped payload bytes: never a crash or hang, mostly detected', () => {
    // LZW has no checksum, so some flips decode to other in-range values; those must still
    // give a well-formed recording. Lengths, dictionary codes and the 16-bit range catch most.
    const original = Buffer.from(payload103, 'base64');
    let refused = 0;
    const trials = 60;
    for (let k = 0; k < trials; k++) {
      const bytes = Buffer.from(original);
      bytes[8 + ((k * 397) % (bytes.length - 8))] ^= 0xff;
      try {
        const r = readPhilipsXmlRecording(withPayload(bytes.toString('base64')), 'f.xml');
        expect(r.leads.every((l) => l.digital.length === 5500)).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(PhilipsXmlError);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(trials * 0.75);
  });

  it('uncompressed Base64 (int16 LE) and Plain payloads are read as stored', () => {
    const r = readPhilipsXmlRecording(read('1_03/129DYPRG.XML'), 'a.xml');
    const stored = new Int16Array(12 * 5500);
    r.leads.forEach((l, k) => stored.set(l.digital, k * 5500));
    const raw = Buffer.from(stored.buffer).toString('base64');
    const plain = Array.from(stored).join(' ');
    const uncompressed = text103.replace('compressflag="True"', 'compressflag="False"');
    for (const [payload, encoding] of [
      [raw, 'Base64'],
      [plain, 'Plain'],
    ]) {
      const doc = uncompressed
        .replace(payload103, payload)
        .replace('dataencoding="Base64"', `dataencoding="${encoding}"`);
      const back = readPhilipsXmlRecording(encode(doc), 'u.xml');
      expect(back.leads.map((l) => Array.from(l.digital))).toEqual(
        r.leads.map((l) => Array.from(l.digital)),
      );
    }
  });

  it('absurd sizes are refused before allocating', () => {
    const text = new TextDecoder('utf-16le').decode(read('1_04_01/2020-5-18_15-48-11.xml'));
    const cases: [string, string, RegExp][] = [
      ['samplespersecond="500"', 'samplespersecond="1000000"', /sampling rate/],
      ['numberofleads="12"', 'numberofleads="5000"', /number of leads/],
      ['durationperchannel="11000"', 'durationperchannel="86400000"', /exceeds the limit/],
      ['durationperchannel="11000"', 'durationperchannel="11000.3"', /whole number of samples/],
      ['signaloffset="0"', 'signaloffset="100"', /unsupported signaloffset/],
      ['compression="XLI"', 'compression="ZIP"', /unsupported waveform compression/],
    ];
    for (const [from, to, problem] of cases) {
      const e = expectRejected(
        () => readPhilipsXmlRecording(encode(text.replace(from, to)), 'z.xml'),
        'z.xml',
      );
      expect(e.problem).toMatch(problem);
    }
  });

  it('empty, random and non-text input is refused', () => {
    expectRejected(() => readPhilipsXmlRecording(new Uint8Array(0), 'e.xml'), 'e.xml');
    for (const seed of [1, 2, 3]) {
      const bytes = randomBytes(5000, seed);
      expect(looksLikePhilipsXml(bytes)).toBe(false);
      expectRejected(() => readPhilipsXmlRecording(bytes, 'r.xml'), 'r.xml');
    }
    const notPhilips = encode('<?xml version="1.0"?><other><a>1</a></other>');
    expectRejected(() => readPhilipsXmlRecording(notPhilips, 'o.xml'), 'o.xml');
  });

  it('a DOCTYPE entity bomb is refused without expansion', () => {
    const entities = Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`,
    ).join('');
    const bomb = encode(
      `<?xml version="1.0"?><!DOCTYPE restingecgdata [<!ENTITY l0 "lol">${entities}]>` +
        '<restingecgdata><documentinfo><documenttype>&l9;</documenttype></documentinfo>' +
        '</restingecgdata>',
    );
    const e = expectRejected(() => readPhilipsXmlRecording(bomb, 'bomb.xml'), 'bomb.xml');
    expect(e.problem).toMatch(/DOCTYPE/);
  });

  it('looksLikePhilipsXml: false for HL7 aECG and random bytes, true with a leading comment', () => {
    const aecg = encode(
      '<?xml version="1.0" encoding="utf-8"?>\n<AnnotatedECG xmlns="urn:hl7-org:v3"><id/></AnnotatedECG>',
    );
    expect(looksLikePhilipsXml(aecg)).toBe(false);
    expect(looksLikePhilipsXml(randomBytes(4096, 7))).toBe(false);
    expect(looksLikePhilipsXml(new Uint8Array(0))).toBe(false);
    expect(looksLikePhilipsXml(encode('<!-- x --><restingecgdata lang="en">'))).toBe(true);
  });
});
