/**
 * Format readers: bytes in, ParsedRecording out. WFDB (a header plus signal and annotation
 * files) and the single-file formats of single-file.ts. Nothing here touches the file system
 * (see fs-source.ts for the one adapter that does).
 */
import { MissingFileError, UnsupportedFormatError } from './errors';
import {
  isEcgByName,
  isSingleFileCandidate,
  READABLE_FORMATS,
  singleFileReaderByName,
  singleFileReaderFor,
} from './single-file';
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

export { READABLE_FORMATS, SINGLE_FILE_READERS, SNIFF_BYTES } from './single-file';

/**
 * Reads the recording whose entry file is `entryName` ("100.hea", "data/1.hea", "ecg.xml",
 * "rest.SCP"). A .hea is WFDB; anything else is recognised by its content. Throws FormatError.
 */
export function readRecording(source: FileSource, entryName: string): ParsedRecording {
  if (/\.hea$/i.test(entryName)) return readWfdbRecording(source, entryName);
  const bytes = source.read(entryName);
  if (bytes === null) throw new MissingFileError(entryName, 'file not found');
  const reader = singleFileReaderFor(bytes) ?? singleFileReaderByName(entryName);
  if (!reader) {
    throw new UnsupportedFormatError(
      entryName,
      `not a recording ECG Desk reads (${READABLE_FORMATS})`,
    );
  }
  return reader.read(bytes, entryName);
}

/**
 * Whether a file name may start a recording: a WFDB header, or a name the single-file formats
 * use (whose content still decides; see isRecordingFile).
 */
export function isRecordingEntry(fileName: string): boolean {
  return /\.hea$/i.test(fileName) || isSingleFileCandidate(fileName);
}

/**
 * Whether a file found while searching a folder (or among dropped files) is a recording to
 * import: every .hea, .scp and .dcm (a broken one should fail with its reader's message, not
 * vanish), and an .xml whose first bytes look like HL7 aECG or Philips XML (other XML is passed
 * over). `head` returns at least the file's first SNIFF_BYTES (null when unreadable).
 */
export function isRecordingFile(fileName: string, head: () => Uint8Array | null): boolean {
  if (/\.hea$/i.test(fileName) || isEcgByName(fileName)) return true;
  return isSingleFileCandidate(fileName) && looksLikeRecording(head());
}

/** Whether bytes (a file's start) look like one of the single-file formats, whatever its name. */
export function looksLikeRecording(head: Uint8Array | null): boolean {
  return head !== null && singleFileReaderFor(head) !== null;
}
