/**
 * WFDB signal files in the FLAC formats 508, 516 and 524 (8, 16 and 24 bits; signal(5), WFDB
 * 10.7): one FLAC stream per file, one FLAC channel per signal, all signals of the file with the
 * same samples per frame, FLAC sample f·spf + k of channel j being sample k of WFDB frame f of
 * signal j. The "byte offset" of such a file counts FLAC samples. The result is in the order of
 * an uncompressed signal file, so demultiplexing, skew and checksums stay the same code.
 */
import { WfdbHeaderError, WfdbSignalError } from '../errors';
import type { WfdbHeader } from './header-types';
import { MAX_TOTAL_SAMPLES } from './limits';
import { decodeFlac, type FlacStreamInfo } from './flac/stream';
import { FlacError } from './flac/errors';

export interface FlacFile {
  /** Path for messages. */
  path: string;
  bytes: Uint8Array;
  format: number;
  /** FLAC samples per channel to skip (the header's byte offset). */
  sampleOffset: number;
  /** Indexes into the header's signals, in storage order. */
  signals: number[];
}

/**
 * Decodes the file into interleaved frames (dat-file order): every frame it holds, or only the
 * first `maxFrames` when that is given.
 */
export function decodeFlacSignals(
  file: FlacFile,
  header: WfdbHeader,
  maxFrames: number | null,
): Int32Array {
  const specs = file.signals.map((i) => header.signals[i]);
  const spf = specs[0].samplesPerFrame;
  if (specs.some((s) => s.samplesPerFrame !== spf)) {
    const problem = `the signals of ${file.path} (FLAC) must all have the same samples per frame`;
    throw new WfdbHeaderError(header.fileName, problem, specs[0].line);
  }
  const nSig = specs.length;
  const want = maxFrames === null ? Infinity : file.sampleOffset + maxFrames * spf;
  const limit = Math.floor(MAX_TOTAL_SAMPLES / nSig);
  let channels: Int32Array[];
  try {
    const decoded = decodeFlac(file.bytes, { maxSamples: want, limitSamples: limit });
    checkStream(decoded.info, file, nSig);
    channels = decoded.channels;
  } catch (e) {
    if (e instanceof FlacError) throw new WfdbSignalError(file.path, `FLAC: ${e.message}`);
    throw e;
  }
  const frames = Math.max(0, Math.floor((channels[0].length - file.sampleOffset) / spf));
  const flat = new Int32Array(frames * nSig * spf);
  for (let j = 0; j < nSig; j++) {
    const ch = channels[j];
    for (let f = 0; f < frames; f++) {
      const src = file.sampleOffset + f * spf;
      const dst = (f * nSig + j) * spf;
      for (let k = 0; k < spf; k++) flat[dst + k] = ch[src + k];
    }
  }
  return flat;
}

function checkStream(info: FlacStreamInfo, file: FlacFile, nSig: number): void {
  if (info.channels !== nSig) {
    throw new FlacError(
      `the stream has ${info.channels} channels, the header lists ${nSig} signals in it`,
    );
  }
  const maxBits = file.format - 500;
  if (info.bitsPerSample > maxBits) {
    throw new FlacError(
      `${info.bitsPerSample}-bit samples in a format ${file.format} file (at most ${maxBits})`,
    );
  }
}
