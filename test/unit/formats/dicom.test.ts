/**
 * DICOM waveform reader: the two real sample files (ECG Toolkit: implicit VR, defined-length
 * sequences; pydicom: explicit VR, undefined-length sequences), synthetic files built by the
 * small writer below, and hostile input.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../main/formats';
import { DicomError, looksLikeDicom, readDicomEcgRecording } from '../../../main/formats/dicom';
import { INVALID_SAMPLE, type ParsedLead, type ParsedRecording } from '../../../main/formats/types';
import { dataPath, describeWithData } from '../../helpers/data';

const TWELVE = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];

const physical = (lead: ParsedLead, t: number) => (lead.digital[t] - lead.baseline) / lead.gain;

/** Checks the leads against each other: they were recorded, not generated, so these hold only if decoding is right. */
function expectEinthoven(r: ParsedRecording, lsb: number) {
  const [I, II, III, aVR] = r.leads;
  let worstIII = 0;
  let worstAvr = 0;
  for (let t = 0; t < r.samples; t++) {
    worstIII = Math.max(worstIII, Math.abs(physical(III, t) - (physical(II, t) - physical(I, t))));
    worstAvr = Math.max(
      worstAvr,
      Math.abs(physical(aVR, t) + (physical(I, t) + physical(II, t)) / 2),
    );
  }
  expect(worstIII).toBeLessThanOrEqual(2 * lsb);
  expect(worstAvr).toBeLessThanOrEqual(2 * lsb);
}

/** Every lead in ±10 mV and not flat (units are µV in both files). */
function expectPlausible(r: ParsedRecording) {
  for (const lead of r.leads) {
    expect(lead.units).toBe('uV');
    let lo = Infinity;
    let hi = -Infinity;
    for (let t = 0; t < r.samples; t++) {
      const v = physical(lead, t) / 1000;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect(lo, lead.name).toBeGreaterThan(-10);
    expect(hi, lead.name).toBeLessThan(10);
    expect(hi - lo, lead.name).toBeGreaterThan(0.1);
  }
}

/** Expects a DicomError (a FormatError) naming `file`, thrown within `ms`. */
function expectDicomError(bytes: Uint8Array, file: string, pattern?: RegExp, ms = 500) {
  const started = performance.now();
  let caught: unknown = null;
  try {
    readDicomEcgRecording(bytes, file);
  } catch (e) {
    caught = e;
  }
  expect(performance.now() - started).toBeLessThan(ms);
  expect(caught).toBeInstanceOf(DicomError);
  expect(caught).toBeInstanceOf(FormatError);
  const err = caught as DicomError;
  expect(err.file).toBe(file);
  expect(err.message.startsWith(`${file}: `)).toBe(true);
  if (pattern) expect(err.message).toMatch(pattern);
  return err;
}

// ---------------------------------------------------------------------------------------------
// A tiny DICOM writer for synthetic files.

const EXPLICIT = '1.2.840.10008.1.2.1';
const IMPLICIT = '1.2.840.10008.1.2';
const LONG_VRS = new Set(['OB', 'OW', 'SQ', 'UN', 'UT']);

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const u16 = (...values: number[]) => new Uint8Array(new Uint16Array(values).buffer);
const u32 = (...values: number[]) => new Uint8Array(new Uint32Array(values).buffer);
const i16 = (...values: number[]) => new Uint8Array(new Int16Array(values).buffer);
/** A string value padded to even length with a space (UIDs would use NUL; both are trimmed). */
const str = (s: string) => new TextEncoder().encode(s.length % 2 ? `${s} ` : s);

interface Writer {
  explicit: boolean;
  /** Undefined-length sequences and items (with delimiters) instead of defined lengths. */
  undefinedLengths: boolean;
}

function el(w: Writer, g: number, e: number, vr: string, value: Uint8Array, length = value.length) {
  if (!w.explicit) return concat(u16(g, e), u32(length), value);
  if (LONG_VRS.has(vr)) return concat(u16(g, e), str(vr), u16(0), u32(length), value);
  return concat(u16(g, e), str(vr), u16(length), value);
}

function seq(w: Writer, g: number, e: number, items: Uint8Array[]) {
  const UNDEF = 0xffffffff;
  const body = concat(
    ...items.map((item) =>
      w.undefinedLengths
        ? concat(u16(0xfffe, 0xe000), u32(UNDEF), item, u16(0xfffe, 0xe00d), u32(0))
        : concat(u16(0xfffe, 0xe000), u32(item.length), item),
    ),
  );
  if (!w.undefinedLengths) return el(w, g, e, 'SQ', body);
  return concat(el(w, g, e, 'SQ', body, UNDEF), u16(0xfffe, 0xe0dd), u32(0));
}

function part10(transferSyntax: string, body: Uint8Array) {
  const ts = new TextEncoder().encode(
    transferSyntax.length % 2 ? `${transferSyntax}\0` : transferSyntax,
  );
  const meta = concat(u16(2, 0x10), str('UI'), u16(ts.length), ts);
  const groupLength = concat(u16(2, 0), str('UL'), u16(4), u32(meta.length));
  return concat(new Uint8Array(128), str('DICM'), groupLength, meta, body);
}

interface Channel {
  code: string;
  scheme: string;
  meaning: string;
  sensitivity?: string;
  units?: string;
  correction?: string;
  baseline?: string;
  skew?: string;
}

interface Group {
  label: string;
  channels: Channel[];
  /** Interleaved samples, channel by channel within each sample. */
  samples: number[];
  fs?: string;
  interpretation?: string;
  bits?: number;
}

function channelDef(w: Writer, c: Channel) {
  const code = (value: string, scheme: string, meaning: string) =>
    concat(
      el(w, 0x0008, 0x0100, 'SH', str(value)),
      el(w, 0x0008, 0x0102, 'SH', str(scheme)),
      el(w, 0x0008, 0x0104, 'LO', str(meaning)),
    );
  return concat(
    seq(w, 0x003a, 0x0208, [code(c.code, c.scheme, c.meaning)]),
    c.sensitivity === undefined
      ? new Uint8Array()
      : el(w, 0x003a, 0x0210, 'DS', str(c.sensitivity)),
    c.units === undefined ? new Uint8Array() : seq(w, 0x003a, 0x0211, [code(c.units, 'UCUM', '')]),
    c.correction === undefined ? new Uint8Array() : el(w, 0x003a, 0x0212, 'DS', str(c.correction)),
    c.baseline === undefined ? new Uint8Array() : el(w, 0x003a, 0x0213, 'DS', str(c.baseline)),
    c.skew === undefined ? new Uint8Array() : el(w, 0x003a, 0x0215, 'DS', str(c.skew)),
  );
}

function group(w: Writer, g: Group) {
  const n = g.samples.length / g.channels.length;
  return concat(
    el(w, 0x003a, 0x0005, 'US', u16(g.channels.length)),
    el(w, 0x003a, 0x0010, 'UL', u32(n)),
    el(w, 0x003a, 0x001a, 'DS', str(g.fs ?? '500')),
    el(w, 0x003a, 0x0020, 'SH', str(g.label)),
    seq(
      w,
      0x003a,
      0x0200,
      g.channels.map((c) => channelDef(w, c)),
    ),
    el(w, 0x5400, 0x1004, 'US', u16(g.bits ?? 16)),
    el(w, 0x5400, 0x1006, 'CS', str(g.interpretation ?? 'SS')),
    el(w, 0x5400, 0x1010, 'OW', i16(...g.samples)),
  );
}

const LIMB: Channel[] = [
  { code: '5.6.3-9-1', scheme: 'SCPECG', meaning: 'Lead I', sensitivity: '2.5', units: 'uV' },
  {
    code: '2:2',
    scheme: 'MDC',
    meaning: 'Lead II',
    sensitivity: '0.005',
    units: 'mV',
    correction: '2',
    baseline: '0.01',
  },
  {
    code: '',
    scheme: '',
    meaning: 'Lead V7 (posterior)',
    sensitivity: '1',
    units: 'uV',
    baseline: '0.5',
    skew: '4',
  },
];

/** Three channels × 4 samples: I, II (×0.01 mV/LSB, baseline 0.01 mV), V7 (skewed 2 samples). */
function ecgFile(w: Writer, extra: Uint8Array = new Uint8Array(), groups?: Group[]) {
  const waveform = groups ?? [
    {
      label: 'MEDIAN BEAT',
      channels: LIMB,
      samples: [9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9],
    },
    { label: 'RHYTHM', channels: LIMB, samples: [1, -2, 3, 4, 5, 6, -7, 8, 9, 10, 11, 12] },
  ];
  const body = concat(
    el(w, 0x0008, 0x002a, 'DT', str('20240131235959.5+0100')),
    el(w, 0x0010, 0x0020, 'LO', str('P-1')),
    el(w, 0x0010, 0x0040, 'CS', str('F')),
    el(w, 0x0010, 0x1010, 'AS', str('018M')),
    extra,
    seq(w, 0x0040, 0xb020, [el(w, 0x0070, 0x0006, 'ST', str('Sinus rhythm'))]),
    seq(
      w,
      0x5400,
      0x0100,
      waveform.map((g) => group(w, g)),
    ),
  );
  return part10(w.explicit ? EXPLICIT : IMPLICIT, body);
}

const W_EXPLICIT: Writer = { explicit: true, undefinedLengths: false };
const W_IMPLICIT: Writer = { explicit: false, undefinedLengths: false };
const W_UNDEFINED: Writer = { explicit: true, undefinedLengths: true };
const W_IMPLICIT_UNDEFINED: Writer = { explicit: false, undefinedLengths: true };

/** Deterministic bytes for the random-input tests (xorshift32). */
function randomBytes(n: number, seed: number) {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

describeWithData('formats/dicom-ecg', 'DICOM ECG: real sample files', () => {
  const toolkit = new Uint8Array(
    readFileSync(dataPath('formats', 'dicom-ecg', 'ECGToolkit_Example.dcm')),
  );
  const pydicom = new Uint8Array(
    readFileSync(dataPath('formats', 'dicom-ecg', 'pydicom_waveform_ecg.dcm')),
  );

  it('ECG Toolkit (implicit VR, defined lengths): 12 leads at 500 Hz, 5000 samples of 2.5 µV', () => {
    expect(looksLikeDicom(toolkit)).toBe(true);
    const r = readDicomEcgRecording(toolkit, 'ECGToolkit_Example.dcm');
    expect(r).toMatchObject({
      format: 'dicom',
      recordName: 'ECGToolkit_Example',
      fs: 500,
      samples: 5000,
    });
    expect(r.leads.map((l) => l.name)).toEqual(TWELVE);
    for (const lead of r.leads) {
      expect(lead).toMatchObject({ units: 'uV', baseline: 0, adcResolution: 16 });
      expect(lead.gain).toBeCloseTo(0.4, 12);
      expect(lead.digital).toHaveLength(5000);
    }
    // Checked with a separate Python reader of the WaveformData at byte 6400 (int16, 12 interleaved).
    expect([r.leads[0].digital[0], r.leads[1].digital[0], r.leads[6].digital[0]]).toEqual([
      -2, -7, 43,
    ]);
    expect([r.leads[0].digital[1000], r.leads[11].digital[1000]]).toEqual([-5, -14]);
    expect(physical(r.leads[6], 0)).toBeCloseTo(107.5, 9);
    expectPlausible(r);
    expectEinthoven(r, 2.5);
    // No Patient's Age: from birth date 1953-05-08 and acquisition 2002-11-22.
    expect(r.patient).toEqual({ externalId: 'SBJ-123', age: 49, sex: 'M' });
    expect(r.startTime).toBe('2002-11-22T09:10:00');
    expect(r.comments).toEqual(
      expect.arrayContaining(['PR Interval: 148 ms', 'QRS Duration: 120 ms']),
    );
    expect(r.annotations).toEqual({});
  });

  it('pydicom (explicit VR, undefined lengths): 12 leads at 1000 Hz, 10000 samples of 1.25 µV', () => {
    const r = readDicomEcgRecording(pydicom, 'data/pydicom_waveform_ecg.dcm');
    expect(r).toMatchObject({ recordName: 'pydicom_waveform_ecg', fs: 1000, samples: 10000 });
    expect(r.leads.map((l) => l.name)).toEqual(TWELVE); // lead I's meaning is "Lead I (Einthoven)"
    for (const lead of r.leads) {
      expect(lead).toMatchObject({ units: 'uV', baseline: 0, adcResolution: 16 });
      expect(lead.gain).toBeCloseTo(0.8, 12);
    }
    // Checked with a separate Python reader of the WaveformData at byte 18642.
    expect(Array.from(r.leads.map((l) => l.digital[0]))).toEqual([
      80, 90, 10, -85, 35, 50, 40, 15, -10, -20, -55, -40,
    ]);
    expect([r.leads[0].digital[1000], r.leads[11].digital[1000]]).toEqual([57, -25]);
    expect(physical(r.leads[0], 0)).toBeCloseTo(100, 9);
    expectPlausible(r);
    expectEinthoven(r, 1.25);
    expect(r.patient).toEqual({ externalId: '642341', age: 42, sex: 'F' });
    expect(r.startTime).toBe('2013-01-25T10:59:19');
    expect(r.comments.slice(0, 3)).toEqual([
      'RITMO SINUSALE',
      'ECG NORMALE',
      'RR Interval: 982 ms',
    ]);
  });

  it('truncated copies fail with an error naming the file', () => {
    const cuts: Array<[Uint8Array, number[]]> = [
      [
        toolkit,
        [
          1,
          100,
          131,
          135,
          145,
          200,
          330,
          1000,
          3000,
          3900,
          6399,
          6400 + 60_000,
          toolkit.length - 1,
        ],
      ],
      [pydicom, [133, 300, 1100, 1400, 15_000, 18_642 + 1000, 259_000, 262_242 + 100]],
    ];
    for (const [bytes, points] of cuts) {
      for (const cut of points) {
        const err = expectDicomError(bytes.subarray(0, cut), 'cut.dcm');
        expect(err.problem, `cut at ${cut}`).toMatch(
          /past the end|not a DICOM file|no transfer syntax|no (item|sequence) delimiter|fewer than/,
        );
      }
    }
    // ECG Toolkit's Waveform Sequence has a defined length, so it is the first to overrun.
    expectDicomError(
      toolkit.subarray(0, 6400 + 60_000),
      'cut.dcm',
      /element \(5400,0100\) length 139576 runs past the end of the file/,
    );
    expectDicomError(
      pydicom.subarray(0, 18_642 + 1000),
      'cut.dcm',
      /element \(5400,1010\) length 240000 runs past the end of the file/,
    );
  });

  it('random byte flips give a recording or a DicomError, never another exception', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const bytes = (seed % 2 ? toolkit : pydicom).slice();
      const noise = randomBytes(8, seed);
      for (let k = 0; k < 4; k++) {
        const at = 132 + (((noise[2 * k] << 8) | noise[2 * k + 1]) % 20_000);
        bytes[at] ^= noise[(k + 3) % 8] | 1;
      }
      try {
        readDicomEcgRecording(bytes, 'flip.dcm');
      } catch (e) {
        expect(e, `seed ${seed}`).toBeInstanceOf(DicomError);
      }
    }
  });
});

describe('DICOM ECG: synthetic files', () => {
  const check = (r: ParsedRecording) => {
    expect(r).toMatchObject({ format: 'dicom', recordName: 'syn', fs: 500, samples: 4 });
    expect(r.leads.map((l) => l.name)).toEqual(['I', 'II', 'V7']);
    const [I, II, V7] = r.leads;
    expect(Array.from(I.digital)).toEqual([1, 4, -7, 10]);
    expect(I).toMatchObject({ units: 'uV', baseline: 0, gain: 0.4 });
    // II: physical = d × 0.005 × 2 + 0.01 mV, so gain 100 LSB/mV and baseline −1 LSB.
    expect(II).toMatchObject({ units: 'mV', baseline: -1 });
    expect(II.gain).toBeCloseTo(100, 9);
    expect(physical(II, 0)).toBeCloseTo(-2 * 0.01 + 0.01, 12);
    // V7: a fractional digital baseline (−0.5) is kept as is; the 4 ms skew at 500 Hz shifts by 2.
    expect(V7).toMatchObject({ units: 'uV', baseline: -0.5, gain: 1 });
    expect(Array.from(V7.digital)).toEqual([INVALID_SAMPLE, INVALID_SAMPLE, 3, 6]);
    expect(physical(V7, 2)).toBe(3.5);
    expect(r.patient).toEqual({ externalId: 'P-1', age: 1, sex: 'F' });
    expect(r.startTime).toBe('2024-01-31T23:59:59.500');
    expect(r.comments).toEqual(['Sinus rhythm']);
  };

  it('reads explicit and implicit VR, with defined and undefined lengths alike', () => {
    for (const w of [W_EXPLICIT, W_IMPLICIT, W_UNDEFINED, W_IMPLICIT_UNDEFINED]) {
      check(readDicomEcgRecording(ecgFile(w), 'syn.dcm'));
    }
  });

  it('skips sequences it does not need, including nested undefined-length ones', () => {
    const w = W_UNDEFINED;
    const inner = seq(w, 0x0040, 0xa730, [el(w, 0x0040, 0xa160, 'UT', str('x'))]);
    const unknown = seq(w, 0x0040, 0x0555, [inner, concat(inner, inner)]);
    check(readDicomEcgRecording(ecgFile(w, unknown), 'syn.dcm'));
    check(
      readDicomEcgRecording(
        ecgFile(W_IMPLICIT_UNDEFINED, seq(W_IMPLICIT_UNDEFINED, 0x0040, 0x0555, [])),
        'syn.dcm',
      ),
    );
  });

  it('without a RHYTHM group takes the longest one', () => {
    const ch = [LIMB[0]];
    const groups: Group[] = [
      { label: 'A', channels: ch, samples: [1, 2] },
      { label: 'B', channels: ch, samples: [3, 4, 5] },
      { label: 'C', channels: ch, samples: [6, 7, 8] },
    ];
    const r = readDicomEcgRecording(ecgFile(W_EXPLICIT, undefined, groups), 'syn.dcm');
    expect(Array.from(r.leads[0].digital)).toEqual([3, 4, 5]);
  });

  it('decodes 8-bit and unsigned samples; uncalibrated channels get the default gain', () => {
    const groups: Group[] = [
      {
        label: 'RHYTHM',
        channels: [{ code: '', scheme: '', meaning: '' }],
        samples: [0x80ff, 0x0102],
        interpretation: 'SB',
        bits: 8,
      },
    ];
    const r = readDicomEcgRecording(ecgFile(W_EXPLICIT, undefined, groups), 'syn.dcm');
    expect(r.samples).toBe(2); // 1 channel × 2 samples of 1 byte; the rest is padding
    expect(r.leads[0]).toMatchObject({ name: 'ch1', units: 'mV', gain: 200, baseline: 0 });
    expect(Array.from(r.leads[0].digital)).toEqual([-1, -128]);
    groups[0].interpretation = 'US';
    groups[0].bits = 16;
    expect(
      Array.from(
        readDicomEcgRecording(ecgFile(W_EXPLICIT, undefined, groups), 'syn.dcm').leads[0].digital,
      ),
    ).toEqual([0x80ff, 0x0102]);
  });
});

describe('DICOM ECG: hostile and unsupported input', () => {
  const w = W_EXPLICIT;

  it('empty file, no DICM, random bytes', () => {
    expectDicomError(new Uint8Array(), 'x.dcm', /empty/);
    expectDicomError(
      new Uint8Array(200),
      'x.dcm',
      /not a DICOM file \(no DICM prefix at byte 128\)/,
    );
    for (let seed = 1; seed <= 50; seed++) {
      expectDicomError(randomBytes(1000 + seed * 37, seed), 'x.dcm', /not a DICOM file/);
      // A valid prefix and meta group followed by noise.
      const noisy = concat(
        part10(EXPLICIT, new Uint8Array()),
        randomBytes(500 + seed, seed * 7919),
      );
      expectDicomError(noisy, 'x.dcm');
      const noisyImplicit = concat(
        part10(IMPLICIT, new Uint8Array()),
        randomBytes(500 + seed, seed * 31),
      );
      expectDicomError(noisyImplicit, 'x.dcm');
    }
  });

  it('unsupported or missing transfer syntaxes', () => {
    expectDicomError(
      part10('1.2.840.10008.1.2.2', new Uint8Array(16)),
      'x.dcm',
      /transfer syntax 1\.2\.840\.10008\.1\.2\.2 \(Explicit VR Big Endian\) is not supported for waveforms/,
    );
    expectDicomError(part10('1.2.840.10008.1.2.1.99', new Uint8Array(16)), 'x.dcm', /Deflated/);
    expectDicomError(
      part10('1.2.840.10008.1.2.4.50', new Uint8Array(16)),
      'x.dcm',
      /transfer syntax 1\.2\.840\.10008\.1\.2\.4\.50 \(compressed\) is not supported/,
    );
    expectDicomError(concat(new Uint8Array(128), str('DICM')), 'x.dcm', /no transfer syntax/);
  });

  it('a sequence or item of undefined length that never ends', () => {
    const open = concat(
      el(w, 0x0040, 0x0555, 'SQ', new Uint8Array(), 0xffffffff),
      u16(0xfffe, 0xe000),
      u32(10),
      el(w, 0x0008, 0x0100, 'SH', str('ab')),
    );
    expectDicomError(
      part10(EXPLICIT, open),
      'x.dcm',
      /sequence \(0040,0555\) has no sequence delimiter/,
    );
    const openItem = concat(
      el(w, 0x5400, 0x0100, 'SQ', new Uint8Array(), 0xffffffff),
      u16(0xfffe, 0xe000),
      u32(0xffffffff),
      el(w, 0x0008, 0x0100, 'SH', str('ab')),
    );
    expectDicomError(part10(EXPLICIT, openItem), 'x.dcm', /has no item delimiter/);
    expectDicomError(
      part10(IMPLICIT, concat(u16(0x0009, 0x0010), u32(0xffffffff))),
      'x.dcm',
      /no sequence delimiter/,
    );
  });

  it('absurd lengths', () => {
    const huge = concat(
      u16(0x5400, 0x1010),
      str('OW'),
      u16(0),
      u32(0xfffffff0),
      new Uint8Array(20),
    );
    expectDicomError(
      part10(EXPLICIT, huge),
      'x.dcm',
      /element \(5400,1010\) length 4294967280 runs past the end of the file/,
    );
    expectDicomError(
      part10(IMPLICIT, concat(u16(0x0010, 0x0010), u32(0xfffffff0))),
      'x.dcm',
      /length 4294967280 runs past/,
    );
    // An item claiming more than its sequence holds.
    const item = concat(
      el(w, 0x0040, 0x0555, 'SQ', concat(u16(0xfffe, 0xe000), u32(100)), 8),
      new Uint8Array(200),
    );
    expectDicomError(
      part10(EXPLICIT, item),
      'x.dcm',
      /item of \(0040,0555\) at byte \d+ length 100 runs past the end of the sequence/,
    );
  });

  it('sequences nested more than 16 deep', () => {
    let nested = el(w, 0x0008, 0x0100, 'SH', str('x'));
    for (let i = 0; i < 17; i++) nested = seq(W_UNDEFINED, 0x0040, 0xa730, [nested]);
    expectDicomError(part10(EXPLICIT, nested), 'x.dcm', /nested deeper than 16/);
    let ok = el(w, 0x0008, 0x0100, 'SH', str('x'));
    for (let i = 0; i < 15; i++) ok = seq(W_UNDEFINED, 0x0040, 0xa730, [ok]);
    expect(readDicomEcgRecording(ecgFile(w, ok), 'syn.dcm').samples).toBe(4);
  });

  it('waveform semantics out of range', () => {
    const one = (patch: Partial<Group>, samples = [1, 2, 3, 4]): Group[] => [
      { label: 'RHYTHM', channels: [LIMB[0]], samples, ...patch },
    ];
    const bad = (groups: Group[], pattern: RegExp) =>
      expectDicomError(ecgFile(w, undefined, groups), 'syn.dcm', pattern);
    bad(one({ fs: '0' }), /sampling frequency 0 Hz/);
    bad(one({ fs: '200000' }), /sampling frequency 200000 Hz/);
    bad(one({ fs: 'fast' }), /sampling frequency \(003A,001A\) 'fast' is not a number/);
    bad(one({ interpretation: 'MB', bits: 8 }), /interpretation 'MB' is not supported/);
    bad(one({ bits: 8 }), /bits allocated 8 does not match sample interpretation SS/);
    bad(
      one(
        { channels: Array.from({ length: 65 }, () => LIMB[0]) },
        Array.from({ length: 65 }, () => 0),
      ),
      /65 channels/,
    );
    bad(one({ channels: [{ ...LIMB[0], sensitivity: '0' }] }), /not a positive scale/);
    expectDicomError(
      part10(EXPLICIT, el(w, 0x0010, 0x0040, 'CS', str('M'))),
      'x.dcm',
      /no waveform/,
    );
    // WaveformData shorter than channels × samples × 2.
    const short = ecgFile(w, undefined, one({}));
    const view = new DataView(short.buffer);
    for (let at = 0; at < short.length - 4; at++) {
      if (view.getUint16(at, true) === 0x003a && view.getUint16(at + 2, true) === 0x0010) {
        view.setUint32(at + 8, 5, true); // 5 samples, 4 stored
      }
    }
    expectDicomError(
      short,
      'syn.dcm',
      /waveform data has 8 bytes, fewer than 1 channels × 5 samples × 2 bytes/,
    );
  });

  it('looksLikeDicom', () => {
    expect(looksLikeDicom(ecgFile(w))).toBe(true);
    expect(looksLikeDicom(concat(new Uint8Array(128), str('DICM')))).toBe(true);
    expect(looksLikeDicom(new Uint8Array())).toBe(false);
    expect(looksLikeDicom(concat(new Uint8Array(128), str('DIC')))).toBe(false);
    expect(looksLikeDicom(concat(new Uint8Array(127), str('DICM')))).toBe(false);
    expect(looksLikeDicom(new TextEncoder().encode('#1 header\n'.repeat(20)))).toBe(false);
  });
});
