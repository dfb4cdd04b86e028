import { readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { ImportError } from '@common/types';
import { fileSourceFromDir } from '../formats/fs-source';
import { fileSourceFromMap, isRecordingEntry, type FileSource } from '../formats/index';
import { oneLine } from './messages';
import { segmentHeaders } from './segments';
import { sourceName } from './source-name';
import type { ImportInput } from './types';

/** One recording to import: its entry file (a .hea) and where its sibling files are read. */
export interface ImportJob {
  /** As shown to the user, e.g. "mitdb/100.hea". */
  source: string;
  entryName: string;
  files: FileSource;
}

export interface Discovery {
  jobs: ImportJob[];
  errors: ImportError[];
}

const byName = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/** Turns the user's inputs into recordings to import, in a stable order. */
export function discover(inputs: readonly ImportInput[], cwd: string | undefined): Discovery {
  const out: Discovery = { jobs: [], errors: [] };
  const sources = new Map<string, FileSource>();
  const dirSource = (dir: string): FileSource => {
    let s = sources.get(dir);
    if (!s) sources.set(dir, (s = fileSourceFromDir(dir)));
    return s;
  };
  for (const input of inputs) {
    if (typeof input === 'string') discoverPath(input, cwd, dirSource, out);
    else discoverUpload(input.files, out);
  }
  return out;
}

function discoverPath(
  given: string,
  cwd: string | undefined,
  dirSource: (dir: string) => FileSource,
  out: Discovery,
): void {
  const abs = resolve(cwd ?? process.cwd(), given);
  let st: Stats;
  try {
    st = statSync(abs);
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    const message = missing ? 'no such file or folder' : oneLine(err);
    out.errors.push({
      source: sourceName(given, null, false, cwd),
      message: `${given}: ${message}`,
    });
    return;
  }
  if (st.isFile()) {
    const source = sourceName(given, null, false, cwd);
    if (!isRecordingEntry(basename(abs))) {
      out.errors.push({
        source,
        message: `${source}: not a recording; a WFDB record is imported by its .hea file`,
      });
      return;
    }
    out.jobs.push({ source, entryName: basename(abs), files: dirSource(dirname(abs)) });
    return;
  }
  const folderSource = sourceName(given, null, true, cwd) || '.';
  const before = out.jobs.length;
  try {
    for (const file of walk(abs)) {
      const inner = relative(abs, file);
      out.jobs.push({
        source: sourceName(given, inner, true, cwd),
        entryName: basename(file),
        files: dirSource(dirname(file)),
      });
    }
  } catch (err) {
    out.jobs.length = before;
    out.errors.push({ source: folderSource, message: `${folderSource}: ${oneLine(err)}` });
    return;
  }
  if (out.jobs.length === before) {
    out.errors.push({
      source: folderSource,
      message: `${folderSource}: no recordings found (WFDB records are named by .hea files)`,
    });
  }
}

/**
 * Record entries under `root`, depth first, names in natural order; skips hidden entries and
 * the segment headers of multi-segment records found beside their master header.
 */
function walk(root: string): string[] {
  const seen = new Set<string>();
  const stack = [root];
  const found: string[] = [];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    const real = realpathSync(dir);
    if (seen.has(real)) continue;
    seen.add(real);
    const entries = readdirSync(dir, { withFileTypes: true })
      .filter((e) => !e.name.startsWith('.'))
      .sort((a, b) => byName(a.name, b.name));
    const subdirs: string[] = [];
    const headers: string[] = [];
    for (const e of entries) {
      const full = join(dir, e.name);
      const isDir = e.isDirectory() || (e.isSymbolicLink() && safeIsDir(full));
      if (isDir) subdirs.push(full);
      else if (isRecordingEntry(e.name)) headers.push(e.name);
    }
    const segments = segmentHeaders(headers, (name) => readHeaderFile(join(dir, name)));
    for (const name of headers) if (!segments.has(name)) found.push(join(dir, name));
    stack.push(...subdirs.reverse());
  }
  return found;
}

/** A header's bytes for the segment check; null when unreadable or too large to be one. */
function readHeaderFile(path: string): Uint8Array | null {
  try {
    return statSync(path).size <= 1 << 20 ? readFileSync(path) : null;
  } catch {
    return null;
  }
}

function safeIsDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function discoverUpload(files: Map<string, Uint8Array>, out: Discovery): void {
  const names = [...files.keys()].sort(byName);
  const headers = names.filter((n) => isRecordingEntry(n));
  const segments = segmentHeaders(headers, (name) => files.get(name) ?? null);
  const entries = headers.filter((n) => !segments.has(n));
  if (entries.length === 0) {
    const source = names.length === 1 ? names[0] : '(uploaded files)';
    out.errors.push({
      source,
      message: `${names.join(', ')}: no recording among the uploaded files (a WFDB record needs its .hea file)`,
    });
    return;
  }
  const source = fileSourceFromMap(files);
  for (const name of entries) out.jobs.push({ source: name, entryName: name, files: source });
}
