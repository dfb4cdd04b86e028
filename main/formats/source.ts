/**
 * Where a reader gets a record's files from. Keeping readers behind this interface keeps them
 * pure (no node:fs), so the same code runs on a folder, an archive or an in-memory map.
 */
export interface FileSource {
  /** Bytes of `name` (relative to the source's root); null when the file is absent. */
  read(name: string): Uint8Array | null;
}

/** A FileSource over an in-memory map (tests, archives, drag-and-drop). Keys are relative names. */
export function fileSourceFromMap(files: Map<string, Uint8Array>): FileSource {
  return {
    read(name: string): Uint8Array | null {
      return files.get(name) ?? files.get(name.replace(/^\.\//, '')) ?? null;
    },
  };
}
