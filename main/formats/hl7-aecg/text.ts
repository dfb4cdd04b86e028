/**
 * Byte-level handling of the XML text, before and around the parser: character decoding, the
 * prolog (declaration, comments, DOCTYPE), and the end of the document. The parser is lenient
 * about truncated input, so these checks are what make a cut-off file an error.
 */
import { Hl7AecgError } from './errors';

/** Decodes the file as its BOM or XML declaration says (UTF-8 when neither does). */
export function decodeXmlBytes(bytes: Uint8Array, fileName: string): string {
  const { label, skip } = detectEncoding(bytes);
  let decoder: { decode(input: Uint8Array): string };
  try {
    decoder = new TextDecoder(label);
  } catch {
    throw new Hl7AecgError(fileName, `unsupported character encoding '${label}'`);
  }
  return decoder.decode(bytes.subarray(skip));
}

function detectEncoding(bytes: Uint8Array): { label: string; skip: number } {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { label: 'utf-8', skip: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { label: 'utf-16le', skip: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { label: 'utf-16be', skip: 2 };
  // "<?" in UTF-16 without a BOM (allowed by XML's appendix F).
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f) return { label: 'utf-16le', skip: 0 };
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00) return { label: 'utf-16be', skip: 0 };
  return { label: declaredEncoding(bytes) ?? 'utf-8', skip: 0 };
}

const DECLARATION = /^<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']/;

/** The encoding named in `<?xml ... encoding="..."?>`, read as ASCII from the first bytes. */
function declaredEncoding(bytes: Uint8Array): string | null {
  const head = String.fromCharCode(...bytes.subarray(0, 200));
  return DECLARATION.exec(head)?.[1].toLowerCase() ?? null;
}

export interface Prolog {
  /** Index of the root element's "<", or -1 when the text ends (or is cut) before one. */
  rootStart: number;
  /** Whether a DOCTYPE with an internal subset ("[ ... ]", where entities live) was seen. */
  internalSubset: boolean;
}

/** Skips whitespace, the XML declaration, processing instructions, comments and a DOCTYPE. */
export function scanProlog(text: string, limit = text.length): Prolog {
  let i = 0;
  let internalSubset = false;
  const end = Math.min(limit, text.length);
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff) {
      i++;
      continue;
    }
    if (c !== 0x3c /* < */) return { rootStart: -1, internalSubset };
    let close: number;
    if (text.startsWith('<?', i)) close = text.indexOf('?>', i) + 2;
    else if (text.startsWith('<!--', i)) close = text.indexOf('-->', i) + 3;
    else if (text.startsWith('<!DOCTYPE', i)) {
      const gt = text.indexOf('>', i);
      const bracket = text.indexOf('[', i);
      internalSubset = bracket !== -1 && (gt === -1 || bracket < gt);
      if (internalSubset) return { rootStart: -1, internalSubset };
      close = gt + 1;
    } else return { rootStart: i, internalSubset };
    if (close <= i + 1) return { rootStart: -1, internalSubset }; // unterminated
    i = close;
  }
  return { rootStart: -1, internalSubset };
}

/** "AnnotatedECG" with an optional namespace prefix, as a start tag. */
export const ROOT_START = /^<(?:[A-Za-z_][\w.-]*:)?AnnotatedECG[\s/>]/;
const ROOT_END = /<\/(?:[A-Za-z_][\w.-]*:)?AnnotatedECG\s*>$/;

/**
 * Whether the document ends with the root's end tag (after trailing whitespace, comments and
 * processing instructions). A file cut anywhere fails this, however lenient the parser is.
 */
export function endsWithRootClose(text: string): boolean {
  let end = text.length;
  for (;;) {
    while (end > 0 && /\s/.test(text[end - 1])) end--;
    if (text.endsWith('-->', end)) end = text.lastIndexOf('<!--', end - 3);
    else if (text.endsWith('?>', end)) end = text.lastIndexOf('<?', end - 2);
    else break;
    if (end < 0) return false;
  }
  return ROOT_END.test(text.slice(Math.max(0, end - 100), end));
}

const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Resolves XML's predefined and numeric character references in a text we show. The parser
 * runs with entity processing off (so DOCTYPE entities can never expand); these five and
 * numeric references cannot expand into anything large.
 */
export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref];
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
