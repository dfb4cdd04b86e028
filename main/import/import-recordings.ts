import type { ImportReport } from '@common/types';
import { readRecording } from '../formats/index';
import type { Store } from '../store';
import { discover, type ImportJob } from './discover';
import { failureMessage } from './messages';
import { hashFiles, totalBytes, trackReads } from './tracking-source';
import type { ImportInput, ImportOptions, ImportOutcome } from './types';
import { osUserName } from './user';
import { writeRecording } from './write-recording';

/**
 * Imports recordings from paths (files or folders, searched recursively) and uploaded files.
 * Each recording is its own transaction: a failure rolls back that recording only and is
 * reported in `errors`; the others are still imported.
 */
export function importRecordings(
  store: Store,
  inputs: readonly ImportInput[],
  opts: ImportOptions = {},
): ImportReport {
  const report: ImportReport = { imported: [], errors: [] };
  const found = discover(inputs, opts.cwd);
  report.errors.push(...found.errors);
  const total = found.jobs.length;
  opts.onProgress?.({ phase: 'found', total });
  const user = opts.user ?? osUserName();
  found.jobs.forEach((job, i) => {
    const { outcome, bytes, samples } = importJob(store, job, user, opts, report);
    opts.onProgress?.({
      phase: 'recording',
      done: i + 1,
      total,
      source: job.source,
      outcome,
      bytes,
      samples,
    });
  });
  return report;
}

function importJob(
  store: Store,
  job: ImportJob,
  user: string,
  opts: ImportOptions,
  report: ImportReport,
): { outcome: ImportOutcome; bytes: number; samples: number } {
  const tracked = trackReads(job.files);
  try {
    const parsed = readRecording(tracked.source, job.entryName);
    const result = writeRecording(store, parsed, {
      source: job.source,
      sha256: hashFiles(tracked.files),
      user,
      chunkLen: opts.chunkLen,
      sampleType: opts.sampleType,
    });
    report.imported.push(result);
    return {
      outcome: result.duplicate ? 'duplicate' : 'imported',
      bytes: totalBytes(tracked.files),
      samples: parsed.samples * parsed.leads.length,
    };
  } catch (err) {
    report.errors.push({ source: job.source, message: failureMessage(job.source, err) });
    return { outcome: 'failed', bytes: totalBytes(tracked.files), samples: 0 };
  }
}
