/**
 * `labels export`: a recording's current beat labels as a WFDB annotation file (atr), CSV or
 * JSON, written atomically.
 */
import type { Store } from '../../store';
import { LabelError } from '../errors';
import { writeFileAtomic } from './atomic';
import { encodeAtr } from './atr';
import { encodeCsv } from './csv';
import { encodeJson } from './json';

export const EXPORT_FORMATS = ['atr', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportResult {
  recordingId: string;
  format: ExportFormat;
  path: string;
  beats: number;
  bytes: number;
}

/** The file's bytes and how many beats it holds (nothing written). */
export function renderLabels(
  store: Store,
  recordingId: string,
  format: ExportFormat,
): { bytes: Uint8Array; beats: number } {
  const rec = store.recordings.get(recordingId);
  if (!rec) throw new LabelError('not-found', `no recording ${recordingId}`);
  // One read transaction: the beats and the review state are from the same moment.
  return store.db.transaction(() => {
    const beats = store.beats.list(recordingId);
    const done = (bytes: Uint8Array) => ({ bytes, beats: beats.length });
    if (format === 'atr') return done(encodeAtr(beats));
    if (format === 'csv') return done(Buffer.from(encodeCsv(beats, rec.fs), 'utf8'));
    const review = store.reviews.get(recordingId);
    const text = encodeJson(
      {
        recordingId,
        recordName: rec.recordName,
        fs: rec.fs,
        samples: rec.samples,
        exportedAt: new Date().toISOString(),
        review: {
          status: review.status,
          signedBy: review.signedBy,
          signedAt: review.signedAt,
          meaning: review.meaning,
        },
      },
      beats,
    );
    return done(Buffer.from(text, 'utf8'));
  })();
}

export function exportLabels(
  store: Store,
  recordingId: string,
  format: ExportFormat,
  outPath: string,
): ExportResult {
  const { bytes, beats } = renderLabels(store, recordingId, format);
  writeFileAtomic(outPath, bytes);
  return { recordingId, format, path: outPath, beats, bytes: bytes.byteLength };
}
