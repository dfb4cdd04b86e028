/** Reading a whole WFDB record: header, signals, companion annotations, patient facts. */
import { UnsupportedFormatError } from '../errors';
import type { FileSource } from '../source';
import type { ParsedRecording } from '../types';
import { readCompanionAnnotations } from './companions';
import { createContext } from './context';
import type { WfdbRecordLine } from './header-types';
import { loadHeader } from './load-header';
import { readMultiSegment } from './multi-segment';
import { parsePatientFacts } from './patient';
import { readSingleSegment } from './single-segment';

/**
 * Reads the record whose header is `entryName` (e.g. "100.hea" or "data/1.hea"); every other
 * file is looked up relative to the header's folder. Throws FormatError subclasses.
 *
 * Signals with several samples per frame make the recording's rate fs × (largest samples per
 * frame); annotation times are converted to that rate.
 */
export function readWfdbRecording(source: FileSource, entryName: string): ParsedRecording {
  const ctx = createContext(source, entryName);
  const baseName = entryName.slice(ctx.dir.length);
  if (!/\.hea$/i.test(baseName)) {
    throw new UnsupportedFormatError(entryName, 'is not a WFDB header (.hea)');
  }
  const header = loadHeader(ctx, baseName, 'the import');
  const signals = header.segments ? readMultiSegment(header, ctx) : readSingleSegment(header, ctx);
  // Companion files are named after the header file (which WFDB requires to match the record).
  const stem = baseName.slice(0, -'.hea'.length);
  const { record } = header;
  return {
    format: 'wfdb',
    recordName: record.name,
    fs: record.fs * signals.outSpf,
    samples: signals.frames * signals.outSpf,
    leads: signals.leads,
    startTime: startTime(record),
    comments: header.comments,
    patient: parsePatientFacts(header.comments, header.commentsBeforeRecordLine),
    annotations: readCompanionAnnotations(
      ctx,
      stem,
      record.fs,
      signals.outSpf,
      new Set(header.signals.map((s) => s.fileName)),
    ),
  };
}

/** "YYYY-MM-DDTHH:MM:SS[.fff]" with a date, "HH:MM:SS[.fff]" with only a time, else null. */
function startTime(record: WfdbRecordLine): string | null {
  if (record.baseDate !== null) return `${record.baseDate}T${record.baseTime ?? '00:00:00'}`;
  return record.baseTime;
}
