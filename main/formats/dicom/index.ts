/**
 * DICOM waveform reader (12-lead ECG and General ECG IODs, PS3.3 A.34): one multiplex group
 * of the Waveform Sequence becomes a ParsedRecording. Pure: bytes in, recording out.
 */
import type { ParsedRecording } from '../types';
import { readPart10 } from './data-set';
import { annotationComments, patientFacts, startTime } from './facts';
import type { ValueContext } from './values';
import { decodeMultiplex, selectMultiplex } from './waveform';
import { recordNameOf } from '../record-name';

export { looksLikeDicom } from './data-set';
export { DicomError } from './errors';

/** Reads a DICOM ECG file; `fileName` names it in errors and gives the record name. */
export function readDicomEcgRecording(bytes: Uint8Array, fileName: string): ParsedRecording {
  const file = readPart10(bytes, fileName);
  const ctx: ValueContext = { file, fileName };
  const top = file.dataSet;
  const wave = decodeMultiplex(ctx, selectMultiplex(ctx, top));
  return {
    format: 'dicom',
    recordName: recordNameOf(fileName),
    fs: wave.fs,
    samples: wave.samples,
    leads: wave.leads,
    startTime: startTime(ctx, top),
    comments: annotationComments(ctx, top),
    patient: patientFacts(ctx, top),
    annotations: {},
  };
}
