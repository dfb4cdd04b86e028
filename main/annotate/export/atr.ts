/**
 * Writes beats as a WFDB MIT-format annotation file (annot(5)), readable by any WFDB tool
 * (rdann, wfdb-python) and by main/formats/wfdb/annotations.ts. Each annotation is one
 * little-endian 16-bit word: the type code in the top 6 bits and the time since the previous
 * annotation in the low 10. An interval above 1023 samples is first given by a SKIP word
 * (code 59) followed by the 32-bit interval as two little-endian words, high word first,
 * after which the annotation's own interval is 0. A 0 word ends the file. SUB, CHN and NUM
 * stay 0 for every beat, so no pseudo-annotations for them are written.
 */
import type { BeatLabel } from '@common/types';
import { MIT_CODE } from '../symbols';

const CODE_SKIP = 59;
const MAX_INTERVAL = 1023;

export function encodeAtr(beats: readonly { sample: number; label: BeatLabel }[]): Uint8Array {
  const sorted = [...beats].sort((a, b) => a.sample - b.sample);
  // Worst case 6 bytes per beat (SKIP + interval + annotation) plus the end word.
  const out = Buffer.alloc(sorted.length * 6 + 2);
  let pos = 0;
  let time = 0;
  const word = (w: number): void => {
    out.writeUInt16LE(w, pos);
    pos += 2;
  };
  for (const b of sorted) {
    if (!Number.isInteger(b.sample) || b.sample < 0 || b.sample > 0x7fffffff) {
      throw new RangeError(`sample ${b.sample} cannot be written to an annotation file`);
    }
    let interval = b.sample - time;
    if (interval > MAX_INTERVAL) {
      word(CODE_SKIP << 10);
      word((interval >>> 16) & 0xffff);
      word(interval & 0xffff);
      interval = 0;
    }
    word((MIT_CODE[b.label] << 10) | interval);
    time = b.sample;
  }
  word(0);
  return new Uint8Array(out.buffer, out.byteOffset, pos);
}
