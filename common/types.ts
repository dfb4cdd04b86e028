/**
 * Plain data shapes that cross the main/renderer boundary (IPC or the web host's HTTP).
 * Everything here is JSON-serialisable; no Node or DOM types.
 */

/** Formats the importer recognises. Only `wfdb` is implemented today. */
export type RecordingFormat = 'wfdb' | 'hl7-aecg' | 'philips-xml' | 'scp-ecg' | 'dicom';

export interface LeadInfo {
  /** 0-based position of the lead in the recording. */
  index: number;
  /** Lead name as written in the file (e.g. "MLII", "V5", "i", "avr"). */
  name: string;
  /** Physical units as written in the file (e.g. "mV", "uV"). */
  units: string;
  /** ADC units per physical unit. */
  gain: number;
  /** Digital value that corresponds to 0 physical units. */
  baseline: number;
  /** Multiply physical values by this to get millivolts (1 for mV, 0.001 for uV); null if not a voltage. */
  toMillivolts: number | null;
}

export interface PatientRow {
  patientId: string;
  /** Identifier found in the source (e.g. record name or patient id in the header); may be empty. */
  externalId: string;
  displayName: string;
  sex: 'M' | 'F' | null;
  age: number | null;
  createdAt: string;
  recordingCount: number;
}

export interface RecordingSummary {
  recordingId: string;
  patientId: string;
  patientName: string;
  /** Source path relative to the import root, e.g. "mitdb/100.hea". */
  source: string;
  recordName: string;
  format: RecordingFormat;
  fs: number;
  leads: string[];
  samples: number;
  durationS: number;
  importedAt: string;
  annotationCount: number;
}

export interface RecordingDetail extends RecordingSummary {
  leadInfo: LeadInfo[];
  sha256: string;
  comments: string[];
  /** Annotation sources present, e.g. ["atr"]. */
  annotationSources: string[];
}

export interface ImportedRecording {
  recordingId: string;
  patientId: string;
  source: string;
  format: RecordingFormat;
  fs: number;
  leads: string[];
  samples: number;
  durationS: number;
  /** True when the same source bytes were already in the store; nothing new was written. */
  duplicate?: boolean;
}

export interface ImportError {
  source: string;
  message: string;
}

/** Exactly the JSON shape of `ecg-desk import --json` (../shared/CLI-CONTRACT.md). */
export interface ImportReport {
  imported: ImportedRecording[];
  errors: ImportError[];
}

/**
 * A window of signal for display. `step` > 1 means the window was reduced to at most
 * `maxPoints` columns; each column then carries the min and the max of its samples so that
 * QRS peaks survive the reduction.
 */
export interface SignalWindow {
  recordingId: string;
  fs: number;
  startSample: number;
  /** Exclusive. */
  endSample: number;
  /** Samples per column (1 = raw samples). */
  step: number;
  leads: {
    index: number;
    name: string;
    /** Values in millivolts (or physical units when not a voltage). Min per column when step > 1. */
    values: number[];
    /** Max per column when step > 1; absent when step == 1. */
    maxValues?: number[];
  }[];
}

export interface AnnotationRow {
  /** 0-based sample index in the recording's own rate. */
  sample: number;
  /** Annotation symbol as in the source (MIT-BIH symbols, e.g. "N", "V", "+"). */
  symbol: string;
  subtype: number;
  chan: number;
  num: number;
  aux: string;
  /** Where it came from, e.g. "atr" (file annotation). */
  source: string;
}

export interface AppInfo {
  version: string;
  /** "electron" or "web". */
  host: 'electron' | 'web';
  storePath: string;
  /** ML backend in use, null until a model runtime is started. */
  mlBackend: string | null;
}
