import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRecording } from '../../formats/index';
import { discover } from '../../import/discover';
import { importRecordings } from '../../import/import-recordings';
import { hashFiles, totalBytes, trackReads } from '../../import/tracking-source';
import type { ImportProgress } from '../../import/types';
import { openStore, type SampleType, type Store } from '../../store';
import { mulberry32 } from '../../ml/seed';
import { median, msSince, quantile, round } from './stats';

export interface ImportVariant {
  name: string;
  chunkLen: number;
  /** Forced sample type; int16 where it fits when absent. */
  sampleType?: SampleType;
}

export const DEFAULT_VARIANT: ImportVariant = { name: 'chunk 8192, int16', chunkLen: 8192 };
export const ALL_VARIANTS: ImportVariant[] = [
  DEFAULT_VARIANT,
  { name: 'chunk 4096, int16', chunkLen: 4096 },
  { name: 'chunk 32768, int16', chunkLen: 32768 },
  { name: 'chunk 8192, int32', chunkLen: 8192, sampleType: 'int32' },
];

export interface VariantResult {
  name: string;
  chunkLen: number;
  sampleType: SampleType | 'int16 where it fits';
  recordings: number;
  failed: number;
  sourceBytes: number;
  /** Sample values: samples × leads, over all recordings. */
  sampleValues: number;
  seconds: number;
  mbPerS: number;
  samplesPerS: number;
  /** Size of the store after a WAL checkpoint. */
  storeBytes: number;
  /** Reading a random 10 s window of every lead, raw samples. */
  window10sMs: { median: number; p95: number };
  /** Reading a whole recording reduced to 2000 min/max columns, every lead. */
  wholeReducedMs: { median: number; p95: number };
}

/** Imports every record under `dataDir` into a fresh temporary store and times it. */
export function runImportVariant(
  dataDir: string,
  variant: ImportVariant,
  onProgress?: (p: ImportProgress) => void,
): VariantResult {
  const dir = mkdtempSync(join(tmpdir(), 'ecg-desk-bench-'));
  const dbPath = join(dir, 'bench.db');
  const store = openStore(dbPath);
  try {
    let sourceBytes = 0;
    let sampleValues = 0;
    const start = process.hrtime.bigint();
    const report = importRecordings(store, [dataDir], {
      chunkLen: variant.chunkLen,
      sampleType: variant.sampleType,
      user: 'bench',
      onProgress: (p) => {
        if (p.phase === 'recording') {
          sourceBytes += p.bytes;
          sampleValues += p.samples;
        }
        onProgress?.(p);
      },
    });
    const seconds = msSince(start) / 1000;
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const reads = timeReads(store);
    return {
      name: variant.name,
      chunkLen: variant.chunkLen,
      sampleType: variant.sampleType ?? 'int16 where it fits',
      recordings: report.imported.length,
      failed: report.errors.length,
      sourceBytes,
      sampleValues,
      seconds: round(seconds, 3),
      mbPerS: round(sourceBytes / 1e6 / seconds),
      samplesPerS: Math.round(sampleValues / seconds),
      storeBytes: statSync(dbPath).size,
      ...reads,
    };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function timeReads(store: Store): Pick<VariantResult, 'window10sMs' | 'wholeReducedMs'> {
  const recs = store.recordings.list();
  const random = mulberry32(42);
  const windows: number[] = [];
  const wholes: number[] = [];
  if (recs.length === 0) return { window10sMs: stats(windows), wholeReducedMs: stats(wholes) };
  for (let i = 0; i < 300; i++) {
    const r = recs[Math.floor(random() * recs.length)];
    const len = Math.min(r.samples, Math.round(10 * r.fs));
    const s = Math.floor(random() * (r.samples - len + 1));
    const t = process.hrtime.bigint();
    store.signals.readWindow(r.recordingId, s, s + len);
    windows.push(msSince(t));
  }
  for (const r of recs.slice(0, 20)) {
    const t = process.hrtime.bigint();
    store.signals.readWindow(r.recordingId, 0, r.samples, undefined, 2000);
    wholes.push(msSince(t));
  }
  return { window10sMs: stats(windows), wholeReducedMs: stats(wholes) };
}

function stats(xs: number[]): { median: number; p95: number } {
  return { median: round(median(xs), 3), p95: round(quantile(xs, 0.95), 3) };
}

export interface ParseResult {
  recordings: number;
  sourceBytes: number;
  seconds: number;
  mbPerS: number;
  samplesPerS: number;
}

/** The reader alone (no store): what the import's parsing costs, for comparison. */
export function runParseOnly(dataDir: string): ParseResult {
  const { jobs } = discover([dataDir], undefined);
  let sourceBytes = 0;
  let sampleValues = 0;
  const start = process.hrtime.bigint();
  for (const job of jobs) {
    const tracked = trackReads(job.files);
    const rec = readRecording(tracked.source, job.entryName);
    hashFiles(tracked.files);
    sourceBytes += totalBytes(tracked.files);
    sampleValues += rec.samples * rec.leads.length;
  }
  const seconds = msSince(start) / 1000;
  return {
    recordings: jobs.length,
    sourceBytes,
    seconds: round(seconds, 3),
    mbPerS: round(sourceBytes / 1e6 / seconds),
    samplesPerS: Math.round(sampleValues / seconds),
  };
}
