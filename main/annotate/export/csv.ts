import type { BeatRow } from '@common/types';

export const CSV_HEADER = 'sample,time_s,label,source,model_version,user,confidence';

/** RFC 4180: quote a field that holds a comma, a quote or a line break; double its quotes. */
function field(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Seconds from the start, to the microsecond (exact enough to find the sample again). */
export function timeSeconds(sample: number, fs: number): number {
  return Math.round((sample / fs) * 1e6) / 1e6;
}

/** One line per beat (CRLF, as RFC 4180), empty fields for what does not apply. */
export function encodeCsv(beats: readonly BeatRow[], fs: number): string {
  const lines = [CSV_HEADER];
  for (const b of beats) {
    lines.push(
      [b.sample, timeSeconds(b.sample, fs), b.label, b.source, b.modelVersion, b.user, b.confidence]
        .map(field)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
