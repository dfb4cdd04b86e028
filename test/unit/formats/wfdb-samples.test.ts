/**
 * Conformance on the wfdb-python test records (../shared/data/wfdb-samples). Every header in
 * the folder is listed below with what must happen: it reads (with every checksum the header
 * gives verified), or it fails for a documented reason (a blob absent from the snapshot, a
 * layout header). A header not listed fails the test, so new data cannot slip by unchecked.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import {
  FormatError,
  MissingFileError,
  WfdbHeaderError,
  WfdbSignalError,
  fileSourceFromMap,
  parseHeader,
  readRecording,
} from '../../../main/formats';
import { fileSourceFromDir } from '../../../main/formats/fs-source';
import type { ParsedRecording } from '../../../main/formats/types';
import { INVALID_SAMPLE } from '../../../main/formats/types';
import { invalidValue } from '../../../main/formats/wfdb/signal-formats';
import { dataPath, describeWithData } from '../../helpers/data';

type Ok = { fs: number; samples: number; leads?: string[]; annotations?: string[] };
type Fails = { error: new (...args: never[]) => FormatError; message: string };

const missing = (file: string): Fails => ({
  error: MissingFileError,
  message: `${file}: is missing`,
});
const LAYOUT: Fails = {
  error: WfdbHeaderError,
  message: 'is the layout header of a multi-segment record',
};
const ms = 'multi-segment/';

const EXPECTED: Record<string, Ok | Fails> = {
  '03700181.hea': {
    fs: 500,
    samples: 300000,
    leads: ['MCL1', 'ABP', 'RESP'],
    annotations: ['gqrsh', 'gqrsl', 'sqrs'],
  },
  '100-no-len.hea': { fs: 360, samples: 650000, leads: ['MLII', 'V5'] },
  '100.hea': { fs: 360, samples: 650000, leads: ['MLII', 'V5'], annotations: ['atr', 'qrs'] },
  // wfdb-python ships 1003 for its annotations only; it has no 1003.dat.
  '1003.hea': missing('1003.dat'),
  '100_3chan.hea': { fs: 360, samples: 999, leads: ['I', 'II', 'III'] },
  '100skew.hea': { fs: 360, samples: 650000 },
  '12726.hea': missing('12726.dat'),
  '3000003_0003.hea': { fs: 125, samples: 1028, leads: ['II', 'V'] },
  '310derive.hea': { fs: 250, samples: 1026 },
  '310derive_2.hea': { fs: 360, samples: 1020 },
  '310derive_3.hea': { fs: 360, samples: 1018 },
  '311derive.hea': { fs: 250, samples: 1026 },
  '311derive_2.hea': { fs: 360, samples: 1020 },
  '311derive_3.hea': { fs: 360, samples: 1019 },
  '311derive_4.hea': { fs: 360, samples: 1018 },
  'a103l-no-len.hea': { fs: 250, samples: 82500 },
  'a103l.hea': { fs: 250, samples: 82500, leads: ['II', 'V', 'PLETH'] },
  'binformats.hea': { fs: 200, samples: 499 },
  'drive02-no-len.hea': missing('drive02.dat'),
  'drive02.hea': missing('drive02.dat'),
  // FLAC (formats 508/516/524): checksums verified like any other record's.
  'flac_3_constant.hea': { fs: 250, samples: 5_600_000, leads: ['col 0', 'col 1', 'col 2'] },
  'flacformats.hea': { fs: 200, samples: 499 },
  // 62.4725 frames/s with 4, 2 and 1 samples per frame: read at 4 × 62.4725 Hz.
  'mixedsignals.hea': {
    fs: 249.89,
    samples: 57_600,
    leads: ['II', 'III', 'V', 'ABP', 'Pleth', 'Resp'],
  },
  [`${ms}041s/041s.hea`]: {
    fs: 500,
    samples: 8000,
    leads: ['III', 'I', 'V', 'ABP', 'PAP', 'PLETH', 'RESP'],
  },
  [`${ms}041s/041s01.hea`]: { fs: 500, samples: 4000 },
  [`${ms}041s/041s02.hea`]: { fs: 500, samples: 4000 },
  [`${ms}fixed1/v102s.hea`]: { fs: 250, samples: 225000, leads: ['II', 'V', 'PLETH', 'RESP'] },
  [`${ms}fixed1/v102s_1.hea`]: { fs: 250, samples: 75000 },
  [`${ms}fixed1/v102s_2.hea`]: { fs: 250, samples: 75000 },
  [`${ms}fixed1/v102s_3.hea`]: { fs: 250, samples: 75000 },
  [`${ms}p000878/3269321_0001.hea`]: { fs: 125, samples: 2000 },
  [`${ms}p000878/3269321_0002.hea`]: { fs: 125, samples: 1750 },
  [`${ms}p000878/3269321_layout.hea`]: LAYOUT,
  // The snapshot carries only the first two of this record's 25 segments.
  [`${ms}p000878/p000878-2137-10-26-16-57.hea`]: missing(`${ms}p000878/3269321_0003.hea`),
  [`${ms}s00001/3248903_layout.hea`]: LAYOUT,
  [`${ms}s00001/3975656_layout.hea`]: LAYOUT,
  [`${ms}s00001/3975656_0009.hea`]: missing(`${ms}s00001/3975656_0009.dat`),
  [`${ms}s00001/3975656_0010.hea`]: missing(`${ms}s00001/3975656_0010.dat`),
  [`${ms}s00001/3975656_0011.hea`]: missing(`${ms}s00001/3975656_0011.dat`),
  [`${ms}s00001/s00001-2896-10-09-01-56.hea`]: {
    fs: 125,
    samples: 7500,
    leads: ['II', 'V', 'MCL1', 'ABP'],
  },
  [`${ms}s00001/s00001-2896-10-09-01-56n.hea`]: { fs: 1 / 60, samples: 1 },
  [`${ms}s00001/s00001-2896-10-10-00-31.hea`]: missing(`${ms}s00001/3975656_0009.dat`),
  [`${ms}s00001/s00001-2896-10-10-00-31n.hea`]: { fs: 1 / 60, samples: 1936 },
  [`${ms}s25047/3234460_layout.hea`]: LAYOUT,
  [`${ms}s25047/s25047-2704-05-04-10-44.hea`]: {
    fs: 125,
    samples: 543240,
    leads: ['II', 'V', 'ABP'],
  },
  [`${ms}s25047/s25047-2704-05-04-10-44n.hea`]: { fs: 1 / 60, samples: 72 },
  'n16.hea': missing('n16.dat'),
  'n8_evoked_raw_95_F1_R9.hea': missing('n8_evoked_raw_95_F1_R9.dat'),
  'p10143.hea': { fs: 500, samples: 450000, leads: ['FECG', 'UC'] },
  's0010_re.hea': {
    fs: 1000,
    samples: 38400,
    leads: [
      'i',
      'ii',
      'iii',
      'avr',
      'avl',
      'avf',
      'v1',
      'v2',
      'v3',
      'v4',
      'v5',
      'v6',
      'vx',
      'vy',
      'vz',
    ],
  },
  'test01_00s.hea': { fs: 500, samples: 4000, leads: ['ECG 1', 'ECG 2', 'ECG 3', 'ECG 4'] },
  'test01_00s_frame.hea': { fs: 1000, samples: 8000 },
  'test01_00s_skew.hea': { fs: 500, samples: 4000 },
  'test01_00s_skewframe.hea': { fs: 1000, samples: 8000 },
  'test_generator_2.hea': { fs: 200, samples: 120000 },
  'v102s.hea': { fs: 250, samples: 75000, leads: ['II', 'V', 'PLETH', 'RESP'] },
  'wave_4.hea': missing('wave_4.dat'),
};
// Segments 0001-0008 and 0012-0016 of s00001 and all 18 of s25047 are plain records.
for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 12, 13, 14, 15, 16]) {
  EXPECTED[`${ms}s00001/3975656_${String(n).padStart(4, '0')}.hea`] = { fs: 125, samples: -1 };
}
for (let n = 1; n <= 18; n++)
  EXPECTED[`${ms}s25047/3234460_${String(n).padStart(4, '0')}.hea`] = { fs: 125, samples: -1 };

describeWithData('wfdb-samples', 'WFDB conformance: wfdb-python sample records', () => {
  const root = dataPath('wfdb-samples');
  const source = fileSourceFromDir(root);
  const cache = new Map<string, ParsedRecording>();
  const read = (name: string): ParsedRecording => {
    let r = cache.get(name);
    if (!r) cache.set(name, (r = readRecording(source, name)));
    return r;
  };
  const lead = (name: string, index: number) => read(name).leads[index].digital;

  const headers = (function walk(dir: string): string[] {
    return readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) return walk(p);
      return f.endsWith('.hea') ? [relative(root, p).split('\\').join('/')] : [];
    });
  })(root).sort();

  it('lists an expectation for every header in the folder, and vice versa', () => {
    expect(headers).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (name, expected) => {
    if ('error' in expected) {
      let err: unknown = null;
      try {
        read(name);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(expected.error);
      expect((err as Error).message).toContain(expected.message);
      return;
    }
    const r = read(name);
    expect(r.fs).toBeCloseTo(expected.fs, 9);
    if (expected.samples >= 0) expect(r.samples).toBe(expected.samples);
    if (expected.leads) expect(r.leads.map((l) => l.name)).toEqual(expected.leads);
    if (expected.annotations)
      expect(Object.keys(r.annotations).sort()).toEqual(expected.annotations);
    for (const l of r.leads) expect(l.digital.length).toBe(r.samples);
    checkInitialValues(name, r);
  });

  /**
   * The header's initial value is the signal's first sample, written by the WFDB tools that
   * made the record: an independent check of decoding and channel order.
   */
  function checkInitialValues(name: string, r: ParsedRecording): void {
    // Hand-edited copies of test01_00s: their last signal kept ECG 3's initial value (-57)
    // although it now holds ECG 4 (their checksums were updated, the initial values not).
    if (name === 'test01_00s_frame.hea' || name === 'test01_00s_skewframe.hea') return;
    const header = parseHeader(readFileSync(join(root, name), 'latin1'), name);
    if (header.segments) return;
    header.signals.forEach((spec, i) => {
      if (spec.skew !== 0) return;
      // mixedsignals (MIMIC) starts II, III, V and ABP with invalid samples; its writer put 0
      // as their initial value (wfdb-flac.test.ts checks these signals otherwise).
      if (name === 'mixedsignals.hea' && r.leads[i].digital[0] === INVALID_SAMPLE) return;
      const expected =
        spec.initialValue === invalidValue(spec.format) ? INVALID_SAMPLE : spec.initialValue;
      expect(r.leads[i].digital[0], `${name} signal ${i}`).toBe(expected);
    });
  }

  it('verifies checksums: every readable single-segment header gives them, and a flipped byte is caught', () => {
    for (const [name, expected] of Object.entries(EXPECTED)) {
      if ('error' in expected) continue;
      const header = parseHeader(readFileSync(join(root, name), 'latin1'), name);
      for (const spec of header.signals) expect(spec.checksum, name).not.toBeNull();
    }
    const files = new Map<string, Uint8Array>([
      ['100.hea', readFileSync(join(root, '100.hea'))],
      ['100.dat', new Uint8Array(readFileSync(join(root, '100.dat')))],
    ]);
    files.get('100.dat')![1000] ^= 0x01;
    expect(() => readRecording(fileSourceFromMap(files), '100.hea')).toThrow(WfdbSignalError);
    expect(() => readRecording(fileSourceFromMap(files), '100.hea')).toThrow(
      '100.dat: signal 0 (MLII): checksum mismatch: 100.hea says -22131',
    );
  });

  it('record 100: first samples and patient facts', () => {
    expect(Array.from(lead('100.hea', 0).subarray(0, 10))).toEqual([
      995, 995, 995, 995, 995, 995, 995, 995, 1000, 997,
    ]);
    expect(Array.from(lead('100.hea', 1).subarray(0, 3))).toEqual([1011, 1011, 1011]);
    expect(read('100.hea').patient).toEqual({ externalId: null, age: 69, sex: 'M' });
    expect(read('100.hea').comments).toEqual([
      'unnecessary comment',
      '69 M 1085 1629 x1',
      'Aldomet, Inderal',
    ]);
    expect(Array.from(lead('100-no-len.hea', 0))).toEqual(Array.from(lead('100.hea', 0)));
  });

  it('100skew: V5 is record 100’s V5 advanced 3 samples, invalid past the end', () => {
    const v5 = lead('100.hea', 1);
    const skewed = lead('100skew.hea', 1);
    expect(Array.from(skewed.subarray(0, 1000))).toEqual(Array.from(v5.subarray(3, 1003)));
    expect(Array.from(skewed.subarray(-4))).toEqual([
      v5[v5.length - 1],
      INVALID_SAMPLE,
      INVALID_SAMPLE,
      INVALID_SAMPLE,
    ]);
    expect(Array.from(lead('100skew.hea', 0))).toEqual(Array.from(lead('100.hea', 0)));
  });

  it('310/311 records hold the same samples as the format 80 record they derive from', () => {
    const ii = lead('3000003_0003.hea', 0);
    const v = lead('3000003_0003.hea', 1);
    expect(Array.from(lead('310derive.hea', 0))).toEqual(Array.from(ii.subarray(0, 1026)));
    expect(Array.from(lead('310derive.hea', 1))).toEqual(Array.from(v.subarray(0, 1026)));
    expect(Array.from(lead('311derive.hea', 0))).toEqual(Array.from(v.subarray(0, 1026)));
    const a = lead('310derive_2.hea', 0);
    for (const other of [
      '311derive_2.hea',
      '310derive_3.hea',
      '311derive_3.hea',
      '311derive_4.hea',
    ]) {
      const b = lead(other, 0);
      expect(Array.from(b), other).toEqual(Array.from(a.subarray(0, b.length)));
    }
  });

  it('samples per frame: test01_00s_frame interleaves ECG 2 and 3 at 1 kHz and holds ECG 1', () => {
    const [e1, e2, e3] = [0, 1, 2].map((i) => lead('test01_00s.hea', i));
    const framed = lead('test01_00s_frame.hea', 1);
    expect(Array.from(framed.subarray(0, 6))).toEqual([e2[0], e3[0], e2[1], e3[1], e2[2], e3[2]]);
    expect(Array.from(lead('test01_00s_frame.hea', 0).subarray(0, 4))).toEqual([
      e1[0],
      e1[0],
      e1[1],
      e1[1],
    ]);
    const skewed = lead('test01_00s_skew.hea', 1);
    expect(Array.from(skewed.subarray(0, 100))).toEqual(Array.from(e2.subarray(3, 103)));
    expect(Array.from(lead('test01_00s_skewframe.hea', 0).subarray(0, 4))).toEqual([
      e1[3],
      e1[3],
      e1[4],
      e1[4],
    ]);
  });

  it('byte offset: a103l.mat skips its 24-byte MAT header either way', () => {
    expect(Array.from(lead('a103l-no-len.hea', 2))).toEqual(Array.from(lead('a103l.hea', 2)));
  });

  it('multi-segment fixed layouts concatenate their segments', () => {
    const whole = lead(`${ms}041s/041s.hea`, 3);
    expect(Array.from(whole.subarray(0, 4000))).toEqual(
      Array.from(lead(`${ms}041s/041s01.hea`, 3)),
    );
    expect(Array.from(whole.subarray(4000))).toEqual(Array.from(lead(`${ms}041s/041s02.hea`, 3)));
    const v102 = lead('v102s.hea', 0);
    const tripled = lead(`${ms}fixed1/v102s.hea`, 0);
    for (const k of [0, 1, 2])
      expect(Array.from(tripled.subarray(k * 75000, (k + 1) * 75000))).toEqual(Array.from(v102));
  });

  it('multi-segment variable layout: gaps invalid, gains rescaled to the layout’s', () => {
    const name = `${ms}s25047/s25047-2704-05-04-10-44.hea`;
    const r = read(name);
    expect(r.startTime).toBe('2704-05-04T10:44:18.529');
    const [ii, , abp] = r.leads.map((l) => l.digital);
    expect(ii.subarray(0, 25740).every((v) => v === INVALID_SAMPLE)).toBe(true);
    // Segment 0001 uses the layout's 86/mV: copied as is.
    const s1 = lead(`${ms}s25047/3234460_0001.hea`, 0);
    expect(Array.from(ii.subarray(25740, 25740 + s1.length))).toEqual(Array.from(s1));
    // Segment 0002 records II at 67/mV: same millivolts at the layout's 86/mV.
    const s2 = lead(`${ms}s25047/3234460_0002.hea`, 0);
    const start = 25740 + 28637;
    // Rounding to whole layout units costs at most half a unit.
    s2.forEach((v, k) =>
      expect(Math.abs(ii[start + k] / 86 - v / 67)).toBeLessThanOrEqual(0.5 / 86),
    );
    // ABP first appears in segment 0017, at 1/mmHg; the layout says 1.25(-100)/mmHg.
    const abpStart = 543240 - 93975 - 3525;
    expect(abp.subarray(0, abpStart).every((v) => v === INVALID_SAMPLE)).toBe(true);
    const abp17 = lead(`${ms}s25047/3234460_0017.hea`, 2);
    expect(abp17[0]).toBe(-72);
    expect(abp[abpStart]).toBe(-72 * 1.25 - 100);
    const gapOnly = read(`${ms}s00001/s00001-2896-10-09-01-56.hea`);
    expect(gapOnly.leads.every((l) => l.digital.every((v) => v === INVALID_SAMPLE))).toBe(true);
    expect(gapOnly.patient).toEqual({ externalId: null, age: 60, sex: 'F' });
  });

  it('high- and low-resolution QRS annotations of 03700181 line up at 500 Hz', () => {
    const r = read('03700181.hea');
    const high = r.annotations.gqrsh.filter((a) => a.symbol === 'N').map((a) => a.sample);
    const near = (samples: number[], tolerance: number) =>
      samples.filter((s) => high.some((h) => Math.abs(h - s) <= tolerance)).length / samples.length;
    // gqrsl counts 125 Hz frames (×4 here); sqrs is another detector, so allow 0.1 s.
    expect(
      near(
        r.annotations.gqrsl.filter((a) => a.symbol === 'N').map((a) => a.sample),
        8,
      ),
    ).toBeGreaterThan(0.9);
    expect(
      near(
        r.annotations.sqrs.filter((a) => a.symbol === 'N').map((a) => a.sample),
        50,
      ),
    ).toBeGreaterThan(0.9);
    expect(Math.max(...high)).toBeLessThan(r.samples);
  });

  it('patient facts from PTB and <tag> comments', () => {
    expect(read('s0010_re.hea').patient).toEqual({ externalId: null, age: 81, sex: 'F' });
    expect(read('test01_00s.hea').patient).toEqual({ externalId: null, age: 25, sex: 'M' });
  });
});
