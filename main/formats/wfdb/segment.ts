/**
 * Planning the read of one single-segment record (or one segment of a multi-segment record):
 * read the files and check their sizes against the header before anything is decoded
 * (segment-decode.ts). Multi-segment reading plans every segment before allocating the
 * output, so a missing or truncated file fails fast and cheaply.
 */
import { UnsupportedFormatError, WfdbHeaderError, WfdbSignalError } from '../errors';
import type { ReadContext } from './context';
import { pathOf, readRequired } from './context';
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
  const groups = groupByFile(header).map((signals) => {
    const first = header.signals[signals[0]];
    return {
      path: pathOf(ctx, first.fileName),
      bytes: readRequired(ctx, first.fileName, header.fileName),
      format: first.format,
      byteOffset: first.byteOffset,
      signals,
      frameLength: signals.reduce((n, i) => n + header.signals[i].samplesPerFrame, 0),
    };
  });
  const frames = framesWanted ?? framesFromFileSizes(groups);
  for (const group of groups) checkFileSize(group, frames, header.fileName);
  return { header, frames, groups };
}

function checkFormatsSupported(header: WfdbHeader): void {
  header.signals.forEach((spec, i) => {
    if (isNullSignal(spec) || SUPPORTED_FORMATS.has(spec.format)) return;
    const what = `signal ${i} (${spec.description ?? 'unnamed'})`;
    const problem = FLAC_FORMATS.has(spec.format)
      ? `${what}: FLAC-compressed formats (508/516/524) are not supported`
      : `${what}: unknown signal format ${spec.format}`;
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
  return Math.min(
    ...groups.map((g) =>
      Math.floor(
        samplesInBytes(g.format, Math.max(0, g.bytes.length - g.byteOffset)) / g.frameLength,
      ),
    ),
  );
}

function checkFileSize(group: FileGroup, frames: number, headerName: string): void {
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
