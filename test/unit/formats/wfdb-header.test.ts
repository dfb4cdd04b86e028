import { describe, expect, it } from 'vitest';
import { WfdbHeaderError, decodeHeaderText, parseHeader } from '../../../main/formats';
import { thrown } from '../../helpers/thrown';

describe('parseHeader: record line', () => {
  it('reads name, signals, fs, length, base time and date', () => {
    const h = parseHeader('03700181 0 125 75000 17:27:45 15/08/1994\n', '03700181.hea');
    expect(h.record).toMatchObject({
      name: '03700181',
      segmentCount: null,
      signalCount: 0,
      fs: 125,
      sampleCount: 75000,
      baseTime: '17:27:45',
      baseDate: '1994-08-15',
    });
  });

  it('reads counter frequency and base counter', () => {
    const h = parseHeader('r 0 360/1(7) 10\n', 'r.hea');
    expect(h.record).toMatchObject({ fs: 360, counterFrequency: 1, baseCounter: 7 });
    const g = parseHeader('m 0 62.4725/999.56 14400\n', 'm.hea');
    expect(g.record).toMatchObject({ fs: 62.4725, counterFrequency: 999.56, baseCounter: null });
  });

  it('uses WFDB defaults for omitted fields', () => {
    const h = parseHeader('r 0\n', 'r.hea');
    expect(h.record).toMatchObject({ fs: 250, sampleCount: null, baseTime: null, baseDate: null });
  });

  it('normalises short base times', () => {
    expect(parseHeader('r 0 1 1 0:00\n', 'r.hea').record.baseTime).toBe('00:00:00');
    expect(parseHeader('r 0 1 1 31:51.982\n', 'r.hea').record.baseTime).toBe('00:31:51.982');
    expect(parseHeader('r 0 1 1 1:56:25.894\n', 'r.hea').record.baseTime).toBe('01:56:25.894');
  });

  it('reads multi-segment masters with "~" gaps', () => {
    const text = 's/3 2 125 30 8:26:04 26/10/1994\nseg1 10\n~ 5\nseg2 15\n# <age>: 60\n';
    const h = parseHeader(text, 's.hea');
    expect(h.record.segmentCount).toBe(3);
    expect(h.segments).toEqual([
      { line: 2, name: 'seg1', sampleCount: 10 },
      { line: 3, name: null, sampleCount: 5 },
      { line: 4, name: 'seg2', sampleCount: 15 },
    ]);
    expect(h.signals).toEqual([]);
  });
});

describe('parseHeader: signal lines', () => {
  const parse = (line: string) => parseHeader(`r 1 360 10\n${line}\n`, 'r.hea').signals[0];

  it('reads every field, the description keeping its spaces', () => {
    expect(parse('1003.dat 16 249(-55)/mV 12 0 -8 -8177 0 ECG lead II')).toEqual({
      line: 2,
      fileName: '1003.dat',
      format: 16,
      samplesPerFrame: 1,
      skew: 0,
      byteOffset: 0,
      gain: 249,
      baseline: -55,
      units: 'mV',
      adcResolution: 12,
      adcZero: 0,
      initialValue: -8,
      checksum: -8177,
      blockSize: 0,
      description: 'ECG lead II',
    });
  });

  it('reads samples per frame, skew and byte offset', () => {
    expect(parse('a.dat 212x4 2000 12 0 0 0 0 x')).toMatchObject({
      format: 212,
      samplesPerFrame: 4,
    });
    expect(parse('a.dat 212:4 2000 12 0 0 0 0 x')).toMatchObject({ skew: 4, samplesPerFrame: 1 });
    expect(parse('a.mat 16+24 7247/mV 16 0 -171 -27403 0 II')).toMatchObject({ byteOffset: 24 });
    expect(parse('a.dat 16x2:3+512 1 16 0 0 0 0 x')).toMatchObject({
      samplesPerFrame: 2,
      skew: 3,
      byteOffset: 512,
    });
  });

  it('reads every gain form; the baseline defaults to the ADC zero', () => {
    expect(parse('a.dat 212 200(1024)/mV 11 0 0')).toMatchObject({
      gain: 200,
      baseline: 1024,
      units: 'mV',
    });
    expect(parse('a.dat 212 200/mV 11 1024 0')).toMatchObject({
      gain: 200,
      baseline: 1024,
      units: 'mV',
    });
    expect(parse('a.dat 212 200 11 1024 995')).toMatchObject({
      gain: 200,
      baseline: 1024,
      units: 'mV',
    });
    expect(parse('a.dat 16 1.052e+04/NU 16 0')).toMatchObject({ gain: 10520, units: 'NU' });
    expect(parse('a.dat 16 -19.34(3064)/degC 11 2048')).toMatchObject({
      gain: -19.34,
      baseline: 3064,
    });
    expect(parse('a.dat 16 10/mmHg/s')).toMatchObject({ units: 'mmHg/s' });
  });

  it('applies WFDB defaults: gain 0 → 200, ADC resolution 0 → the format default', () => {
    expect(parse('bw.dat 212 0 12 0 -29 -3562 0 BW noise')).toMatchObject({
      gain: 200,
      adcResolution: 12,
    });
    expect(parse('1.dat 16 1716(6)/mV 0 0 -120 -32198 0 i')).toMatchObject({ adcResolution: 16 });
    expect(parse('n.dat 24 2.4011e-11/nV')).toMatchObject({
      initialValue: 0,
      checksum: null,
      description: null,
      adcResolution: 24,
    });
    expect(parse('a.dat 16')).toMatchObject({ gain: 200, units: 'mV', baseline: 0 });
  });

  it('accepts checksums written unsigned (PTB-XL) or signed', () => {
    expect(parse('a.dat 16 1000.0(0)/mV 16 0 64 64758 0 III').checksum).toBe(64758);
    expect(parse('a.dat 212 200 11 1024 995 -22131 0 MLII').checksum).toBe(-22131);
  });

  it('keeps comments in order, noting which preceded the record line', () => {
    const h = parseHeader('# first\n100 0 360\n\n# 69 M 1085 1629 x1\n#<age>: 51\n', '100.hea');
    expect(h.comments).toEqual(['first', '69 M 1085 1629 x1', '<age>: 51']);
    expect(h.commentsBeforeRecordLine).toBe(1);
  });

  it('handles CRLF line ends and trailing spaces', () => {
    const h = parseHeader('r 1 125 4 \r\nr.dat 212 2000 12 0 67 -11266 0 MCL1 \r\n', 'r.hea');
    expect(h.signals[0].description).toBe('MCL1');
  });
});

describe('parseHeader: errors name the file, line and problem', () => {
  const cases: [string, string][] = [
    [
      '100 2 360 650000\n100.dat 212 2x00 11 1024 995 -22131 0 MLII\n',
      "100.hea line 2: bad gain '2x00'",
    ],
    [
      '100 2 360\n100.dat 212 200 11 1024 995 -22131 0 MLII\n',
      '100.hea line 1: record line announces 2 signals but 1 signal lines follow',
    ],
    ['100 1 360\n100.dat 212\n100.dat 212\n', '100.hea line 3: more signal lines than the 1'],
    ['100 1 0\n', '100.hea line 1: sampling frequency must be positive'],
    ['100 1 -360\n', '100.hea line 1: sampling frequency must be positive'],
    ['100 1 1e300\n', 'implausibly high'],
    ['100 1 abc\n', "100.hea line 1: bad sampling frequency 'abc'"],
    ['100 1000000000 360\n', '100.hea line 1: number of signals 1000000000 is out of range'],
    ['100 1e9 360\n', "100.hea line 1: bad number of signals '1e9'"],
    ['100 1 360 -5\n', 'number of samples -5 is out of range'],
    ['100 1 360 12.5\n', "bad number of samples '12.5'"],
    ['100 1 360 10 25:00:00\n', "bad base time '25:00:00'"],
    ['100 1 360 10 10:00:00 31/13/2000\n', "bad base date '31/13/2000'"],
    ['100 1 360 10\n100.dat 212x0\n', 'samples per frame 0 is out of range'],
    ['100 1 360 10\n100.dat 212y\n', "bad format '212y'"],
    [
      '100 1 360 10\n../100.dat 212\n',
      "signal file name '../100.dat' is not a plain relative name",
    ],
    ['100 1 360 10\n/etc/passwd 212\n', 'is not a plain relative name'],
    ['100/2 1 360\nseg 10\n', '100.hea line 1: record line announces 2 segments but 1 are listed'],
    ['100/2 1 360\nseg ten\n~ 5\n', "100.hea line 2: bad segment length 'ten'"],
    ['# only a comment\n', '100.hea: has no record line'],
    ['', '100.hea: has no record line'],
  ];
  it.each(cases)('%j', (text, message) => {
    const err = thrown(() => parseHeader(text, '100.hea'));
    expect(err).toBeInstanceOf(WfdbHeaderError);
    expect(err.message).toContain(message);
  });

  it('exposes file and line on the error', () => {
    const err = thrown(() =>
      parseHeader('r 1 360\nr.dat 16 bad!\n', 'data/r.hea'),
    ) as WfdbHeaderError;
    expect(err.file).toBe('data/r.hea');
    expect(err.line).toBe(2);
  });
});

describe('decodeHeaderText', () => {
  it('rejects binary files', () => {
    const err = thrown(() => decodeHeaderText(new Uint8Array([0x31, 0x00, 0x32]), 'x.hea'));
    expect(err).toBeInstanceOf(WfdbHeaderError);
    expect(err.message).toBe('x.hea: is not a text header (contains binary data)');
  });

  it('rejects absurdly large headers without decoding them', () => {
    const err = thrown(() => decodeHeaderText(new Uint8Array(5 * 1024 * 1024).fill(0x20), 'x.hea'));
    expect(err.message).toContain('too large for a header');
  });

  it('falls back to Latin-1 for stray 8-bit characters', () => {
    expect(decodeHeaderText(new Uint8Array([0x75, 0xb5, 0x56]), 'x.hea')).toBe('uµV');
  });
});
