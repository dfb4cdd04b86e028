/** Cheap format detection: is the first element of the document <restingecgdata>? */
import { decodeText } from './text';

/** Enough for the XML declaration, a comment or two and the root start tag. */
const SNIFF_BYTES = 4096;

/** Optional declaration, comments, processing instructions, then the root element's name. */
const ROOT_PATTERN =
  /^\s*(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*)*<(?:[A-Za-z_][\w.-]*:)?restingecgdata[\s/>]/;

/**
 * True when the bytes look like a Philips SierraECG/PhilipsECG document (root element
 * restingecgdata, UTF-8 or UTF-16). Reads only the first few KB; says nothing about validity.
 */
export function looksLikePhilipsXml(bytes: Uint8Array): boolean {
  const head = decodeText(bytes.subarray(0, SNIFF_BYTES), false);
  return ROOT_PATTERN.test(head);
}
