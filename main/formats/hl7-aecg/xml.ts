/**
 * The one XML parse of a file, and typed access to its result. fast-xml-parser is configured
 * so that the tree has a single predictable shape: every element is an object, every child
 * element list is an array (even with one member), attributes are "@_name" strings, text is
 * "#text". Namespace prefixes are dropped (aECG files use the default namespace, but some
 * writers prefix it, and xsi:type becomes "@_type").
 */
import { XMLParser } from 'fast-xml-parser';
import { Hl7AecgError } from './errors';

/** An element as the parser returns it (see the module comment for its shape). */
export interface XmlElement {
  [key: string]: XmlElement[] | string | undefined;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  removeNSPrefix: true,
  // No entity expansion at all: a DOCTYPE "billion laughs" stays literal text (and
  // text.ts refuses internal subsets before we get here anyway).
  processEntities: false,
  htmlEntities: false,
  // Keep every value a string: digits are decoded by digits.ts, ids must not become numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  // Untrimmed, so text split by CDATA keeps its separating whitespace ("1 2 <![CDATA[3]]>").
  trimValues: false,
  alwaysCreateTextNode: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_name, _jpath, _isLeaf, isAttribute) => !isAttribute,
});

/** Parses `text` once and returns the document's top-level elements by name. */
export function parseXml(text: string, fileName: string): XmlElement {
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Hl7AecgError(fileName, `malformed XML: ${reason}`);
  }
  if (typeof doc !== 'object' || doc === null) {
    throw new Hl7AecgError(fileName, 'malformed XML: no elements');
  }
  return doc as XmlElement;
}

/** Child elements named `name` (the parser gives arrays; text-only values are wrapped). */
export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  const value = el?.[name];
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is XmlElement => typeof v === 'object' && v !== null);
}

/** The first child element named `name`, if any. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return children(el, name)[0];
}

/** Follows a path of child names, taking the first match at each step. */
export function path(el: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let cur = el;
  for (const name of names) cur = child(cur, name);
  return cur;
}

/** An attribute's value (without namespace prefix), trimmed; null when absent or empty. */
export function attr(el: XmlElement | undefined, name: string): string | null {
  const value = el?.[`@_${name}`];
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** The element's text content ("" when none). */
export function text(el: XmlElement | undefined): string {
  const value = el?.['#text'];
  return typeof value === 'string' ? value : '';
}

/** Names of the element's child elements (not attributes or text). */
export function childNames(el: XmlElement): string[] {
  return Object.keys(el).filter((k) => !k.startsWith('@_') && k !== '#text');
}
