/**
 * Section 6 (rhythm data): amplitude multiplier, sample interval, difference encoding, and one
 * byte stream per lead, decoded to the lead's stored integers.
 */
import type { ByteRange } from './bytes';
import { huffmanDecode, type Encoding } from './huffman';
import type { LeadDefinition } from './leads';

export interface RhythmData {
  /** Nanovolts per least significant bit. */
  amplitudeNv: number;
  /** Microseconds between samples. */
  intervalUs: number;
  /** Decoded digital samples, one array per lead of section 3, in order. */
  leads: Int32Array[];
}

const HEADER_BYTES = 6;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

export function readRhythm(s: ByteRange, defs: LeadDefinition[], encoding: Encoding): RhythmData {
  const amplitudeNv = s.u16(0, 'amplitude value multiplier');
  const intervalUs = s.u16(2, 'sample time interval');
  const difference = s.u8(4, 'difference data flag');
  const bimodal = s.u8(5, 'bimodal compression flag');
  if (amplitudeNv === 0) throw s.error('section 6 amplitude value multiplier is 0');
  if (intervalUs === 0) throw s.error('section 6 sample time interval is 0');
  if (difference > 2) throw s.error(`section 6 difference data flag is ${difference} (0, 1 or 2)`);
  if (bimodal !== 0) throw s.error('bimodal compression (section 6) is not supported');
  s.need(HEADER_BYTES, defs.length * 2, `byte lengths of ${defs.length} leads`);
  const leads: Int32Array[] = [];
  let at = HEADER_BYTES + defs.length * 2;
  defs.forEach((def, i) => {
    const bytes = s.u16(HEADER_BYTES + i * 2, 'lead byte length');
    const data = s.sub(at, bytes, `lead ${def.name} data`, `section 6 lead ${def.name}`);
    leads.push(decodeLead(data, def, encoding, difference));
    at += bytes;
  });
  return { amplitudeNv, intervalUs, leads };
}

function decodeLead(
  data: ByteRange,
  def: LeadDefinition,
  encoding: Encoding,
  difference: number,
): Int32Array {
  const count = def.last - def.first + 1;
  const fail = (problem: string) => data.error(`section 6 lead ${def.name}: ${problem}`);
  // Every code is at least one bit (or two bytes raw): refuse before allocating.
  const capacity = encoding.kind === 'raw16' ? data.length / 2 : data.length * 8;
  if (count > capacity) {
    throw fail(`${count} samples cannot fit in ${data.length} bytes`);
  }
  const values =
    encoding.kind === 'raw16'
      ? readRaw16(data, count)
      : huffmanDecode(data, encoding.tables, count, fail);
  return undoDifferences(values, difference, fail);
}

function readRaw16(data: ByteRange, count: number): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = data.i16(i * 2, 'sample');
  return out;
}

/**
 * Difference encoding (EN 1064 clause 5.7): with 1 the first value is stored as is and the
 * rest as x[n] - x[n-1]; with 2 the first two as is and the rest as x[n] - 2x[n-1] + x[n-2].
 * Corrupt data can make the sums grow without bound, so leaving Int32 range (or hitting
 * INT32_MIN, which means INVALID_SAMPLE downstream) is an error.
 */
function undoDifferences(
  v: Int32Array,
  difference: number,
  fail: (problem: string) => Error,
): Int32Array {
  if (difference === 0) return v;
  const out = new Int32Array(v.length);
  for (let n = 0; n < v.length; n++) {
    let x: number;
    if (n < difference) x = v[n];
    else if (difference === 1) x = v[n] + out[n - 1];
    else x = v[n] + 2 * out[n - 1] - out[n - 2];
    if (x <= INT32_MIN || x > INT32_MAX) throw fail(`sample ${n} decodes out of range (${x})`);
    out[n] = x;
  }
  return out;
}
