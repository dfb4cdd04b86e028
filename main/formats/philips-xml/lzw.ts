/**
 * LZW decoder as used inside XLI chunks: fixed 10-bit codes read MSB-first, codes 0..255 are
 * single bytes, new strings get codes 256..1022 (no reset, no growth), 1023 ends the stream.
 *
 * Every step consumes input and the output is capped at the expected size, so garbage can
 * neither loop forever nor allocate more than the caller asked for.
 */

const CODE_BITS = 10;
/** Highest code that denotes a string; a larger code (1023) ends the data. */
const MAX_CODE = (1 << CODE_BITS) - 2;
const TABLE_SIZE = MAX_CODE + 1;

/** Dictionary as prefix links: entry = string(prefix) + suffix byte. */
interface Dictionary {
  prefix: Int16Array;
  suffix: Uint8Array;
  length: Uint16Array;
  first: Uint8Array;
  next: number;
}

function newDictionary(): Dictionary {
  const d: Dictionary = {
    prefix: new Int16Array(TABLE_SIZE).fill(-1),
    suffix: new Uint8Array(TABLE_SIZE),
    length: new Uint16Array(TABLE_SIZE),
    first: new Uint8Array(TABLE_SIZE),
    next: 256,
  };
  for (let c = 0; c < 256; c++) {
    d.suffix[c] = c;
    d.length[c] = 1;
    d.first[c] = c;
  }
  return d;
}

/** Adds string(prefix) + byte; silently full at MAX_CODE, as the encoder stops adding too. */
function addEntry(d: Dictionary, prefix: number, byte: number): void {
  if (d.next > MAX_CODE) return;
  d.prefix[d.next] = prefix;
  d.suffix[d.next] = byte;
  d.length[d.next] = d.length[prefix] + 1;
  d.first[d.next] = d.first[prefix];
  d.next++;
}

/** Writes the string of `code` at out[pos...]; the caller has checked that it fits. */
function writeString(d: Dictionary, code: number, out: Uint8Array, pos: number): void {
  let at = pos + d.length[code] - 1;
  for (let c = code; c >= 0; c = d.prefix[c]) out[at--] = d.suffix[c];
}

/** Reads 10-bit codes MSB-first; yields -1 when fewer than 10 bits are left. */
function codeReader(input: Uint8Array): () => number {
  let bitPos = 0;
  const totalBits = input.length * 8;
  return () => {
    if (bitPos + CODE_BITS > totalBits) return -1;
    let code = 0;
    for (let k = 0; k < CODE_BITS; k++, bitPos++) {
      code = (code << 1) | ((input[bitPos >> 3] >> (7 - (bitPos & 7))) & 1);
    }
    return code;
  };
}

/**
 * Decompresses `input`, producing at most `maxOutput` bytes. Returns the bytes, or a problem
 * description for a code that refers to an entry not yet defined or output past the cap.
 */
export function lzwDecode(input: Uint8Array, maxOutput: number): Uint8Array | { problem: string } {
  const d = newDictionary();
  const out = new Uint8Array(maxOutput);
  const read = codeReader(input);
  let pos = 0;
  let previous = -1;
  for (let code = read(); code !== -1 && code <= MAX_CODE; code = read()) {
    if (code > d.next || (code === d.next && (previous < 0 || d.next > MAX_CODE))) {
      return { problem: `LZW code ${code} is not defined yet (next is ${d.next})` };
    }
    // The "KwKwK" case: the code being defined right now is previous + its own first byte.
    if (code === d.next) addEntry(d, previous, d.first[previous]);
    else if (previous >= 0) addEntry(d, previous, d.first[code]);
    if (pos + d.length[code] > maxOutput) {
      return { problem: `LZW data decompresses to more than ${maxOutput} bytes` };
    }
    writeString(d, code, out, pos);
    pos += d.length[code];
    previous = code;
  }
  return out.subarray(0, pos);
}
