/**
 * Planning the read of one single-segment record (or one segment of a multi-segment record):
 * read the files and check their sizes against the header before anything is decoded
 * (segment-decode.ts). Multi-segment reading plans every segment before allocating the
 * output, so a missing or truncated file fails fast and cheaply.
 */
import { UnsupportedFormatError, WfdbHeaderError, WfdbSignalError } from '../errors';
import type { ReadContext } from './context';
import { pathOf, readRequired } from './context';
import { decodeFlacSignals } from './flac-signals';
import type { WfdbHeader, WfdbSignalSpec } from './header-types';
import {
  FLAC_FORMATS,
  NULL_FORMAT,
  SUPPORTED_FORMATS,
  bytesForSamples,
  samplesInBytes,
} from './signal-formats';

/** Signals stored together in one file, interleaved frame by frame. */
export interface FileGroup {
  /** Path relative to the source, for messages. */
  path: string;
  bytes: Uint8Array;
  format: number;
  byteOffset: number;
  /** Indexes into the header's signals, in storage order. */
  signals: number[];
  /** Stored samples per frame (sum of the signals' samples per frame). */
  frameLength: number;
  /**
   * FLAC formats only: the file already decompressed, in uncompressed signal-file order (its
   * size is what planning checks); null for the byte formats, decoded later.
   */
  decoded: Int32Array | null;
}

export interface SegmentPlan {
  header: WfdbHeader;
  /** Frames per signal the segment yields. */
  frames: number;
  groups: FileGroup[];
}

export function isNullSignal(spec: WfdbSignalSpec): boolean {
  return spec.fileName === '~' || spec.format === NULL_FORMAT;
}

/** Reads the segment's files and checks them against the header; decodes nothing yet. */
export function planSegment(
  header: WfdbHeader,
  ctx: ReadContext,
  /** Frames to read; defaults to the header's count, else what the file sizes hold. */
  framesWanted: number | null = header.record.sampleCount,
): SegmentPlan {
  checkFormatsSupported(header);
  const maxSkew = Math.max(0, ...header.signals.map((s) => s.skew));
  const groups = groupByFile(header).map((signals): FileGroup => {
    const first = header.signals[signals[0]];
    const path = pathOf(ctx, first.fileName);
    const bytes = readRequired(ctx, first.fileName, header.fileName);
    const { format, byteOffset } = first;
    // Skewed signals read up to maxSkew frames past the end, so those are decoded too.
    const decoded = FLAC_FORMATS.has(format)
      ? decodeFlacSignals(
          { path, bytes, format, sampleOffset: byteOffset, signals },
          header,
          framesWanted === null ? null : framesWanted + maxSkew,
        )
      : null;
    const frameLength = signals.reduce((n, i) => n + header.signals[i].samplesPerFrame, 0);
    return { path, bytes, format, byteOffset, signals, frameLength, decoded };
  });
  const frames = framesWanted ?? framesFromFileSizes(groups);
  for (const group of groups) checkFileSize(group, frames, header.fileName);
  return { header, frames, groups };
}

function checkFormatsSupported(header: WfdbHeader): void {
  header.signals.forEach((spec, i) => {
    if (isNullSignal(spec) || SUPPORTED_FORMATS.has(spec.format)) return;
    const problem = `signal ${i} (${spec.description ?? 'unnamed'}): unknown signal format ${spec.format}`;
    throw new UnsupportedFormatError(header.fileName, problem, spec.line);
  });
}

/**
 * Groups the signals that share a file. WFDB requires them to be listed together and to use
 * one format; the byte offset of the first one applies to the file.
 */
function groupByFile(header: WfdbHeader): number[][] {
  const groups: number[][] = [];
  const seen = new Set<string>();
  let current: number[] | null = null;
  for (let i = 0; i < header.signals.length; i++) {
    const spec = header.signals[i];
    if (isNullSignal(spec)) {
      current = null;
      continue;
    }
    const previous = current ? header.signals[current[0]] : null;
    if (current && previous && previous.fileName === spec.fileName) {
      if (spec.format !== previous.format) {
        const problem = `signal ${i} is in ${spec.fileName} with format ${spec.format}, but that file's format is ${previous.format}`;
        throw new WfdbHeaderError(header.fileName, problem, spec.line);
      }
      current.push(i);
      continue;
    }
    if (seen.has(spec.fileName)) {
      const problem = `signals of ${spec.fileName} must be listed together`;
      throw new WfdbHeaderError(header.fileName, problem, spec.line);
    }
    seen.add(spec.fileName);
    current = [i];
    groups.push(current);
  }
  return groups;
}

/** When the header gives no sample count: whole frames in the shortest file. */
function framesFromFileSizes(groups: FileGroup[]): number {
  if (groups.length === 0) return 0;
  return Math.min(...groups.map(storedFrames));
}

/** Whole frames the group's file holds (past its byte offset). */
export function storedFrames(group: FileGroup): number {
  const samples =
    group.decoded?.length ??
    samplesInBytes(group.format, Math.max(0, group.bytes.length - group.byteOffset));
  return Math.floor(samples / group.frameLength);
}

function checkFileSize(group: FileGroup, frames: number, headerName: string): void {
  if (group.decoded) {
    const held = storedFrames(group);
    if (held >= frames) return;
    throw new WfdbSignalError(
      group.path,
      `truncated: ${headerName} needs ${frames} samples per signal, the FLAC stream holds ${held}`,
    );
  }
  const needed = bytesForSamples(group.format, frames * group.frameLength);
  const available = group.bytes.length - group.byteOffset;
  if (available >= needed) return;
  const from = group.byteOffset ? ` from byte ${group.byteOffset}` : '';
  throw new WfdbSignalError(
    group.path,
    `truncated: ${headerName} needs ${frames} samples per signal (${needed} bytes${from}), ` +
      `the file has ${group.bytes.length} bytes`,
  );
}
