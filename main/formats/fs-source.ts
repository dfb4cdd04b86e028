/** The only formats module that touches node:fs: a FileSource over a folder on disk. */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { FormatError } from './errors';
import type { FileSource } from './source';

/** Node's readFileSync cannot return more than this in one buffer. */
const MAX_FILE_BYTES = 2 ** 31 - 1;

/**
 * Files under `dir`. Names that would escape it (absolute, "..", drive letters) are refused
 * with a FormatError, because names come from headers, which are untrusted input.
 */
export function fileSourceFromDir(dir: string): FileSource {
  const root = resolve(dir);
  return {
    read(name: string): Uint8Array | null {
      const path = resolveInside(root, name);
      try {
        const size = statSync(path).size;
        if (size > MAX_FILE_BYTES)
          throw new FormatError(name, `is too large to read (${size} bytes)`);
        return readFileSync(path);
      } catch (err) {
        if (err instanceof FormatError) throw err;
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
        throw new FormatError(name, `cannot be read (${code ?? String(err)})`);
      }
    },
  };
}

function resolveInside(root: string, name: string): string {
  const escapes = (): never => {
    throw new FormatError(name, "refused: the name points outside the record's folder");
  };
  if (name === '' || isAbsolute(name) || /^[A-Za-z]:/.test(name) || name.includes('\0')) escapes();
  if (name.split(/[/\\]/).includes('..')) escapes();
  const path = resolve(root, name);
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..'))
    escapes();
  return path;
}
