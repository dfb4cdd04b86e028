/**
 * Per-read state: where the record's files come from and a cache so that a file shared by
 * several segments (fixed-layout multi-segment records often reuse one .dat) is read once.
 */
import { MissingFileError } from '../errors';
import type { FileSource } from '../source';

export interface ReadContext {
  source: FileSource;
  /** Folder of the entry ("" or e.g. "data/"); every name a header gives is relative to it. */
  dir: string;
  cache: Map<string, Uint8Array | null>;
}

export function createContext(source: FileSource, entryName: string): ReadContext {
  const slash = Math.max(entryName.lastIndexOf('/'), entryName.lastIndexOf('\\'));
  return { source, dir: slash < 0 ? '' : entryName.slice(0, slash + 1), cache: new Map() };
}

/** The name as the source knows it (also how error messages name the file). */
export function pathOf(ctx: ReadContext, name: string): string {
  return ctx.dir + name;
}

/** Reads a file the record cannot do without; `neededBy` says which file refers to it. */
export function readRequired(ctx: ReadContext, name: string, neededBy: string): Uint8Array {
  const bytes = readOptional(ctx, name);
  if (bytes === null) {
    throw new MissingFileError(pathOf(ctx, name), `is missing (needed by ${neededBy})`);
  }
  return bytes;
}

export function readOptional(ctx: ReadContext, name: string): Uint8Array | null {
  const path = pathOf(ctx, name);
  let bytes = ctx.cache.get(path);
  if (bytes === undefined) {
    bytes = ctx.source.read(path);
    ctx.cache.set(path, bytes);
  }
  return bytes;
}
