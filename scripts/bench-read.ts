/**
 * Reading recordings from memory, format against format in one run: WFDB with FLAC-compressed
 * signals (formats 508/516/524), EDF, and uncompressed WFDB as the yardstick. Decoded samples
 * per second of the whole read (header, decompression or unpacking, checksums).
 *   npx tsx scripts/bench-read.ts [--repeat N] [--out FILE]   (npm run bench:read)
 * Writes bench-results/read.json by default; each figure is the best of --repeat reads (5).
 * `samples` counts the recording as read: every lead at the record's rate (a signal with fewer
 * samples per frame is held to match, so mixedsignals yields more samples than it stores).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cpus } from 'node:os';
import { fileSourceFromMap, readRecording } from '../main/formats';
import { dataDir, parseArgv, projectRoot, writeJson } from './eval-common';

/** Records to read, by folder under the data directory, each beside its yardstick. */
const RECORDS = [
  { dir: 'wfdb-samples', name: 'mixedsignals.hea', variant: 'flac' },
  { dir: 'wfdb-samples', name: 'flac_3_constant.hea', variant: 'flac' },
  { dir: 'wfdb-samples', name: 'flacformats.hea', variant: 'flac' },
  { dir: 'wfdb-samples', name: 'binformats.hea', variant: 'uncompressed' },
  { dir: 'wfdb-samples', name: 'test_generator_2.edf', variant: 'edf' },
  { dir: 'wfdb-samples', name: 'test_generator_2.hea', variant: 'uncompressed (16)' },
  { dir: 'mitdb', name: '100.hea', variant: 'uncompressed (212)' },
  { dir: 'ptbxl/records100/00000', name: '00001_lr.hea', variant: 'uncompressed (16)' },
] as const;

/** Every file of the folder (recursively), in memory, so only decoding is timed. */
function loadFolder(dir: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  (function walk(d: string) {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (!f.endsWith('.csv')) files.set(relative(dir, p), readFileSync(p));
    }
  })(dir);
  return files;
}

function main(): void {
  const { opts } = parseArgv(process.argv.slice(2));
  const repeat = typeof opts.repeat === 'string' ? Math.max(1, Number(opts.repeat)) : 5;
  const out =
    typeof opts.out === 'string' ? opts.out : join(projectRoot, 'bench-results', 'read.json');
  const rows = RECORDS.map(({ dir, name, variant }) => {
    const files = loadFolder(dataDir(...dir.split('/')));
    const source = fileSourceFromMap(files);
    const fileBytes = [...files]
      .filter(([p]) => p.startsWith(name.replace('.hea', '')))
      .reduce((n, [, b]) => n + b.length, 0);
    readRecording(source, name); // warm-up
    let bestMs = Infinity;
    let samples = 0;
    for (let i = 0; i < repeat; i++) {
      const t0 = performance.now();
      const rec = readRecording(source, name);
      bestMs = Math.min(bestMs, performance.now() - t0);
      samples = rec.leads.reduce((n, l) => n + l.digital.length, 0);
    }
    const row = {
      record: `${dir}/${name}`,
      variant,
      samples,
      fileBytes,
      ms: Math.round(bestMs * 100) / 100,
      mSamplesPerS: Math.round((samples / bestMs / 1000) * 10) / 10,
    };
    console.log(
      `${row.record.padEnd(40)} ${variant.padEnd(20)} ${String(samples).padStart(9)} samples ${String(row.ms).padStart(8)} ms ${String(row.mSamplesPerS).padStart(6)} M samples/s`,
    );
    return row;
  });
  writeJson(out, {
    date: new Date().toISOString(),
    cpu: cpus()[0]?.model,
    node: process.version,
    repeat,
    rows,
  });
  console.error(`wrote ${out}`);
}

main();
