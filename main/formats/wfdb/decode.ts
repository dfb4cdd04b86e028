/**
 * Decoding of WFDB signal file bytes into digital sample values (signal(5)). Works on the flat,
 * interleaved stream: the caller splits frames into signals. One tight loop per format and no
 * per-sample allocation, because a 30-minute record is over a million samples.
 */
import { bytesForSamples } from './signal-formats';

/**
 * Decodes the first `n` samples of `bytes` (which start at the first sample, i.e. after any
 * byte offset). For format 8 the values are the stored first differences; see
 * integrateDifferences. Throws RangeError when `bytes` is too short: callers check sizes first.
 */
export function decodeSignal(bytes: Uint8Array, format: number, n: number): Int32Array {
  const needed = bytesForSamples(format, n);
  if (bytes.length < needed) {
    throw new RangeError(
      `format ${format}: ${n} samples need ${needed} bytes, got ${bytes.length}`,
    );
  }
  const out = new Int32Array(n);
  switch (format) {
    case 8:
      for (let k = 0; k < n; k++) out[k] = (bytes[k] << 24) >> 24;
      break;
    case 80:
      for (let k = 0; k < n; k++) out[k] = bytes[k] - 128;
      break;
    case 16:
      for (let k = 0, b = 0; k < n; k++, b += 2)
        out[k] = ((bytes[b] | (bytes[b + 1] << 8)) << 16) >> 16;
      break;
    case 61:
      for (let k = 0, b = 0; k < n; k++, b += 2)
        out[k] = ((bytes[b + 1] | (bytes[b] << 8)) << 16) >> 16;
      break;
    case 160:
      for (let k = 0, b = 0; k < n; k++, b += 2) out[k] = (bytes[b] | (bytes[b + 1] << 8)) - 32768;
      break;
    case 24:
      for (let k = 0, b = 0; k < n; k++, b += 3) {
        out[k] = ((bytes[b] | (bytes[b + 1] << 8) | (bytes[b + 2] << 16)) << 8) >> 8;
      }
      break;
    case 32:
      for (let k = 0, b = 0; k < n; k++, b += 4) {
        out[k] = bytes[b] | (bytes[b + 1] << 8) | (bytes[b + 2] << 16) | (bytes[b + 3] << 24);
      }
      break;
    case 212:
      decode212(bytes, out);
      break;
    case 310:
      decode310(bytes, out);
      break;
    case 311:
      decode311(bytes, out);
      break;
    default:
      throw new RangeError(`cannot decode format ${format}`);
  }
  return out;
}

/** Sign-extends the low `bits` bits of `v`. */
function signExtend(v: number, bits: number): number {
  const shift = 32 - bits;
  return (v << shift) >> shift;
}

/** Pairs of 12-bit samples in 3 bytes: low 8 bits, then two high nibbles in the middle byte. */
function decode212(bytes: Uint8Array, out: Int32Array): void {
  const n = out.length;
  let k = 0;
  let b = 0;
  for (; k + 1 < n; k += 2, b += 3) {
    const mid = bytes[b + 1];
    out[k] = signExtend(bytes[b] | ((mid & 0x0f) << 8), 12);
    out[k + 1] = signExtend(bytes[b + 2] | ((mid & 0xf0) << 4), 12);
  }
  if (k < n) out[k] = signExtend(bytes[b] | ((bytes[b + 1] & 0x0f) << 8), 12);
}

/**
 * Triplets of 10-bit samples in two little-endian 16-bit words: samples 0 and 1 are bits 1-10
 * of words 0 and 1; sample 2 is their top 5 bits (word 0's as its low half).
 */
function decode310(bytes: Uint8Array, out: Int32Array): void {
  const n = out.length;
  for (let k = 0, b = 0; k < n; k += 3, b += 4) {
    const w0 = bytes[b] | (bytes[b + 1] << 8);
    out[k] = signExtend((w0 >> 1) & 0x3ff, 10);
    if (k + 1 >= n) break;
    const w1 = bytes[b + 2] | (bytes[b + 3] << 8);
    out[k + 1] = signExtend((w1 >> 1) & 0x3ff, 10);
    if (k + 2 >= n) break;
    out[k + 2] = signExtend(((w0 >> 11) & 0x1f) | (((w1 >> 11) & 0x1f) << 5), 10);
  }
}

/** Triplets of 10-bit samples in one little-endian 32-bit word: bits 0-9, 10-19, 20-29. */
function decode311(bytes: Uint8Array, out: Int32Array): void {
  const n = out.length;
  for (let k = 0, b = 0; k < n; k += 3, b += 4) {
    const lo = bytes[b] | (bytes[b + 1] << 8);
    out[k] = signExtend(lo & 0x3ff, 10);
    if (k + 1 >= n) break;
    const b2 = bytes[b + 2];
    out[k + 1] = signExtend((lo >> 10) | ((b2 & 0x0f) << 6), 10);
    if (k + 2 >= n) break;
    out[k + 2] = signExtend((b2 >> 4) | ((bytes[b + 3] & 0x3f) << 4), 10);
  }
}

/**
 * Format 8 stores first differences. Turns them into sample values in place: `frameSignal[p]`
 * is the signal that position p of each frame belongs to, `initial[s]` that signal's starting
 * value (the header's initial value). Sums are not wrapped, matching the WFDB library.
 */
export function integrateDifferences(
  values: Int32Array,
  frameSignal: readonly number[],
  initial: readonly number[],
): void {
  const frameLength = frameSignal.length;
  const running = initial.slice();
  for (let base = 0; base + frameLength <= values.length; base += frameLength) {
    for (let p = 0; p < frameLength; p++) {
      const s = frameSignal[p];
      running[s] += values[base + p];
      values[base + p] = running[s];
    }
  }
}
