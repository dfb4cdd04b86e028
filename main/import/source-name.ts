import { basename, dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';

/**
 * How an imported file is named in reports and in the store: the path relative to `cwd` when
 * it lies under it, extended by the file's place inside a given folder; a path outside `cwd`
 * (absolute, or relative with "../") is shown from its import root, the folder that holds
 * what was given: "/data/mitdb" or "../shared/data/mitdb" → "mitdb/100.hea".
 */
export function sourceName(
  given: string,
  inner: string | null,
  isFolder: boolean,
  cwd: string | undefined,
): string {
  // Inside the working folder: the path from there. Outside it ("../shared/data/mitdb/100.hea",
  // "/data/mitdb"): from the input's own folder ("mitdb/100.hea"), never a run of "../".
  const abs = cwd === undefined ? (isAbsolute(given) ? given : null) : resolve(cwd, given);
  let shown = given;
  if (abs !== null) {
    const rel = cwd === undefined ? null : relative(cwd, abs);
    if (rel !== null && !rel.startsWith('..') && !isAbsolute(rel)) shown = rel || '.';
    else shown = isFolder ? basename(abs) : join(basename(dirname(abs)), basename(abs));
  }
  const full = normalize(join(shown, inner ?? ''));
  return (full === '.' ? '' : full).split(sep).join('/').replace(/\/$/, '');
}
