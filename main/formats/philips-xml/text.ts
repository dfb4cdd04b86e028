/**
 * Bytes → text. Philips carts write UTF-16LE with a BOM (1.04, 1.04.01) or UTF-8 (1.03), so the
 * encoding is taken from the BOM or, without one, from the byte pattern of the leading '<'.
 */

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Encoding and the length of its BOM (0 when there is none). */
function detectEncoding(bytes: Uint8Array): { encoding: Encoding; bom: number } {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', bom: 2 };
  if (b0 === 0x3c && b1 === 0x00) return { encoding: 'utf-16le', bom: 0 };
  if (b0 === 0x00 && b1 === 0x3c) return { encoding: 'utf-16be', bom: 0 };
  return { encoding: 'utf-8', bom: 0 };
}

/** Big-endian UTF-16 swapped to little-endian (not every runtime's TextDecoder has utf-16be). */
function swapPairs(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1];
    out[i + 1] = bytes[i];
  }
  return out;
}

/**
 * Decodes the document. `fatal` makes invalid sequences throw (a TypeError from TextDecoder);
 * without it they become U+FFFD, which is what the cheap sniff wants.
 */
export function decodeText(bytes: Uint8Array, fatal: boolean): string {
  const { encoding, bom } = detectEncoding(bytes);
  let body = bytes.subarray(bom);
  if (encoding !== 'utf-8' && body.length % 2 === 1) {
    if (fatal) throw new TypeError('odd number of bytes in UTF-16 text');
    body = body.subarray(0, body.length - 1);
  }
  if (encoding === 'utf-16be') body = swapPairs(body);
  const label = encoding === 'utf-8' ? 'utf-8' : 'utf-16le';
  return new TextDecoder(label, { fatal, ignoreBOM: true }).decode(body);
}
