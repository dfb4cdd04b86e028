/**
 * Formats that keep a whole recording in one file (HL7 aECG, Philips XML, SCP-ECG, DICOM,
 * EDF/BDF).
 * They are recognised by content, not by name: HL7 aECG and Philips both end in .xml, and
 * carts write .SCP / .dcm in either case. The extension only says which files are worth
 * opening when a folder is searched.
 */
import type { RecordingFormat } from '@common/types';
import { looksLikeDicom, readDicomEcgRecording } from './dicom';
import { looksLikeEdf, readEdfRecording } from './edf';
import { looksLikeHl7Aecg, readHl7AecgRecording } from './hl7-aecg';
import { looksLikePhilipsXml, readPhilipsXmlRecording } from './philips-xml';
import { looksLikeScpEcg, readScpEcgRecording } from './scp-ecg';
import type { ParsedRecording } from './types';

export interface SingleFileReader {
  format: RecordingFormat;
  /** As shown to users, e.g. "HL7 aECG". */
  label: string;
  /** Cheap check on the file's first bytes (SNIFF_BYTES are enough). */
  looksLike(bytes: Uint8Array): boolean;
  /** Pure reader; throws a FormatError naming `fileName`. */
  read(bytes: Uint8Array, fileName: string): ParsedRecording;
}

export const SINGLE_FILE_READERS: readonly SingleFileReader[] = [
  {
    format: 'hl7-aecg',
    label: 'HL7 aECG',
    looksLike: looksLikeHl7Aecg,
    read: readHl7AecgRecording,
  },
  {
    format: 'philips-xml',
    label: 'Philips XML',
    looksLike: looksLikePhilipsXml,
    read: readPhilipsXmlRecording,
  },
  { format: 'scp-ecg', label: 'SCP-ECG', looksLike: looksLikeScpEcg, read: readScpEcgRecording },
  { format: 'dicom', label: 'DICOM', looksLike: looksLikeDicom, read: readDicomEcgRecording },
  { format: 'edf', label: 'EDF/BDF', looksLike: looksLikeEdf, read: readEdfRecording },
];

/** How much of a file the sniffers need (an XML prolog with long comments fits in this). */
export const SNIFF_BYTES = 64 * 1024;

/** Names of the single-file formats (content still decides which reader, if any). */
export function isSingleFileCandidate(fileName: string): boolean {
  return /\.(xml|scp|dcm|edf|bdf)$/i.test(fileName);
}

/**
 * Whether a name alone says the file is meant to be a recording. .scp, .dcm, .edf and .bdf are;
 * .xml is not (schemas, reports and settings are XML too), so an .xml counts only when its
 * content does.
 */
export function isEcgByName(fileName: string): boolean {
  return /\.(scp|dcm|edf|bdf)$/i.test(fileName);
}

/** The reader whose format the bytes look like, or null. */
export function singleFileReaderFor(bytes: Uint8Array): SingleFileReader | null {
  const head = bytes.subarray(0, SNIFF_BYTES);
  return SINGLE_FILE_READERS.find((r) => r.looksLike(head)) ?? null;
}

/**
 * The reader a name points to when the content is not recognised: a damaged or non-compliant
 * .scp / .dcm then fails with its reader's own diagnosis (e.g. "record length … runs past the
 * end of the file") instead of a generic "not a recording". .xml has two candidates: none.
 */
export function singleFileReaderByName(fileName: string): SingleFileReader | null {
  const format = /\.scp$/i.test(fileName)
    ? 'scp-ecg'
    : /\.dcm$/i.test(fileName)
      ? 'dicom'
      : /\.(edf|bdf)$/i.test(fileName)
        ? 'edf'
        : null;
  return SINGLE_FILE_READERS.find((r) => r.format === format) ?? null;
}

/** "WFDB (.hea), HL7 aECG, Philips XML, SCP-ECG, DICOM or EDF/BDF", for messages. */
export const READABLE_FORMATS = `WFDB (.hea), ${SINGLE_FILE_READERS.slice(0, -1)
  .map((r) => r.label)
  .join(', ')} or ${SINGLE_FILE_READERS[SINGLE_FILE_READERS.length - 1].label}`;
