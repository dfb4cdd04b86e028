/**
 * Bounds-checked little-endian reads. Every read of a section goes through a ByteRange whose
 * limits are the section's own, so a bad offset or count inside one section can never read
 * another section's bytes or run off the buffer; it throws an ScpEcgError naming the place.
 */
import { ScpEcgError } from './errors';

export class ByteRange {
  private readonly view: DataView;

  /**
   * @param what how the error message names this range, e.g. "section 6"
   * @param start first byte (absolute offset into `bytes`)
   * @param end one past the last byte (absolute)
   */
  constructor(
    readonly bytes: Uint8Array,
    readonly fileName: string,
    readonly what: string,
    readonly start: number,
    readonly end: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.end - this.start;
  }

  /** Throws unless `count` bytes starting `at` (relative to the range) lie inside it. */
  need(at: number, count: number, field: string): void {
    if (at < 0 || count < 0 || at + count > this.length) {
      const left = Math.max(0, this.length - Math.max(0, at));
      throw this.error(
        `${this.what}: ${field} at offset ${at} needs ${count} bytes, only ${left} left`,
      );
    }
  }

  u8(at: number, field: string): number {
    this.need(at, 1, field);
    return this.bytes[this.start + at];
  }

  u16(at: number, field: string): number {
    this.need(at, 2, field);
    return this.view.getUint16(this.start + at, true);
  }

  i16(at: number, field: string): number {
    this.need(at, 2, field);
    return this.view.getInt16(this.start + at, true);
  }

  u32(at: number, field: string): number {
    this.need(at, 4, field);
    return this.view.getUint32(this.start + at, true);
  }

  /** A sub-range [at, at + count) of this range, checked; `name` names it in later errors. */
  sub(at: number, count: number, field: string, name = field): ByteRange {
    this.need(at, count, field);
    return new ByteRange(this.bytes, this.fileName, name, this.start + at, this.start + at + count);
  }

  error(problem: string): ScpEcgError {
    return new ScpEcgError(this.fileName, problem);
  }
}
