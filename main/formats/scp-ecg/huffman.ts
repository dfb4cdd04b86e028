/**
 * Section 2 Huffman tables and the bit-level decoder (EN 1064 clause 5.5 and annex C).
 *
 * A table is a list of code structures: a prefix code of `prefixBits` bits, then
 * `totalBits - prefixBits` extra bits. Mode 1 entries decode to baseValue plus the extra bits
 * read as a two's-complement number; mode 0 entries switch to table `baseValue` (1-based).
 * Bits are read most significant bit of each byte first.
 */
import type { ByteRange } from './bytes';

export interface HuffmanCode {
  prefixBits: number;
  totalBits: number;
  /** 1 = value, 0 = switch to table `baseValue`. */
  mode: number;
  baseValue: number;
  /** The prefix as an integer whose first-read bit is the most significant. */
  code: number;
}

/** What section 2 says: Huffman tables, or no Huffman coding (2-byte samples). */
export type Encoding = { kind: 'huffman'; tables: HuffmanCode[][] } | { kind: 'raw16' };

/** Section 2's table count that means "the default table of annex C". */
const DEFAULT_TABLE_MARK = 19999;
const STRUCTURE_BYTES = 9;
/** Codes are stored in 4 bytes. Extra bits are capped so base + extra always fits an Int32. */
const MAX_PREFIX_BITS = 32;
const MAX_EXTRA_BITS = 24;

/** Annex C default table: 0 → "0"; ±n (n ≤ 8) → n ones, a zero, a sign bit; then 8/16-bit escapes. */
export const DEFAULT_TABLE: HuffmanCode[] = buildDefaultTable();

function buildDefaultTable(): HuffmanCode[] {
  const codes: HuffmanCode[] = [{ prefixBits: 1, totalBits: 1, mode: 1, baseValue: 0, code: 0 }];
  for (let n = 1; n <= 8; n++) {
    const ones = (1 << n) - 1;
    const bits = n + 2;
    codes.push({ prefixBits: bits, totalBits: bits, mode: 1, baseValue: n, code: ones << 2 });
    codes.push({
      prefixBits: bits,
      totalBits: bits,
      mode: 1,
      baseValue: -n,
      code: (ones << 2) | 1,
    });
  }
  // Nine ones then 0: 8-bit original value follows; nine ones then 1: 16-bit value follows.
  codes.push({ prefixBits: 10, totalBits: 18, mode: 1, baseValue: 0, code: 0x3fe });
  codes.push({ prefixBits: 10, totalBits: 26, mode: 1, baseValue: 0, code: 0x3ff });
  return codes;
}

/** Section 2 → tables. `section2` null (absent) means the data is not Huffman coded. */
export function readEncoding(section2: ByteRange | null): Encoding {
  if (section2 === null) return { kind: 'raw16' };
  const count = section2.u16(0, 'number of Huffman tables');
  if (count === DEFAULT_TABLE_MARK) return { kind: 'huffman', tables: [DEFAULT_TABLE] };
  // ECGToolkit writes 0 tables for "not Huffman coded"; the standard would omit section 2.
  if (count === 0) return { kind: 'raw16' };
  const tables: HuffmanCode[][] = [];
  let at = 2;
  for (let t = 1; t <= count; t++) {
    const n = section2.u16(at, `number of codes in Huffman table ${t}`);
    at += 2;
    if (n === 0) throw section2.error(`Huffman table ${t} has no codes`);
    section2.need(at, n * STRUCTURE_BYTES, `Huffman table ${t}`);
    const table: HuffmanCode[] = [];
    for (let i = 0; i < n; i++, at += STRUCTURE_BYTES) table.push(readCode(section2, at, t, count));
    tables.push(table);
  }
  return { kind: 'huffman', tables };
}

function readCode(s: ByteRange, at: number, table: number, tableCount: number): HuffmanCode {
  const prefixBits = s.u8(at, 'prefix bits');
  const totalBits = s.u8(at + 1, 'total bits');
  const mode = s.u8(at + 2, 'table mode');
  const baseValue = s.i16(at + 3, 'base value');
  const stored = s.u32(at + 5, 'base code');
  const where = `Huffman table ${table}`;
  if (prefixBits < 1 || prefixBits > MAX_PREFIX_BITS) {
    throw s.error(`${where} has a code of ${prefixBits} prefix bits (1 to ${MAX_PREFIX_BITS})`);
  }
  if (totalBits < prefixBits || totalBits - prefixBits > MAX_EXTRA_BITS) {
    throw s.error(`${where} has a code of ${totalBits} total bits for ${prefixBits} prefix bits`);
  }
  if (mode > 1) throw s.error(`${where} has a code with table mode ${mode} (0 or 1)`);
  if (mode === 0 && (baseValue < 1 || baseValue > tableCount)) {
    throw s.error(`${where} switches to table ${baseValue}, which does not exist`);
  }
  // The base code is stored bit-reversed: its first transmitted bit is the least significant.
  let code = 0;
  for (let i = 0; i < prefixBits; i++) code = code * 2 + (Math.floor(stored / 2 ** i) & 1);
  return { prefixBits, totalBits, mode, baseValue, code };
}

/** Lookup by (prefix length, code) for one table. */
type CodeIndex = Map<number, HuffmanCode>[];

function indexTable(table: HuffmanCode[]): CodeIndex {
  const byLength: CodeIndex = [];
  for (const c of table) {
    const map = (byLength[c.prefixBits] ??= new Map());
    if (!map.has(c.code)) map.set(c.code, c); // first wins, as a sequential search would
  }
  return byLength;
}

/** Reads bits MSB-first from bytes[start, end); never past `end`. */
class BitReader {
  private bit: number;
  private readonly endBit: number;

  constructor(
    private readonly bytes: Uint8Array,
    start: number,
    end: number,
  ) {
    this.bit = start * 8;
    this.endBit = end * 8;
  }

  get left(): number {
    return this.endBit - this.bit;
  }

  get position(): number {
    return this.bit;
  }

  next(): number {
    const b = (this.bytes[this.bit >> 3] >> (7 - (this.bit & 7))) & 1;
    this.bit++;
    return b;
  }

  /** `n` bits (n ≤ 32) as a two's-complement number. */
  signed(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 2 + this.next();
    return v >= 2 ** (n - 1) ? v - 2 ** n : v;
  }
}

/**
 * Decodes exactly `count` values from `data` (one lead's bytes). Throws (via `fail`) when the
 * bits run out first or a bit pattern matches no code; it reads each bit at most once, so it
 * always ends within 8 × data length steps.
 */
export function huffmanDecode(
  data: ByteRange,
  tables: HuffmanCode[][],
  count: number,
  fail: (problem: string) => Error,
): Int32Array {
  const indexes = tables.map(indexTable);
  const maxPrefix = tables.map((t) => Math.max(...t.map((c) => c.prefixBits)));
  const out = new Int32Array(count);
  const bits = new BitReader(data.bytes, data.start, data.end);
  let table = 0;
  let n = 0;
  while (n < count) {
    const start = bits.position - data.start * 8;
    const hit = matchCode(bits, indexes[table], maxPrefix[table]);
    if (hit === null) {
      if (bits.left === 0) throw fail(`data ends after ${n} of ${count} samples`);
      throw fail(`no Huffman code matches at bit ${start} (sample ${n})`);
    }
    if (hit.mode === 0) {
      table = hit.baseValue - 1;
      continue;
    }
    const extra = hit.totalBits - hit.prefixBits;
    if (extra > bits.left) throw fail(`data ends inside sample ${n} of ${count}`);
    out[n++] = hit.baseValue + (extra > 0 ? bits.signed(extra) : 0);
  }
  return out;
}

/** Reads bits until they form a code of the table; null when none matches or bits run out. */
function matchCode(bits: BitReader, index: CodeIndex, maxPrefix: number): HuffmanCode | null {
  let code = 0;
  for (let len = 1; len <= maxPrefix && bits.left > 0; len++) {
    code = code * 2 + bits.next();
    const hit = index[len]?.get(code);
    if (hit) return hit;
  }
  return null;
}
