/**
 * Safe XML parsing with fast-xml-parser and small accessors over its output.
 *
 * Safety: Philips documents never carry a DOCTYPE, so one is refused outright (no entity
 * definitions, no expansion bombs); entity processing is off in the parser and the five
 * predefined entities plus character references are decoded here, only in the few text values
 * the reader uses. Well-formedness is checked by the validator because the parser alone
 * silently accepts unclosed tags (a truncated file would otherwise look complete).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** An element as fast-xml-parser returns it: children by name, attributes as "@_name". */
export interface XmlNode {
  [key: string]: XmlValue;
}
/** Text-only elements come back as strings, repeated elements as arrays. */
export type XmlValue = string | XmlNode | XmlValue[];

const ATTR = '@_';
const TEXT = '#text';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTR,
  textNodeName: TEXT,
  removeNSPrefix: true,
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** Parses the document; returns the root elements by name, or a problem description. */
export function parseXml(text: string): { root: XmlNode } | { problem: string } {
  if (/<!DOCTYPE/i.test(text)) return { problem: 'DOCTYPE declarations are not allowed' };
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    return { problem: `malformed XML at line ${valid.err.line}: ${valid.err.msg}` };
  }
  // The parser's output is untyped; its shape is exactly XmlNode (strings, nodes, arrays).
  const root = parser.parse(text) as XmlNode;
  return { root };
}

/** An element value as a node (text-only elements become { "#text": ... }); first if repeated. */
function asNode(value: XmlValue | undefined): XmlNode | null {
  if (value === undefined) return null;
  if (Array.isArray(value)) return asNode(value[0]);
  if (typeof value === 'string') return { [TEXT]: value };
  return value;
}

/** First child element with this name, or null. */
export function child(node: XmlNode | null, name: string): XmlNode | null {
  return node === null ? null : asNode(node[name]);
}

/** All child elements with this name, in document order. */
export function children(node: XmlNode | null, name: string): XmlNode[] {
  if (node === null) return [];
  const value = node[name];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map(asNode).filter((n): n is XmlNode => n !== null);
}

/** Follows a path of child names; null as soon as one is missing. */
export function path(node: XmlNode | null, ...names: string[]): XmlNode | null {
  let current = node;
  for (const name of names) current = child(current, name);
  return current;
}

/** An element's own text, entity-decoded and trimmed; null when there is none. */
export function textOf(node: XmlNode | null): string | null {
  if (node === null) return null;
  const value = node[TEXT];
  if (typeof value === 'string') return decodeEntities(value).trim();
  // Mixed content (text around child elements) comes back as an array of strings.
  if (Array.isArray(value)) {
    const parts = value.filter((v): v is string => typeof v === 'string');
    return decodeEntities(parts.join(' ')).trim();
  }
  return null;
}

/** Text of a child element (see textOf); empty text counts as absent. */
export function childText(node: XmlNode | null, name: string): string | null {
  const text = textOf(child(node, name));
  return text === '' ? null : text;
}

/** The raw text of an element without entity decoding (for large base64 payloads). */
export function rawText(node: XmlNode | null): string | null {
  if (node === null) return null;
  const value = node[TEXT];
  return typeof value === 'string' ? value : null;
}

/** An attribute's value, entity-decoded and trimmed; null when absent. */
export function attr(node: XmlNode | null, name: string): string | null {
  if (node === null) return null;
  const value = node[ATTR + name];
  return typeof value === 'string' ? decodeEntities(value).trim() : null;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Predefined XML entities and character references; anything else is left as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref] ?? whole;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
      ? String.fromCodePoint(code)
      : whole;
  });
}
