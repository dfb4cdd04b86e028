/**
 * The record frame: the 6-byte record header (CRC, length), section 0's pointer table, and the
 * 16-byte ID header of every section it points to. Everything is checked here (bounds, IDs,
 * lengths, CRCs) so the section parsers only ever see a verified ByteRange.
 */
import { ByteRange } from './bytes';
import { crcCcitt } from './crc';
import { ScpEcgError } from './errors';
import { RECORD_HEADER_BYTES, SECTION_HEADER_BYTES } from './limits';

/** One section, verified: `data` is its bytes after the 16-byte ID header. */
export interface ScpSection {
  id: number;
  /** Absolute offset of the ID header. */
  offset: number;
  length: number;
  version: number;
  protocolVersion: number;
  data: ByteRange;
}

/** Sections by ID. */
export type ScpSections = Map<number, ScpSection>;

const POINTER_BYTES = 10;

/** Verifies the record header and CRC, then every section section 0 points to. */
export function readSections(bytes: Uint8Array, fileName: string): ScpSections {
  const recordLength = checkRecordHeader(bytes, fileName);
  const record = new ByteRange(bytes, fileName, 'record', 0, recordLength);
  const section0 = readSectionHeader(record, 0, RECORD_HEADER_BYTES, null);
  const sections: ScpSections = new Map([[0, section0]]);
  for (const pointer of readPointers(section0)) {
    if (pointer.id === 0) {
      if (pointer.index !== RECORD_HEADER_BYTES + 1) {
        throw record.error(`section 0 points to itself at byte ${pointer.index}, not 7`);
      }
      continue;
    }
    if (pointer.length === 0) continue; // a listed but absent section
    if (sections.has(pointer.id)) {
      throw record.error(`section 0 lists section ${pointer.id} twice`);
    }
    // Pointer indexes are 1-based byte positions in the record (EN 1064 clause 5.3).
    const offset = pointer.index - 1;
    if (pointer.index < 1 || offset + pointer.length > recordLength) {
      throw record.error(
        `section ${pointer.id} (${pointer.length} bytes at byte ${pointer.index}) lies outside the record (${recordLength} bytes)`,
      );
    }
    sections.set(pointer.id, readSectionHeader(record, pointer.id, offset, pointer.length));
  }
  return sections;
}

/** Record length after checking it against the file and the record CRC. */
function checkRecordHeader(bytes: Uint8Array, fileName: string): number {
  const minimum = RECORD_HEADER_BYTES + SECTION_HEADER_BYTES;
  if (bytes.length < minimum) {
    throw new ScpEcgError(
      fileName,
      bytes.length === 0
        ? 'file is empty'
        : `file is ${bytes.length} bytes, too short for an SCP-ECG record (at least ${minimum})`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const recordLength = view.getUint32(2, true);
  if (recordLength > bytes.length) {
    throw new ScpEcgError(
      fileName,
      `record length ${recordLength} runs past the end of the file (${bytes.length} bytes)` +
        swappedHint(view, bytes.length),
    );
  }
  if (recordLength < minimum) {
    throw new ScpEcgError(
      fileName,
      `record length ${recordLength} is too small (at least ${minimum})`,
    );
  }
  const stored = view.getUint16(0, true);
  const computed = crcCcitt(bytes, 2, recordLength);
  if (stored !== computed) {
    throw new ScpEcgError(
      fileName,
      `CRC mismatch in the record header (stored ${hex(stored)}, computed ${hex(computed)})`,
    );
  }
  return recordLength;
}

/**
 * Some consumer devices (seen in Healforce exports) write the record length with its two
 * 16-bit halves swapped; say so, since the bare number would puzzle a user.
 */
function swappedHint(view: DataView, fileLength: number): string {
  const swapped = view.getUint16(2, true) * 0x10000 + view.getUint16(4, true);
  return swapped > 0 && swapped <= fileLength
    ? `; read with its 16-bit halves swapped it would be ${swapped}, which EN 1064 does not allow (non-compliant writer)`
    : '';
}

interface Pointer {
  id: number;
  length: number;
  index: number;
}

function readPointers(section0: ScpSection): Pointer[] {
  const { data } = section0;
  const count = Math.floor(data.length / POINTER_BYTES);
  if (count === 0) throw data.error('section 0 has no section pointers');
  const pointers: Pointer[] = [];
  for (let i = 0; i < count; i++) {
    const at = i * POINTER_BYTES;
    pointers.push({
      id: data.u16(at, 'pointer'),
      length: data.u32(at + 2, 'pointer'),
      index: data.u32(at + 6, 'pointer'),
    });
  }
  return pointers;
}

/**
 * Checks the 16-byte ID header at `offset`: section ID, length (against the pointer, when
 * there is one) and CRC. `pointerLength` is null for section 0, which has no pointer yet.
 */
function readSectionHeader(
  record: ByteRange,
  id: number,
  offset: number,
  pointerLength: number | null,
): ScpSection {
  const name = `section ${id}`;
  const header = record.sub(offset, SECTION_HEADER_BYTES, `${name} ID header`);
  const storedId = header.u16(2, 'ID');
  if (storedId !== id) {
    throw record.error(
      `${name} pointer leads to a header of section ${storedId} at byte ${offset + 1}`,
    );
  }
  const length = header.u32(4, 'length');
  if (pointerLength !== null && length !== pointerLength) {
    throw record.error(
      `${name} length ${length} differs from the ${pointerLength} bytes section 0 gives`,
    );
  }
  if (length < SECTION_HEADER_BYTES || offset + length > record.end) {
    const left = record.end - offset;
    throw record.error(
      `${name} length ${length} runs past the end of the record (${left} bytes left)`,
    );
  }
  const stored = header.u16(0, 'CRC');
  const computed = crcCcitt(record.bytes, offset + 2, offset + length);
  if (stored !== computed) {
    throw record.error(
      `CRC mismatch in ${name} (stored ${hex(stored)}, computed ${hex(computed)})`,
    );
  }
  return {
    id,
    offset,
    length,
    version: header.u8(8, 'version'),
    protocolVersion: header.u8(9, 'protocol version'),
    data: record.sub(offset + SECTION_HEADER_BYTES, length - SECTION_HEADER_BYTES, name),
  };
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(4, '0')}`;
}
