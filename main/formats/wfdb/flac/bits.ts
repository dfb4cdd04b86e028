/**
 * An MSB-first bit reader over a byte array, as FLAC stores everything. Values up to 32 bits
 * are assembled with multiplication rather than shifts so that a 32-bit field never turns
 * negative; reading past the end throws FlacError (a truncated stream), never returns zeros.
 */
import { FlacError } from './errors';

export class BitReader {
  /** Position in bits from the start of `bytes`. */
  pos: number;
  private readonly bytes: Uint8Array;
  private readonly endBits: number;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.pos = 0;
    this.endBits = bytes.length * 8;
  }

  get bytePos(): number {
    return this.pos >> 3;
  }

  get atEnd(): boolean {
    return this.pos >= this.endBits;
  }

  /** Unsigned value of the next `n` bits, 0 ≤ n ≤ 32. */
  bits(n: number): number {
    if (this.pos + n > this.endBits) throw new FlacError('truncated: the stream ends mid-frame');
    let v = 0;
    let left = n;
    while (left > 0) {
      const offset = this.pos & 7;
      const avail = 8 - offset;
      const take = avail < left ? avail : left;
      const chunk = (this.bytes[this.pos >> 3] >> (avail - take)) & ((1 << take) - 1);
      v = v * (1 << take) + chunk;
      this.pos += take;
      left -= take;
    }
    return v;
  }

  /** Two's-complement value of the next `n` bits, 1 ≤ n ≤ 32. */
  signed(n: number): number {
    const v = this.bits(n);
    return v >= 2 ** (n - 1) ? v - 2 ** n : v;
  }

  /** Count of 0 bits before the next 1 bit (which is consumed). */
  unary(): number {
    let count = 0;
    for (;;) {
      if (this.pos >= this.endBits) throw new FlacError('truncated: the stream ends mid-frame');
      const offset = this.pos & 7;
      // The current byte's unread bits: a whole zero byte is skipped at once (Rice codes of
      // large residuals are long runs of zeros).
      const rest = this.bytes[this.pos >> 3] & (0xff >> offset);
      if (rest === 0) {
        count += 8 - offset;
        this.pos += 8 - offset;
        continue;
      }
      const lead = Math.clz32(rest) - 24 - offset;
      this.pos += lead + 1;
      return count + lead;
    }
  }

  /** Skips to the next byte boundary (frames are byte-aligned). */
  align(): void {
    this.pos = (this.pos + 7) & ~7;
  }
}
