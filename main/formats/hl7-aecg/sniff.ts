/** Recognising an aECG file from its first bytes, without parsing it. */
import { ROOT_START, scanProlog } from './text';

/** Enough for a declaration and the comment block the ballot example starts with. */
const SNIFF_BYTES = 8192;

/**
 * Whether the bytes start like an HL7 aECG: optional BOM, XML declaration, comments or a
 * DOCTYPE, then the root element AnnotatedECG (any namespace prefix). UTF-8 and UTF-16.
 */
export function looksLikeHl7Aecg(bytes: Uint8Array): boolean {
  const head = decodeHead(bytes.subarray(0, SNIFF_BYTES));
  const { rootStart } = scanProlog(head);
  return rootStart >= 0 && ROOT_START.test(head.slice(rootStart, rootStart + 40));
}

function decodeHead(bytes: Uint8Array): string {
  const [b0, b1] = bytes;
  const utf16le = (b0 === 0xff && b1 === 0xfe) || (b0 === 0x3c && b1 === 0x00);
  const utf16be = (b0 === 0xfe && b1 === 0xff) || (b0 === 0x00 && b1 === 0x3c);
  const label = utf16le ? 'utf-16le' : utf16be ? 'utf-16be' : 'utf-8';
  // Non-fatal decoding: a multi-byte character cut at the window's end becomes U+FFFD.
  return new TextDecoder(label).decode(bytes);
}
