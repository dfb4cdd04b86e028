/**
 * XLI, the Philips waveform compression: the payload is a run of per-lead chunks, each
 *
 *   int32 LE  size of the compressed data that follows
 *   int16 LE  unknown (1 in the samples; ignored)
 *   int16 LE  initial value of the second-difference predictor
 *   size bytes of LZW data (10-bit codes, see lzw.ts)
 *
 * The LZW output holds 16-bit codes split in two halves (all high bytes, then all low bytes,
 * which compresses better since most high bytes are 0). The codes are second differences
 * biased by 64: sample[i] = 2·sample[i-1] − sample[i-2] − (code[i-1] − 64), with the first two
 * codes being the first two samples and the header value standing in for code[1].
 * Algorithm as documented by sierra-ecg-tools (C. Watford, MIT); implementation is our own.
 */
import { lzwDecode } from './lzw';

const CHUNK_HEADER_BYTES = 8;
/** Bias of the stored second differences. */
const DELTA_BIAS = 64;
const INT16_MIN = -32768;
const INT16_MAX = 32767;

/** Where a lead's chunk failed; the caller adds file and lead name. */
export interface XliProblem {
  lead: number;
  problem: string;
}

/** One chunk: its header fields and compressed bytes, or a problem. */
function readChunk(
  data: Uint8Array,
  offset: number,
): { start: number; body: Uint8Array; end: number } | { problem: string } {
  const left = data.length - offset;
  if (left < CHUNK_HEADER_BYTES) {
    return { problem: `XLI chunk header needs ${CHUNK_HEADER_BYTES} bytes, ${left} left` };
  }
  const view = new DataView(data.buffer, data.byteOffset + offset, CHUNK_HEADER_BYTES);
  const size = view.getInt32(0, true);
  const start = view.getInt16(6, true);
  const bodyLeft = left - CHUNK_HEADER_BYTES;
  if (size < 0 || size > bodyLeft) {
    return { problem: `XLI chunk declares ${size} bytes, ${bodyLeft} left` };
  }
  const from = offset + CHUNK_HEADER_BYTES;
  return { start, body: data.subarray(from, from + size), end: from + size };
}

/** Rejoins the split halves into signed 16-bit codes (high bytes first half, low second). */
function unpack(bytes: Uint8Array, count: number): Int32Array {
  const codes = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    codes[i] = (((bytes[i] << 8) | bytes[i + count]) << 16) >> 16;
  }
  return codes;
}

/**
 * Undoes the biased second-difference coding in place. Returns false when a sample leaves the
 * 16-bit range the codes were made from: a second-difference integrator turns any corruption
 * into a runaway ramp, so this catches most damaged payloads LZW itself cannot detect.
 */
function undoDeltas(values: Int32Array, start: number): boolean {
  let x = values[0];
  let y = values[1];
  let last = start;
  for (let i = 2; i < values.length; i++) {
    const z = 2 * y - x - last;
    last = values[i] - DELTA_BIAS;
    if (z < INT16_MIN || z > INT16_MAX) return false;
    values[i] = z;
    x = y;
    y = z;
  }
  return true;
}

/** Decodes one lead chunk to exactly `samples` values. */
function decodeChunk(
  start: number,
  body: Uint8Array,
  samples: number,
): Int32Array | { problem: string } {
  const bytes = lzwDecode(body, samples * 2);
  if (!(bytes instanceof Uint8Array)) return bytes;
  if (bytes.length !== samples * 2) {
    return { problem: `XLI chunk holds ${bytes.length >> 1} samples, expected ${samples}` };
  }
  const values = unpack(bytes, samples);
  if (!undoDeltas(values, start)) return { problem: 'XLI data decodes to out-of-range samples' };
  return values;
}

/**
 * Decodes an XLI payload and returns its first `leads` chunks, `samples` values each. Devices
 * often store 16 chunks for 12 leads (the spare channels hold only a calibration mark); those
 * are decoded too, only to check that the payload is intact, then dropped.
 */
export function decodeXli(
  data: Uint8Array,
  leads: number,
  samples: number,
  maxChunks: number,
): Int32Array[] | XliProblem {
  const out: Int32Array[] = [];
  let offset = 0;
  for (let lead = 0; offset < data.length || lead < leads; lead++) {
    if (lead >= maxChunks) return { lead, problem: `more than ${maxChunks} XLI chunks` };
    const chunk = readChunk(data, offset);
    if ('problem' in chunk) return { lead, problem: chunk.problem };
    const values = decodeChunk(chunk.start, chunk.body, samples);
    if (!(values instanceof Int32Array)) return { lead, problem: values.problem };
    if (lead < leads) out.push(values);
    offset = chunk.end;
  }
  return out;
}
