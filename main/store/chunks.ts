/**
 * The on-disk form of signal chunks: little-endian int16 or int32 digital samples. int16 is
 * used when every valid sample of the lead lies in [-32767, 32767]; the "no sample" marker
 * (INVALID_SAMPLE in memory) is then stored as -32768, as in WFDB format 16.
 */
import { INVALID_SAMPLE } from '../formats/types';
import type { SampleType } from './types';

export const DEFAULT_CHUNK_LEN = 8192;
const INVALID_INT16 = -32768;
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function bytesPerSample(type: SampleType): number {
  return type === 'int16' ? 2 : 4;
}

export function chooseSampleType(digital: Int32Array): SampleType {
  for (let i = 0; i < digital.length; i++) {
    const v = digital[i];
    if (v !== INVALID_SAMPLE && (v < -32767 || v > 32767)) return 'int32';
  }
  return 'int16';
}

/** Encodes samples [start, end) of `digital`; the caller has checked that `type` fits. */
export function encodeChunk(
  digital: Int32Array,
  start: number,
  end: number,
  type: SampleType,
): Buffer {
  const n = end - start;
  if (type === 'int32') {
    if (littleEndian) return Buffer.from(digital.buffer, digital.byteOffset + start * 4, n * 4);
    const out = Buffer.allocUnsafe(n * 4);
    for (let i = 0; i < n; i++) out.writeInt32LE(digital[start + i], i * 4);
    return out;
  }
  const out = Buffer.allocUnsafe(n * 2);
  if (littleEndian) {
    const view = new Int16Array(out.buffer, out.byteOffset, n);
    for (let i = 0; i < n; i++) {
      const v = digital[start + i];
      view[i] = v === INVALID_SAMPLE ? INVALID_INT16 : v;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = digital[start + i];
      out.writeInt16LE(v === INVALID_SAMPLE ? INVALID_INT16 : v, i * 2);
    }
  }
  return out;
}

/** Number of samples in an encoded chunk. */
export function chunkSamples(data: Uint8Array, type: SampleType): number {
  return data.byteLength / bytesPerSample(type);
}

/**
 * Decodes samples [from, to) of a chunk into `target` at `at`, mapping the stored "no sample"
 * marker back to INVALID_SAMPLE.
 */
export function decodeChunkInto(
  data: Uint8Array,
  type: SampleType,
  from: number,
  to: number,
  target: Int32Array,
  at: number,
): void {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (type === 'int32') {
    if (littleEndian && data.byteOffset % 4 === 0) {
      target.set(new Int32Array(data.buffer, data.byteOffset + from * 4, to - from), at);
      return;
    }
    for (let i = from; i < to; i++) target[at + i - from] = view.getInt32(i * 4, true);
    return;
  }
  if (littleEndian && data.byteOffset % 2 === 0) {
    const src = new Int16Array(data.buffer, data.byteOffset + from * 2, to - from);
    for (let i = 0; i < src.length; i++) {
      const v = src[i];
      target[at + i] = v === INVALID_INT16 ? INVALID_SAMPLE : v;
    }
    return;
  }
  for (let i = from; i < to; i++) {
    const v = view.getInt16(i * 2, true);
    target[at + i - from] = v === INVALID_INT16 ? INVALID_SAMPLE : v;
  }
}
