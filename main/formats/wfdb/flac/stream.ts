/**
 * A FLAC stream (RFC 9639) decoded to one Int32Array per channel: the "fLaC" marker, the
 * metadata blocks (only STREAMINFO is read), then frames until the end of the bytes or until
 * `maxSamples` per channel are decoded. Every frame's header CRC-8 and CRC-16 are checked, so a
 * flipped bit is reported as corruption instead of becoming wrong samples.
 */
import { BitReader } from './bits';
import { crc16, crc8 } from './crc';
import { FlacError } from './errors';
import { decodeSubframe } from './subframe';

export interface FlacStreamInfo {
  sampleRateHz: number;
  channels: number;
  bitsPerSample: number;
  /** Samples per channel; null when the encoder did not know (0 in STREAMINFO). */
  totalSamples: number | null;
  maxBlockSize: number;
}

export interface DecodedFlac {
  info: FlacStreamInfo;
  /** One array per channel, all of the same length. */
  channels: Int32Array[];
}

const STREAMINFO = 0;
/** Largest block a frame header can state (16-bit size code + 1). */
const MAX_BLOCK = 65_536;

export interface DecodeOptions {
  /** Stop after this many samples per channel (default: all). */
  maxSamples?: number;
  /**
   * Refuse (FlacError) a stream that would decode to more samples per channel than this: a few
   * KB of constant subframes can stand for gigabytes of samples.
   */
  limitSamples?: number;
}

/** Decodes `bytes` into one array per channel. */
export function decodeFlac(bytes: Uint8Array, options: DecodeOptions = {}): DecodedFlac {
  const { maxSamples = Infinity, limitSamples = Infinity } = options;
  const r = new BitReader(bytes);
  if (bytes.length < 4 || r.bits(32) !== 0x664c6143)
    throw new FlacError('not a FLAC stream (no "fLaC" marker)');
  const info = readMetadata(r);
  const total = info.totalSamples;
  const want = Math.min(maxSamples, total ?? Infinity);
  const tooMany = (count: number) =>
    new FlacError(
      `decodes to ${count} or more samples per channel, more than the ${limitSamples} allowed`,
    );
  if (total !== null && want > limitSamples) throw tooMany(want);
  // Grown as frames arrive rather than sized from STREAMINFO: a small corrupt file could
  // otherwise claim (and allocate) far more than it holds.
  let capacity = Math.max(1, Math.min(want, 1 << 20));
  let channels = Array.from({ length: info.channels }, () => new Int32Array(capacity));
  let n = 0;
  const scratch = Array.from({ length: info.channels }, () => new Int32Array(MAX_BLOCK));
  for (let frame = 0; n < want && !r.atEnd; frame++) {
    const size = decodeFrame(r, bytes, info, scratch, frame);
    const take = Math.min(size, want - n);
    if (n + take > limitSamples) throw tooMany(n + take);
    if (n + take > capacity) {
      capacity = Math.max(n + take, Math.min(2 * capacity, want, limitSamples));
      channels = channels.map((c) => grow(c, capacity));
    }
    channels.forEach((c, k) => c.set(scratch[k].subarray(0, take), n));
    n += take;
  }
  if (info.totalSamples !== null && n < want) {
    throw new FlacError(
      `truncated: STREAMINFO promises ${info.totalSamples} samples, the frames hold ${n}`,
    );
  }
  return { info, channels: channels.map((c) => (c.length === n ? c : c.slice(0, n))) };
}

function grow(a: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(capacity);
  b.set(a);
  return b;
}

function readMetadata(r: BitReader): FlacStreamInfo {
  let info: FlacStreamInfo | null = null;
  for (let last = false; !last;) {
    last = r.bits(1) === 1;
    const type = r.bits(7);
    const length = r.bits(24);
    const start = r.bytePos;
    if (type === STREAMINFO) info = readStreamInfo(r, length);
    else if (type === 127) throw new FlacError('invalid metadata block type 127');
    r.pos = (start + length) * 8;
    if (r.atEnd && !last) throw new FlacError('truncated: the stream ends inside its metadata');
  }
  if (info === null) throw new FlacError('no STREAMINFO block');
  return info;
}

function readStreamInfo(r: BitReader, length: number): FlacStreamInfo {
  if (length < 34) throw new FlacError(`STREAMINFO is ${length} bytes, not 34`);
  r.bits(16); // minimum block size
  const maxBlockSize = r.bits(16);
  r.bits(24); // minimum frame size
  r.bits(24); // maximum frame size
  const sampleRateHz = r.bits(20);
  const channels = r.bits(3) + 1;
  const bitsPerSample = r.bits(5) + 1;
  const total = r.bits(4) * 2 ** 32 + r.bits(32);
  if (bitsPerSample < 4) throw new FlacError(`${bitsPerSample} bits per sample is invalid`);
  return {
    sampleRateHz,
    channels,
    bitsPerSample,
    totalSamples: total === 0 ? null : total,
    maxBlockSize,
  };
}

const BLOCK_SIZES = [
  0, 192, 576, 1152, 2304, 4608, -8, -16, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768,
];
const SAMPLE_SIZES = [0, 8, 12, -1, 16, 20, 24, 32];

/** Decodes one frame into `out` (one array per channel); returns its block size. */
function decodeFrame(
  r: BitReader,
  bytes: Uint8Array,
  info: FlacStreamInfo,
  out: Int32Array[],
  index: number,
): number {
  const start = r.bytePos;
  const where = `frame ${index} (byte ${start})`;
  if (r.bits(15) !== 0x7ffc) throw new FlacError(`${where}: no frame sync code (corrupt stream)`);
  r.bits(1); // blocking strategy: fixed or variable, the same to a decoder
  const blockCode = r.bits(4);
  const rateCode = r.bits(4);
  const assignment = r.bits(4);
  const sizeCode = r.bits(3);
  if (r.bits(1) !== 0) throw new FlacError(`${where}: reserved header bit set`);
  skipCodedNumber(r, where);
  let blockSize = BLOCK_SIZES[blockCode];
  if (blockSize === 0) throw new FlacError(`${where}: reserved block size code`);
  if (blockSize === -8) blockSize = r.bits(8) + 1;
  else if (blockSize === -16) blockSize = r.bits(16) + 1;
  if (rateCode === 12) r.bits(8);
  else if (rateCode === 13 || rateCode === 14) r.bits(16);
  else if (rateCode === 15) throw new FlacError(`${where}: invalid sample rate code`);
  const headerEnd = r.bytePos;
  if (r.bits(8) !== crc8(bytes, start, headerEnd))
    throw new FlacError(`${where}: header CRC-8 mismatch (corrupt stream)`);

  const bps = sizeCode === 0 ? info.bitsPerSample : SAMPLE_SIZES[sizeCode];
  if (bps < 0) throw new FlacError(`${where}: reserved sample size code`);
  const channels = assignment < 8 ? assignment + 1 : 2;
  if (assignment > 10) throw new FlacError(`${where}: reserved channel assignment ${assignment}`);
  if (channels !== info.channels) {
    throw new FlacError(`${where}: ${channels} channels, STREAMINFO says ${info.channels}`);
  }
  for (let c = 0; c < channels; c++) {
    const side =
      (assignment === 8 && c === 1) ||
      (assignment === 9 && c === 0) ||
      (assignment === 10 && c === 1);
    decodeSubframe(r, blockSize, side ? bps + 1 : bps, out[c]);
  }
  if (assignment >= 8) decorrelate(assignment, out[0], out[1], blockSize);
  r.align();
  const end = r.bytePos;
  if (r.bits(16) !== crc16(bytes, start, end))
    throw new FlacError(`${where}: CRC-16 mismatch (corrupt stream)`);
  return blockSize;
}

/** The frame or sample number, UTF-8-style coded in 1–7 bytes; skipped (frames come in order). */
function skipCodedNumber(r: BitReader, where: string): void {
  const first = r.bits(8);
  const extra = first < 0x80 ? 0 : Math.clz32(~first << 24) - 1;
  if (first >= 0x80 && (extra < 1 || extra > 6))
    throw new FlacError(`${where}: bad coded frame number`);
  for (let i = 0; i < extra; i++) {
    if (r.bits(2) !== 2) throw new FlacError(`${where}: bad coded frame number`);
    r.bits(6);
  }
}

/** Stereo decorrelation: left/side (8), side/right (9), mid/side (10) back to left and right. */
function decorrelate(assignment: number, a: Int32Array, b: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    if (assignment === 8) {
      b[i] = a[i] - b[i];
    } else if (assignment === 9) {
      a[i] = a[i] + b[i];
    } else {
      const side = b[i];
      const mid = a[i] * 2 + (side & 1);
      a[i] = (mid + side) >> 1;
      b[i] = (mid - side) >> 1;
    }
  }
}
