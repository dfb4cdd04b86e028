import { describe, expect, it } from 'vitest';
import { INVALID_SAMPLE } from '../../../main/formats/types';
import { chooseSampleType, decodeChunkInto, encodeChunk } from '../../../main/store/chunks';

describe('signal chunks', () => {
  it('uses int16 only when every valid sample fits (the int16 minimum is the "no sample" marker)', () => {
    expect(chooseSampleType(Int32Array.of(-32767, 0, 32767, INVALID_SAMPLE))).toBe('int16');
    expect(chooseSampleType(Int32Array.of(-32768))).toBe('int32');
    expect(chooseSampleType(Int32Array.of(32768))).toBe('int32');
    expect(chooseSampleType(new Int32Array(0))).toBe('int16');
  });

  for (const type of ['int16', 'int32'] as const) {
    it(`${type}: round-trips whole and partial chunks, "no sample" included`, () => {
      const big = type === 'int32' ? 1_000_000 : 1000;
      const digital = Int32Array.from({ length: 100 }, (_, i) =>
        i % 13 === 0 ? INVALID_SAMPLE : ((i - 50) * big) / 50,
      );
      const blob = encodeChunk(digital, 10, 90, type);
      expect(blob.byteLength).toBe(80 * (type === 'int16' ? 2 : 4));
      const whole = new Int32Array(80);
      decodeChunkInto(blob, type, 0, 80, whole, 0);
      expect([...whole]).toEqual([...digital.subarray(10, 90)]);
      const part = new Int32Array(12).fill(5);
      decodeChunkInto(blob, type, 30, 40, part, 2);
      expect([...part]).toEqual([5, 5, ...digital.subarray(40, 50)]);
    });
  }

  it('decodes from an unaligned buffer', () => {
    const blob = encodeChunk(Int32Array.of(1, -2, 3), 0, 3, 'int32');
    const shifted = new Uint8Array(blob.byteLength + 1);
    shifted.set(blob, 1);
    const out = new Int32Array(3);
    decodeChunkInto(shifted.subarray(1), 'int32', 0, 3, out, 0);
    expect([...out]).toEqual([1, -2, 3]);
  });
});
