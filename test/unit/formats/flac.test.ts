/**
 * The FLAC decoder on streams made by the reference encoder from known signals
 * (test/fixtures/flac, remade by scripts/make-flac-fixtures.ts): every sample must come back,
 * and damaged streams must be refused with the reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc16, crc8 } from '../../../main/formats/wfdb/flac/crc';
import { FlacError } from '../../../main/formats/wfdb/flac/errors';
import { decodeFlac } from '../../../main/formats/wfdb/flac/stream';
import { FLAC_FIXTURES } from '../../helpers/flac-fixtures';
import { thrown } from '../../helpers/thrown';

const bytesOf = (name: string) =>
  new Uint8Array(readFileSync(join(__dirname, '..', '..', 'fixtures', 'flac', name)));

describe('decodeFlac', () => {
  it.each(FLAC_FIXTURES.map((f) => [f.name, f] as const))('%s: every sample', (name, f) => {
    const { info, channels } = decodeFlac(bytesOf(name));
    expect(info).toMatchObject({
      channels: f.channels,
      bitsPerSample: f.bitsPerSample,
      sampleRateHz: f.sampleRateHz,
    });
    const expected = f.samples();
    expect(info.totalSamples).toBe(expected[0].length);
    expect(channels).toHaveLength(f.channels);
    channels.forEach((c, k) => expect(c, `channel ${k}`).toEqual(expected[k]));
  });

  it('stops after maxSamples, mid-frame, with the same samples', () => {
    const f = FLAC_FIXTURES[0];
    const { channels } = decodeFlac(bytesOf(f.name), { maxSamples: 2000 });
    const expected = f.samples();
    channels.forEach((c, k) => expect(c).toEqual(expected[k].subarray(0, 2000)));
  });

  it('refuses a stream that decodes to more samples than allowed', () => {
    const f = FLAC_FIXTURES[0];
    expect(thrown(() => decodeFlac(bytesOf(f.name), { limitSamples: 5000 })).message).toBe(
      'decodes to 12000 or more samples per channel, more than the 5000 allowed',
    );
  });

  it('reports a truncated stream, a flipped bit and a file that is not FLAC', () => {
    const bytes = bytesOf(FLAC_FIXTURES[1].name);
    const cut = thrown(() => decodeFlac(bytes.subarray(0, bytes.length >> 1)));
    expect(cut).toBeInstanceOf(FlacError);
    expect(cut.message).toMatch(/^truncated/);

    const flipped = bytes.slice();
    flipped[flipped.length - 1] ^= 0x10; // the last frame's CRC-16
    expect(thrown(() => decodeFlac(flipped)).message).toMatch(
      /^frame \d+ \(byte \d+\): CRC-16 mismatch/,
    );

    const inside = bytes.slice();
    inside[bytes.length >> 1] ^= 0x04; // somewhere in a frame's body
    expect(thrown(() => decodeFlac(inside))).toBeInstanceOf(FlacError);

    expect(thrown(() => decodeFlac(new TextEncoder().encode('RIFF....WAVE'))).message).toBe(
      'not a FLAC stream (no "fLaC" marker)',
    );
    expect(thrown(() => decodeFlac(bytes.subarray(0, 20))).message).toMatch(/^truncated/);
  });

  it('decodes what the reference encoder never writes: escaped partitions, 5-bit Rice parameters, a fixed order-0 predictor', () => {
    const samples = [5, -3, 60, -64, 0, 1, -2, 2];
    expect(Array.from(decodeFlac(handMadeStream(samples)).channels[0])).toEqual(samples);
  });
});

/** MSB-first bit writer for the hand-made stream. */
class BitWriter {
  private readonly bits: number[] = [];
  put(value: number, width: number): this {
    for (let b = width - 1; b >= 0; b--) this.bits.push(Math.floor(value / 2 ** b) & 1);
    return this;
  }
  signed(value: number, width: number): this {
    return this.put(value < 0 ? value + 2 ** width : value, width);
  }
  bytes(): Uint8Array {
    while (this.bits.length % 8) this.bits.push(0);
    return Uint8Array.from({ length: this.bits.length / 8 }, (_, i) =>
      this.bits.slice(8 * i, 8 * i + 8).reduce((v, bit) => 2 * v + bit, 0),
    );
  }
}

/**
 * One mono 8-bit frame of 8 samples: FIXED order 0, residual coding method 1 (5-bit Rice
 * parameters), partition order 1: the first half escaped as raw 7-bit values, the second half
 * Rice-coded with parameter 2 (zigzag-folded).
 */
function handMadeStream(samples: number[]): Uint8Array {
  const info = new BitWriter()
    .put(0x664c6143, 32) // "fLaC"
    .put(1, 1) // last metadata block
    .put(0, 7) // STREAMINFO
    .put(34, 24)
    .put(8, 16) // min block size
    .put(8, 16) // max block size
    .put(0, 24)
    .put(0, 24)
    .put(250, 20) // Hz
    .put(0, 3) // 1 channel
    .put(7, 5) // 8 bits
    .put(0, 4)
    .put(samples.length, 32)
    .put(0, 64)
    .put(0, 64) // MD5 (not checked)
    .bytes();
  const header = new BitWriter()
    .put(0x7ffc, 15)
    .put(0, 1) // fixed block size
    .put(6, 4) // block size: 8-bit (size − 1) follows
    .put(0, 4) // rate from STREAMINFO
    .put(0, 4) // 1 channel
    .put(1, 3) // 8 bits
    .put(0, 1)
    .put(0, 8) // frame number 0
    .put(samples.length - 1, 8)
    .bytes();
  const body = new BitWriter()
    .put(crc8(header, 0, header.length), 8)
    .put(0, 1)
    .put(8, 6) // FIXED, order 0
    .put(0, 1) // no wasted bits
    .put(1, 2) // 5-bit Rice parameters
    .put(1, 4) // partition order 1
    .put(31, 5) // escape
    .put(7, 5); // raw 7-bit values
  const half = samples.length / 2;
  for (const v of samples.slice(0, half)) body.signed(v, 7);
  body.put(2, 5); // Rice parameter 2
  for (const v of samples.slice(half)) {
    const folded = v >= 0 ? 2 * v : -2 * v - 1;
    body
      .put(0, folded >> 2)
      .put(1, 1)
      .put(folded & 3, 2);
  }
  const frameBody = body.bytes();
  const frame = new Uint8Array(header.length + frameBody.length);
  frame.set(header);
  frame.set(frameBody, header.length);
  const crc = crc16(frame, 0, frame.length);
  const out = new Uint8Array(info.length + frame.length + 2);
  out.set(info);
  out.set(frame, info.length);
  out.set([crc >> 8, crc & 0xff], info.length + frame.length);
  return out;
}
