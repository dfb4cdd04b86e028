/**
 * Strict base64 → bytes without Buffer (the reader must stay runtime-neutral). Whitespace
 * (the files wrap lines) is skipped; any other character outside the alphabet, misplaced
 * padding or a dangling partial group is an error, because a corrupted payload must not
 * decode into plausible-looking samples.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Character code → 6-bit value; -1 for characters outside the alphabet. */
const VALUES = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Base64 text without its whitespace, or a problem description. */
function compact(text: string): string | { problem: string } {
  const kept: string[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !isWhitespace(text.charCodeAt(i))) continue;
    if (i > start) kept.push(text.slice(start, i));
    start = i + 1;
  }
  const joined = kept.join('');
  if (joined.length % 4 !== 0) {
    return { problem: `base64 length ${joined.length} is not a multiple of 4` };
  }
  return joined;
}

/** Decodes base64 text; returns the bytes or a problem description (no file name). */
export function decodeBase64(text: string): Uint8Array | { problem: string } {
  const data = compact(text);
  if (typeof data !== 'string') return data;
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((data.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < data.length; i += 4) {
    const last = i + 4 === data.length;
    let group = 0;
    for (let k = 0; k < 4; k++) {
      const c = data.charCodeAt(i + k);
      const isPad = c === 0x3d && last && k >= 4 - padding;
      const v = isPad ? 0 : c < 128 ? VALUES[c] : -1;
      if (v < 0) return { problem: `invalid base64 character at position ${i + k}` };
      group = (group << 6) | v;
    }
    out[o++] = (group >> 16) & 0xff;
    if (o < out.length) out[o++] = (group >> 8) & 0xff;
    if (o < out.length) out[o++] = group & 0xff;
  }
  return out;
}
