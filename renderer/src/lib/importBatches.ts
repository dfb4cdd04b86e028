/**
 * Splitting an upload into requests. A WFDB record is several files (.hea + .dat, + .atr …)
 * that the importer needs together, so the files of one record always travel in the same request
 * (single-file formats — .xml, .scp, .dcm, .edf — are groups of one, or share a stem harmlessly).
 */

/** Upload at most this many bytes (before base64) per request. */
const BATCH_BYTES = 48 * 2 ** 20;
const BATCH_FILES = 400;

/**
 * A grouping key that keeps a record's files together, generously: "100.hea" → "100",
 * "00001_lr.dat" → "00001", "102-0.atr" → "102", "3000003_0001.hea" → "3000003" (multi-segment).
 * Grouping a little too much is harmless; splitting a record is not.
 */
export function recordStem(name: string): string {
  const cut = name.search(/[._-]/);
  return cut > 0 ? name.slice(0, cut) : name;
}

/** Groups files by record, then packs whole groups into request-sized batches. */
export function batchFiles(files: File[]): File[][] {
  const groups = new Map<string, File[]>();
  for (const f of files) {
    const key = recordStem(f.name);
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  const batches: File[][] = [];
  let cur: File[] = [];
  let bytes = 0;
  for (const group of groups.values()) {
    const size = group.reduce((n, f) => n + f.size, 0);
    if (cur.length > 0 && (bytes + size > BATCH_BYTES || cur.length + group.length > BATCH_FILES)) {
      batches.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(...group);
    bytes += size;
  }
  if (cur.length > 0) batches.push(cur);
  return batches;
}
