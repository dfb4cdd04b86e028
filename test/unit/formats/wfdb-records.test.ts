/**
 * Whole-record behaviour on small in-memory records: samples per frame, skew, byte offsets,
 * invalid samples, multi-segment layouts, annotation discovery and time scaling.
 */
import { describe, expect, it } from 'vitest';
import { fileSourceFromMap, readRecording } from '../../../main/formats';
import { INVALID_SAMPLE } from '../../../main/formats/types';
import { parsePatientFacts } from '../../../main/formats/wfdb/patient';
import { checksum, encode16 } from './fixtures/build';

const X = INVALID_SAMPLE;
type Files = Record<string, string | Uint8Array>;

function open(files: Files, entry = 'r.hea') {
  const map = new Map<string, Uint8Array>();
  for (const [name, content] of Object.entries(files)) {
    map.set(name, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  return readRecording(fileSourceFromMap(map), entry);
}
const digital = (r: ReturnType<typeof open>) => r.leads.map((l) => Array.from(l.digital));
const word = (code: number, value: number): number[] => [value & 0xff, (code << 2) | (value >> 8)];

describe('single-segment records', () => {
  it('keeps the fastest signal’s rate and holds slower signals (samples per frame)', () => {
    // Frame = [A, B0, B1]; B has 2 samples per frame.
    const r = open({
      'r.hea': `r 2 100 3\nr.dat 16 200 16 0 1 ${checksum([1, 2, 3])} 0 A\nr.dat 16x2 200 16 0 10 ${checksum([10, 11, 12, 13, 14, 15])} 0 B\n`,
      'r.dat': encode16([1, 10, 11, 2, 12, 13, 3, 14, 15]),
    });
    expect(r.fs).toBe(200);
    expect(r.samples).toBe(6);
    expect(digital(r)).toEqual([
      [1, 1, 2, 2, 3, 3],
      [10, 11, 12, 13, 14, 15],
    ]);
  });

  it('applies skew, reading past the end as invalid; the checksum covers the stored column', () => {
    const r = open({
      'r.hea': `r 2 100 4\nr.dat 16 200 16 0 0 ${checksum([0, 1, 2, 3])} 0 A\nr.dat 16:2 200 16 0 0 ${checksum([5, 6, 7, 8])} 0 B\n`,
      'r.dat': encode16([0, 5, 1, 6, 2, 7, 3, 8]),
    });
    expect(digital(r)).toEqual([
      [0, 1, 2, 3],
      [7, 8, X, X],
    ]);
  });

  it('skips the byte offset and maps each format’s invalid marker', () => {
    const header = `r 1 100 3\nr.dat 16+4 200 16 0 7 ${checksum([7, -32768, 9])} 0 A\n`;
    const r = open({
      'r.hea': header,
      'r.dat': Uint8Array.from([9, 9, 9, 9, ...encode16([7, -32768, 9])]),
    });
    expect(digital(r)).toEqual([[7, X, 9]]);
  });

  it('decodes format 8 differences from each signal’s initial value', () => {
    const r = open({
      'r.hea': `r 2 100 3\nr.dat 8 200 8 0 100 ${checksum([101, 102, 104])} 0 A\nr.dat 8 200 8 0 -5 ${checksum([-5, -6, -8])} 0 B\n`,
      'r.dat': Uint8Array.from([1, 0, 1, 0xff, 2, 0xfe]),
    });
    expect(digital(r)).toEqual([
      [101, 102, 104],
      [-5, -6, -8],
    ]);
  });

  it('reads signals spread over several files, and names unnamed signals', () => {
    const r = open({
      'r.hea': 'r 2 100 2\na.dat 16\nb.dat 16\n',
      'a.dat': encode16([1, 2]),
      'b.dat': encode16([3, 4]),
    });
    expect(digital(r)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(r.leads.map((l) => l.name)).toEqual(['signal 0', 'signal 1']);
  });

  it('gives the start time as ISO date-time, or time alone', () => {
    const base = 'a.dat 16\n';
    const withDate = open({
      'r.hea': `r 1 100 1 8:26:04.5 26/10/1994\n${base}`,
      'a.dat': encode16([0]),
    });
    expect(withDate.startTime).toBe('1994-10-26T08:26:04.5');
    const timeOnly = open({ 'r.hea': `r 1 100 1 19:46:25\n${base}`, 'a.dat': encode16([0]) });
    expect(timeOnly.startTime).toBe('19:46:25');
  });
});

describe('annotations beside a record', () => {
  const record = {
    'r.hea': 'r 2 100 2\nr.dat 16 200 16 0 0 0 0 A\nr.dat 16x4 200 16 0 0 0 0 B\n',
    'r.dat': encode16(new Array(10).fill(0)),
  };

  it('converts frame times to samples of the output rate', () => {
    const r = open({ ...record, 'r.atr': Uint8Array.from([...word(1, 1), 0, 0]) });
    expect(r.fs).toBe(400);
    expect(r.annotations.atr[0].sample).toBe(4);
  });

  it('honours a declared time resolution', () => {
    const note = [
      ...word(22, 0),
      ...word(63, 24),
      ...new TextEncoder().encode('## time resolution: 200'),
    ];
    const r = open({ ...record, 'r.qrs': Uint8Array.from([...note, 0, ...word(1, 3), 0, 0]) });
    expect(r.annotations.qrs[0].sample).toBe(6); // 3 ticks at 200 Hz = sample 6 at 400 Hz
  });

  it('finds annotators listed in an ANNOTATORS file, keyed by extension', () => {
    const atr = Uint8Array.from([...word(1, 1), 0, 0]);
    const r = open({ ...record, 'r.mine': atr, 'r.v6': atr, ANNOTATORS: 'mine\tmy own\n' });
    expect(Object.keys(r.annotations).sort()).toEqual(['mine', 'v6']);
  });

  it('never mistakes the record’s own signal file for annotations (e.g. a .ecg signal file)', () => {
    const r = open({ 'r.hea': 'r 1 100 2\nr.ecg 16\n', 'r.ecg': encode16([1, 2]) });
    expect(Array.from(r.leads[0].digital)).toEqual([1, 2]);
    expect(r.annotations).toEqual({});
  });
});

describe('multi-segment records', () => {
  const seg = (name: string, leads: [string, string, number[]][], frames: number, spf = 1) =>
    `${name} ${leads.length} 100 ${frames}\n` +
    leads
      .map(
        ([lead, gain, values]) =>
          `${name}.dat 16${spf > 1 ? `x${spf}` : ''} ${gain} 16 0 ${values[0]} ${checksum(values)} 0 ${lead}`,
      )
      .join('\n') +
    '\n';

  it('variable layout: maps signals by name, rescales gains, fills gaps and absent signals', () => {
    const r = open(
      {
        'm.hea':
          'm/4 2 100 9 10:00:00 01/02/2003\nm_layout 0\na 3\n~ 2\nb 4\n# <age>: 60 <sex>: M\n',
        'm_layout.hea':
          'm_layout 2 100 0\n~ 0 200(0)/mV 12 0 0 0 0 I\n~ 0 100(10)/mV 12 0 0 0 0 II\n',
        'a.hea': seg('a', [['I', '200(0)/mV', [1, 2, 3]]], 3),
        'a.dat': encode16([1, 2, 3]),
        // Swapped order and other gains: II at 50/mV → 100(10)/mV doubles +10; I at 400 → 200 halves.
        'b.hea': seg(
          'b',
          [
            ['II', '50(0)/mV', [5, 6, -7, 8]],
            ['I', '400(0)/mV', [4, 8, 12, -16]],
          ],
          4,
        ),
        'b.dat': encode16([5, 4, 6, 8, -7, 12, 8, -16]),
      },
      'm.hea',
    );
    expect(r).toMatchObject({
      recordName: 'm',
      fs: 100,
      samples: 9,
      startTime: '2003-02-01T10:00:00',
    });
    expect(r.leads.map((l) => [l.name, l.gain, l.baseline])).toEqual([
      ['I', 200, 0],
      ['II', 100, 10],
    ]);
    expect(digital(r)).toEqual([
      [1, 2, 3, X, X, 2, 4, 6, -8],
      [X, X, X, X, X, 20, 22, -4, 26],
    ]);
    expect(r.patient).toEqual({ externalId: null, age: 60, sex: 'M' });
  });

  it('fixed layout: concatenates, sharing one .dat between segments is fine', () => {
    const r = open(
      {
        'f.hea': 'f/2 1 100 5\nc 2\nd 3\n',
        'c.hea': seg('c', [['I', '200', [1, 2, 3, 4]]], 2, 2),
        'c.dat': encode16([1, 2, 3, 4]),
        'd.hea': seg('d', [['I', '200', [7, 8, 9]]], 3),
        'd.dat': encode16([7, 8, 9]),
      },
      'f.hea',
    );
    expect(r.fs).toBe(200);
    expect(digital(r)).toEqual([[1, 2, 3, 4, 7, 7, 8, 8, 9, 9]]);
  });

  it('reports a missing segment header, and a segment whose length disagrees', () => {
    expect(() => open({ 'f.hea': 'f/1 1 100 5\nc 5\n' }, 'f.hea')).toThrow(
      'c.hea: is missing (needed by f.hea)',
    );
    const disagree = {
      'f.hea': 'f/1 1 100 5\nc 5\n',
      'c.hea': seg('c', [['I', '200', [1, 2]]], 2),
      'c.dat': encode16([1, 2]),
    };
    expect(() => open(disagree, 'f.hea')).toThrow(
      'f.hea line 2: segment c has 5 samples here but 2 in c.hea',
    );
  });
});

describe('patient facts from header comments', () => {
  it.each([
    [['69 M 1085 1629 x1', 'Aldomet, Inderal'], 0, { age: 69, sex: 'M' }],
    [['-1 M 742 654 x1'], 0, { age: null, sex: 'M' }],
    [['unnecessary comment', '69 M 1085 1629 x1'], 1, { age: 69, sex: 'M' }],
    [['<age>: 51', '<sex>: F', '<diagnoses>:'], 0, { age: 51, sex: 'F' }],
    [['<age>: 28  <sex>: M  <Height>: 170'], 0, { age: 28, sex: 'M' }],
    [['<age>: ?? <sex>: ?'], 0, { age: null, sex: null }],
    [['', 'age: 81', 'sex: female'], 0, { age: 81, sex: 'F' }],
    [['Voltage: 5', 'Page: 3'], 0, { age: null, sex: null }],
    [["Created by `nst' from records 118 and em"], 0, { age: null, sex: null }],
  ])('%j', (comments, before, expected) => {
    expect(parsePatientFacts(comments, before)).toEqual({ externalId: null, ...expected });
  });
});
