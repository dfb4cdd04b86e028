import { describe, expect, it } from 'vitest';
import { decodeSignal } from '../../../main/formats';
import { integrateDifferences } from '../../../main/formats/wfdb/decode';
import { bytesForSamples, samplesInBytes } from '../../../main/formats/wfdb/signal-formats';

const decode = (format: number, bytes: number[], n: number): number[] =>
  Array.from(decodeSignal(Uint8Array.from(bytes), format, n));

// Expected values are worked out by hand from signal(5), not produced by the decoder.
describe('decodeSignal', () => {
  it('format 8 stores first differences', () => {
    const diffs = decodeSignal(Uint8Array.from([0x05, 0xfb, 0x80]), 8, 3);
    expect(Array.from(diffs)).toEqual([5, -5, -128]);
    integrateDifferences(diffs, [0], [10]);
    expect(Array.from(diffs)).toEqual([15, 10, -118]);
  });

  it('format 8 integrates each signal of a frame separately', () => {
    const values = Int32Array.from([1, 10, 1, 10]);
    integrateDifferences(values, [0, 1], [100, -100]);
    expect(Array.from(values)).toEqual([101, -90, 102, -80]);
  });

  it('format 80 is offset binary', () => {
    expect(decode(80, [0x00, 0x80, 0xff], 3)).toEqual([-128, 0, 127]);
  });

  it('format 16 is little-endian two’s complement', () => {
    expect(decode(16, [0x01, 0x00, 0xff, 0xff, 0x00, 0x80, 0xff, 0x7f], 4)).toEqual([
      1, -1, -32768, 32767,
    ]);
  });

  it('format 61 is big-endian two’s complement', () => {
    expect(decode(61, [0x00, 0x01, 0xff, 0xff, 0x80, 0x00], 3)).toEqual([1, -1, -32768]);
  });

  it('format 160 is little-endian offset binary', () => {
    expect(decode(160, [0x00, 0x80, 0xff, 0xff, 0x00, 0x00], 3)).toEqual([0, 32767, -32768]);
  });

  it('format 24 is 3-byte little-endian', () => {
    expect(decode(24, [1, 0, 0, 0xff, 0xff, 0xff, 0, 0, 0x80], 3)).toEqual([1, -1, -8388608]);
  });

  it('format 32 is 4-byte little-endian', () => {
    expect(decode(32, [1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0x80], 3)).toEqual([
      1, -1, -2147483648,
    ]);
  });

  it('format 212 packs pairs into 3 bytes (MIT-BIH 100.dat starts e3 33 f3 = 995, 1011)', () => {
    expect(decode(212, [0xe3, 0x33, 0xf3], 2)).toEqual([995, 1011]);
    expect(decode(212, [0xff, 0x8f, 0x00], 2)).toEqual([-1, -2048]);
    expect(decode(212, [0xe3, 0x33, 0xf3, 0x01, 0x00], 3)).toEqual([995, 1011, 1]);
  });

  it('format 310 packs 3 samples in two 16-bit words', () => {
    // s0=1, s1=-1, s2=5: word0 = 1<<1 | (5 & 31)<<11 = 0x2802; word1 = 0x3ff<<1 | (5>>5)<<11 = 0x07fe
    expect(decode(310, [0x02, 0x28, 0xfe, 0x07], 3)).toEqual([1, -1, 5]);
    // s2=-512 (0x200): its top 5 bits (0x10) go to the top of word1
    expect(decode(310, [0x02, 0x00, 0xfe, 0x87], 3)).toEqual([1, -1, -512]);
    expect(decode(310, [0x02, 0x28], 1)).toEqual([1]);
  });

  it('format 311 packs 3 samples in one 32-bit word', () => {
    // 1 | 0x3ff<<10 | 0x200<<20 = 0x200ffc01
    expect(decode(311, [0x01, 0xfc, 0x0f, 0x20], 3)).toEqual([1, -1, -512]);
    expect(decode(311, [0x01, 0xfc, 0x0f], 2)).toEqual([1, -1]);
  });

  it('refuses to read past the bytes it is given', () => {
    expect(() => decodeSignal(new Uint8Array(3), 16, 2)).toThrow(RangeError);
    expect(() => decodeSignal(new Uint8Array(2), 212, 2)).toThrow(RangeError);
  });
});

describe('byte layout of the formats', () => {
  const formats = [8, 16, 24, 32, 61, 80, 160, 212, 310, 311];

  it('samplesInBytes inverts bytesForSamples', () => {
    for (const f of formats) {
      for (let n = 1; n < 40; n++) {
        const bytes = bytesForSamples(f, n);
        expect(samplesInBytes(f, bytes), `format ${f}, ${n} samples`).toBeGreaterThanOrEqual(n);
        expect(samplesInBytes(f, bytes - 1), `format ${f}, ${n} samples`).toBeLessThan(n);
      }
    }
  });

  // Facts stated in the comments of the wfdb-python test headers (310derive_3.hea etc.).
  it.each([
    [310, 1020, 1360],
    [310, 1018, 1358],
    [311, 1019, 1359],
    [311, 1018, 1358],
    [212, 999 * 3, 4496],
  ])('format %i: %i samples need %i bytes', (format, n, bytes) => {
    expect(bytesForSamples(format, n)).toBe(bytes);
  });
});
