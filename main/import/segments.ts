import { decodeHeaderText, parseHeader } from '../formats/index';

/**
 * Of `headerNames` (the .hea files of one folder), those that are segments (or the layout) of
 * a multi-segment record whose master header is among them: importing the folder reads them
 * as part of that record, not as recordings of their own. Headers that do not parse are left
 * to the import to report.
 */
export function segmentHeaders(
  headerNames: readonly string[],
  read: (name: string) => Uint8Array | null,
): Set<string> {
  const members = new Set<string>();
  for (const name of headerNames) {
    try {
      const bytes = read(name);
      if (bytes === null) continue;
      for (const seg of parseHeader(decodeHeaderText(bytes, name), name).segments ?? []) {
        if (seg.name !== null) members.add(`${seg.name}.hea`);
      }
    } catch {
      // reported when the import reads it
    }
  }
  return members;
}
