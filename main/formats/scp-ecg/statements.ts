/**
 * Section 8: the device's full-text interpretive statements, offered as comments. Layout
 * (EN 1064 clause 5.10): confirmation flag, date (4 bytes), time (3 bytes), statement count,
 * then per statement a sequence number, a 2-byte length and NUL-terminated text.
 *
 * Unlike the signal sections this one is read leniently (reading stops at the first
 * inconsistency): the statements are an extra, and a malformed one should not hide the ECG.
 * Sections 10 and 11 (coded measurements and statement codes) are not read.
 */
import type { ByteRange } from './bytes';

const FIRST_STATEMENT = 9;

export function readStatements(s: ByteRange | null): string[] {
  if (s === null || s.length < FIRST_STATEMENT) return [];
  const count = s.bytes[s.start + FIRST_STATEMENT - 1];
  const out: string[] = [];
  let at = FIRST_STATEMENT;
  for (let i = 0; i < count && at + 3 <= s.length; i++) {
    const length = s.u16(at + 1, 'statement length');
    if (at + 3 + length > s.length) break;
    const text = decodeText(s.bytes.subarray(s.start + at + 3, s.start + at + 3 + length));
    if (text) out.push(text);
    at += 3 + length;
  }
  return out;
}

/** ISO 8859-1 up to the first NUL, control characters turned into spaces. */
function decodeText(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    if (b === 0) break;
    out += b < 0x20 ? ' ' : String.fromCharCode(b);
  }
  return out.replace(/\s+/g, ' ').trim();
}
