/**
 * SCP-ECG (EN 1064 / ISO 11073-91064) reader: bytes in, ParsedRecording out. See
 * main/formats/README.md "SCP-ECG decisions" for what is and is not supported.
 */
import { crcCcitt } from './crc';
import { RECORD_HEADER_BYTES, SECTION_HEADER_BYTES } from './limits';

export { ScpEcgError } from './errors';
export { readScpEcgRecording } from './record';

/**
 * Cheap check that `bytes` starts like an SCP-ECG record: a record length that fits the file,
 * and a section 0 header right after it whose length fits and whose CRC matches. Does not
 * decode anything else (the record CRC would mean reading the whole file).
 */
export function looksLikeScpEcg(bytes: Uint8Array): boolean {
  if (bytes.length < RECORD_HEADER_BYTES + SECTION_HEADER_BYTES) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const recordLength = view.getUint32(2, true);
  if (recordLength > bytes.length || recordLength < RECORD_HEADER_BYTES + SECTION_HEADER_BYTES) {
    return false;
  }
  const at = RECORD_HEADER_BYTES;
  const length = view.getUint32(at + 4, true);
  if (view.getUint16(at + 2, true) !== 0 || at + length > recordLength) return false;
  if (length < SECTION_HEADER_BYTES + 10) return false; // at least one pointer
  return view.getUint16(at, true) === crcCcitt(bytes, at + 2, at + length);
}
