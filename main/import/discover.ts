import {
  closeSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { ImportError } from '@common/types';
import { fileSourceFromDir } from '../formats/fs-source';
import {
  fileSourceFromMap,
  isRecordingEntry,
  isRecordingFile,
  looksLikeRecording,
  READABLE_FORMATS,
  SNIFF_BYTES,
  type FileSource,
} from '../formats/index';
import { oneLine } from './messages';
import { segmentHeaders } from './segments';
import { sourceName } from './source-name';
import type { ImportInput } from './types';

/**
 * One recording to import: its entry file (a WFDB .hea, or the one file of a single-file
 * format) and where its sibling files are read.
 */
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
    // A file the user named is read whenever its name or content says it may be a recording,
    // so a broken one gets the reader's own error (which names the problem).
    if (!isRecordingEntry(abs) && !looksLikeRecording(readHead(abs))) {
      out.errors.push({
        source,
        message: `${source}: not a recording; ECG Desk reads ${READABLE_FORMATS}`,
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
      message: `${folderSource}: no recordings found (ECG Desk reads ${READABLE_FORMATS})`,
    });
  }
}

/**
 * Record entries under `root`, depth first, names in natural order; skips hidden entries, the
 * segment headers of multi-segment records found beside their master header, and .xml/.scp/.dcm
 * files whose content is not an ECG format (schemas, reports, images).
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
    const listed = readdirSync(dir, { withFileTypes: true })
      .filter((e) => !e.name.startsWith('.'))
      .sort((a, b) => byName(a.name, b.name));
    const subdirs: string[] = [];
    const recordings: string[] = [];
    for (const e of listed) {
      const full = join(dir, e.name);
      const isDir = e.isDirectory() || (e.isSymbolicLink() && safeIsDir(full));
      if (isDir) subdirs.push(full);
      else if (isRecordingFile(e.name, () => readHead(full))) recordings.push(e.name);
    }
    const headers = recordings.filter(isWfdbHeader);
    const segments = segmentHeaders(headers, (name) => readHeaderFile(join(dir, name)));
    for (const name of recordings) if (!segments.has(name)) found.push(join(dir, name));
    stack.push(...subdirs.reverse());
  }
  return found;
}

const isWfdbHeader = (name: string): boolean => /\.hea$/i.test(name);

/** The first SNIFF_BYTES of a file, for recognising its format; null when unreadable. */
function readHead(path: string): Uint8Array | null {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const buf = new Uint8Array(SNIFF_BYTES);
    return buf.subarray(0, readSync(fd, buf, 0, SNIFF_BYTES, 0));
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
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
  const candidates = names.filter((n) => isRecordingFile(n, () => files.get(n) ?? null));
  const segments = segmentHeaders(
    candidates.filter(isWfdbHeader),
    (name) => files.get(name) ?? null,
  );
  const entries = candidates.filter((n) => !segments.has(n));
  if (entries.length === 0) {
    const source = names.length === 1 ? names[0] : '(uploaded files)';
    out.errors.push({
      source,
      message: `${names.join(', ')}: no recording among the uploaded files (a WFDB record needs its .hea file; ECG Desk reads ${READABLE_FORMATS})`,
    });
    return;
  }
  const source = fileSourceFromMap(files);
  for (const name of entries) out.jobs.push({ source: name, entryName: name, files: source });
}
