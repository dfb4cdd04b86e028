import { basename, dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';

/**
 * How an imported file is named in reports and in the store: the path as the user gave it
 * (relative paths stay relative to the cwd), extended by the file's place inside a given
 * folder. An absolute path is shown relative to `cwd` when it lies under it, else from its
 * import root, the folder that holds what was given: "/data/mitdb" → "mitdb/100.hea".
 */
export function sourceName(
  given: string,
  inner: string | null,
  isFolder: boolean,
  cwd: string | undefined,
): string {
  let shown = given;
  if (isAbsolute(given)) {
    const rel = cwd === undefined ? null : relative(cwd, given);
    if (rel !== null && !rel.startsWith('..') && !isAbsolute(rel)) shown = rel;
    else shown = isFolder ? basename(given) : join(basename(dirname(given)), basename(given));
  }
  const full = normalize(join(shown, inner ?? ''));
  return (full === '.' ? '' : full).split(sep).join('/').replace(/\/$/, '');
}
