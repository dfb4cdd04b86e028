/**
 * Format readers: bytes in, ParsedRecording out. Only WFDB is implemented today. Nothing here
 * touches the file system (see fs-source.ts for the one adapter that does).
 */
import type { FileSource } from './source';
import type { ParsedRecording } from './types';
import { readWfdbRecording } from './wfdb/record';

export type { FileSource } from './source';
export { fileSourceFromMap } from './source';
export * from './errors';
export { decodeHeaderText, parseHeader } from './wfdb/header';
export type {
  WfdbHeader,
  WfdbSignalSpec,
  WfdbSegmentSpec,
  WfdbRecordLine,
} from './wfdb/header-types';
export { decodeSignal } from './wfdb/decode';
export { parseAnnotations } from './wfdb/annotations';
export type { ParsedAnnotationFile } from './wfdb/annotations';
export { BEAT_SYMBOLS } from './wfdb/annotation-codes';

/** Reads the recording whose entry file is `entryName` (e.g. "100.hea"). Throws FormatError. */
export function readRecording(source: FileSource, entryName: string): ParsedRecording {
  return readWfdbRecording(source, entryName);
}

/** Whether a file starts a recording the importer should read (today: WFDB headers). */
export function isRecordingEntry(fileName: string): boolean {
  return /\.hea$/i.test(fileName);
}
