/** HL7 aECG (FDA 2003-12 annotated ECG, XML) reader. */
import type { ParsedRecording } from '../types';
import { readHl7AecgWithLimits } from './parse';

export { Hl7AecgError } from './errors';
export { looksLikeHl7Aecg } from './sniff';

/**
 * Reads an aECG file's rhythm waveforms (or, when it has none, its derived beats) into a
 * ParsedRecording. Pure: `bytes` is the whole file, `fileName` names it in errors and gives
 * the record name. Throws Hl7AecgError (a FormatError).
 */
export function readHl7AecgRecording(bytes: Uint8Array, fileName: string): ParsedRecording {
  return readHl7AecgWithLimits(bytes, fileName);
}
