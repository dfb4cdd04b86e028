import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BEAT_SYMBOLS, WfdbAnnotationError, parseAnnotations } from '../../../main/formats';
import { dataPath, describeWithData } from '../../helpers/data';
import { GOOD_ANNOTATIONS } from './fixtures/build';

/** One annotation word: 6-bit code, 10-bit value, little-endian. */
const word = (code: number, value: number): number[] => [value & 0xff, (code << 2) | (value >> 8)];
const aux = (s: string): number[] => {
  const bytes = [...new TextEncoder().encode(s)];
  return [...word(63, bytes.length), ...bytes, ...(bytes.length % 2 ? [0] : [])];
};
/** SKIP: code 59, then the 32-bit interval as two little-endian words, high word first. */
const skip = (n: number): number[] => {
  const u = n < 0 ? n + 2 ** 32 : n;
  const high = Math.floor(u / 65536);
  const low = u % 65536;
  return [...word(59, 0), high & 0xff, high >> 8, low & 0xff, low >> 8];
};
const parse = (bytes: number[]) => parseAnnotations(Uint8Array.from(bytes), 'x.atr');

describe('parseAnnotations (synthetic streams)', () => {
  it('reads times, CHN, NUM and AUX; CHN and NUM carry over, AUX does not', () => {
    const { annotations, timeResolution } = parseAnnotations(GOOD_ANNOTATIONS, 'rec.atr');
    expect(timeResolution).toBeNull();
    expect(annotations).toEqual([
      { sample: 3, symbol: 'N', subtype: 0, chan: 1, num: 7, aux: '(N' },
      { sample: 8, symbol: 'V', subtype: 0, chan: 1, num: 7, aux: '' },
    ]);
  });

  it('reads SUB as a signed value that applies to one annotation only', () => {
    const { annotations } = parse([...word(1, 1), ...word(61, 0xff), ...word(1, 1), ...word(0, 0)]);
    expect(annotations.map((a) => a.subtype)).toEqual([-1, 0]);
  });

  it('adds SKIP intervals, including ones beyond 32 bits in total and negative ones', () => {
    expect(parse([...skip(100000), ...word(1, 5)]).annotations[0].sample).toBe(100005);
    const far = [...skip(2 ** 31 - 1), ...skip(2 ** 31 - 1), ...skip(2), ...word(5, 0)];
    expect(parse(far).annotations[0].sample).toBe(2 ** 32);
    // gqrs writes "SKIP -1" then a code-0 word of +1 to return to time 0.
    const back = [...word(1, 10), ...skip(-1), ...word(0, 1), ...word(1, 0)];
    expect(parse(back).annotations.map((a) => a.sample)).toEqual([10, 10]);
  });

  it('stops at the 0 word, ignoring what follows, and accepts a missing terminator', () => {
    expect(parse([...word(1, 1), 0, 0, 0xff, 0xff]).annotations).toHaveLength(1);
    expect(parse([...word(1, 1)]).annotations).toHaveLength(1);
    expect(parse([]).annotations).toEqual([]);
  });

  it('strips the NUL that terminates AUX strings', () => {
    expect(parse([...word(28, 18), ...aux('(N\0')]).annotations[0].aux).toBe('(N');
  });

  it('drops time-0 "## time resolution" notes and reports the resolution', () => {
    const bytes = [...word(22, 0), ...aux('## time resolution: 500'), ...word(1, 250)];
    const { annotations, timeResolution } = parse(bytes);
    expect(timeResolution).toBe(500);
    expect(annotations).toEqual([
      { sample: 250, symbol: 'N', subtype: 0, chan: 0, num: 0, aux: '' },
    ]);
  });

  it('applies custom type definitions and drops them', () => {
    const bytes = [
      ...word(22, 0),
      ...aux('## annotation type definitions'),
      ...word(22, 0),
      ...aux('42 c calibration pulse\n'),
      ...word(22, 0),
      ...aux('## end of definitions'),
      ...word(42, 10),
      ...word(45, 1),
      ...word(22, 1),
      ...aux('note'),
    ];
    expect(parse(bytes).annotations.map((a) => [a.sample, a.symbol, a.aux])).toEqual([
      [10, 'c', ''],
      [11, '[45]', ''],
      [12, '"', 'note'],
    ]);
  });

  it('keeps ordinary notes at time 0', () => {
    const bytes = [...word(22, 0), ...aux('gqrs -r 100'), ...word(1, 64)];
    expect(parse(bytes).annotations.map((a) => a.symbol)).toEqual(['"', 'N']);
  });

  it.each([
    [
      'an odd byte count',
      [...word(1, 1), 0x05],
      'x.atr: odd number of bytes (not an annotation file?) at byte 2',
    ],
    ['a truncated SKIP', [...word(59, 0), 1, 0], 'x.atr: truncated SKIP at byte 0'],
    [
      'a truncated AUX',
      [...word(1, 1), ...word(63, 32), 0x41, 0x42],
      'x.atr: truncated AUX string at byte 2',
    ],
    [
      'a pseudo-annotation first',
      [...word(62, 1), ...word(1, 1)],
      'x.atr: pseudo-annotation 62 before any annotation at byte 0',
    ],
    [
      'a negative time',
      [...skip(-5), ...word(1, 1)],
      'x.atr: annotation before the start of the record at byte 6',
    ],
  ])('rejects %s', (_, bytes, message) => {
    expect(() => parse(bytes)).toThrow(WfdbAnnotationError);
    expect(() => parse(bytes)).toThrow(message);
  });
});

describe('parseAnnotations limits', () => {
  it('refuses files with more than 2 million annotations instead of exhausting memory', () => {
    const bytes = new Uint8Array(2 * 2_000_001).fill(0);
    for (let i = 0; i < bytes.length; i += 2) bytes[i + 1] = 0x04; // N, +0
    expect(() => parseAnnotations(bytes, 'big.atr')).toThrow(
      'big.atr: more than 2000000 annotations',
    );
  });
});

describeWithData('wfdb-samples', 'parseAnnotations (wfdb-python sample files)', () => {
  const read = (name: string) =>
    parseAnnotations(readFileSync(dataPath('wfdb-samples', name)), name).annotations;

  it('100.atr: 2273 beats (N 2239, A 33, V 1, as published for MIT-BIH record 100) + 1 rhythm', () => {
    const annotations = read('100.atr');
    expect(annotations).toHaveLength(2274);
    expect(annotations.filter((a) => BEAT_SYMBOLS.has(a.symbol))).toHaveLength(2273);
    const counts = new Map<string, number>();
    for (const a of annotations) counts.set(a.symbol, (counts.get(a.symbol) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ '+': 1, N: 2239, A: 33, V: 1 });
    expect(annotations[0]).toEqual({
      sample: 18,
      symbol: '+',
      subtype: 0,
      chan: 0,
      num: 0,
      aux: '(N',
    });
  });

  it('huge.qrs: SKIPs adding up to 10^10 samples', () => {
    expect(read('huge.qrs')).toEqual([
      { sample: 1e10, symbol: 'N', subtype: 0, chan: 0, num: 0, aux: '' },
    ]);
  });

  it('12726.anI: notes on channel 255 after a long SKIP', () => {
    // Hand-decoded from the first bytes: SKIP 0x000154c8, NOTE, CHN 255, AUX (21 bytes).
    expect(read('12726.anI')[0]).toEqual({
      sample: 87240,
      symbol: '"',
      subtype: 0,
      chan: 255,
      num: 0,
      aux: 'Initiate slow tilt up',
    });
  });

  it('1003.atr: custom definitions are consumed, first beat at 73', () => {
    const annotations = read('1003.atr');
    expect(annotations[0]).toMatchObject({ sample: 73, symbol: 'N', aux: ' ' });
    expect(annotations.some((a) => a.aux.startsWith('## '))).toBe(false);
  });

  it('03700181.gqrsh declares its 500 Hz time resolution', () => {
    const file = readFileSync(dataPath('wfdb-samples', '03700181.gqrsh'));
    expect(parseAnnotations(file, '03700181.gqrsh').timeResolution).toBe(500);
  });
});
