import { createHash } from 'node:crypto';
import type { FileSource } from '../formats/index';

/**
 * Folder indexes a reader may consult that are not part of any one record (WFDB's list of
 * annotators); editing them must not make every record of the folder look new.
 */
const FOLDER_INDEXES = new Set(['ANNOTATORS', 'RECORDS']);

function isFolderIndex(name: string): boolean {
  return FOLDER_INDEXES.has(name.slice(name.lastIndexOf('/') + 1));
}

/** A FileSource that remembers the record's files the reader got, to hash and count them. */
export interface TrackedSource {
  source: FileSource;
  /** Files read so far, by name. */
  readonly files: ReadonlyMap<string, Uint8Array>;
}

export function trackReads(inner: FileSource): TrackedSource {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    source: {
      read(name: string): Uint8Array | null {
        const bytes = inner.read(name);
        if (bytes !== null && !isFolderIndex(name)) files.set(name, bytes);
        return bytes;
      },
    },
  };
}

/**
 * SHA-256 of a recording's source: every file of the record in name order, each framed by its
 * name and length so that no two different sets of files hash alike.
 */
export function hashFiles(files: ReadonlyMap<string, Uint8Array>): string {
  const hash = createHash('sha256');
  for (const name of [...files.keys()].sort()) {
    const bytes = files.get(name) as Uint8Array;
    hash.update(`${name}\0${bytes.byteLength}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

export function totalBytes(files: ReadonlyMap<string, Uint8Array>): number {
  let n = 0;
  for (const b of files.values()) n += b.byteLength;
  return n;
}
