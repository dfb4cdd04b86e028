/**
 * What every format reader produces: a whole recording in memory, digital samples plus the
 * calibration that turns them into physical units. Readers are pure (bytes in, this out).
 */
import type { RecordingFormat } from '@common/types';

export interface ParsedLead {
  name: string;
  /** Physical units as written in the file ("mV" when the file gives none). */
  units: string;
  /** ADC units per physical unit (WFDB's default 200 when the header gives 0 or none). */
  gain: number;
  /** Digital value of 0 physical units. */
  baseline: number;
  /** ADC resolution in bits when known. */
  adcResolution: number | null;
  /** Digital samples, one per sample of the recording (length === ParsedRecording.samples). */
  digital: Int32Array;
}

export interface ParsedAnnotation {
  /** 0-based sample index in the recording's own rate. */
  sample: number;
  symbol: string;
  subtype: number;
  chan: number;
  num: number;
  aux: string;
}

export interface ParsedRecording {
  format: RecordingFormat;
  recordName: string;
  /** Sampling rate in Hz (per lead; all leads share it). */
  fs: number;
  /** Samples per lead. */
  samples: number;
  leads: ParsedLead[];
  /** ISO-ish base date/time when the file gives one. */
  startTime: string | null;
  /** Free-text header comments, in order. */
  comments: string[];
  /** Patient facts the file carries, when any. */
  patient: { externalId: string | null; age: number | null; sex: 'M' | 'F' | null };
  /** Annotation files found beside the record, by extension (e.g. { atr: [...] }). */
  annotations: Record<string, ParsedAnnotation[]>;
}

/** Digital value WFDB uses for "no sample" (format-dependent; readers map theirs to this). */
export const INVALID_SAMPLE = -2147483648;
