/** Row shapes the repositories take and return, beyond the API shapes in @common/types. */
import type { LeadInfo, RecordingFormat } from '@common/types';

export type SampleType = 'int16' | 'int32';

export interface NewPatient {
  externalId: string;
  displayName: string;
  sex: 'M' | 'F' | null;
  age: number | null;
}

export interface NewLead {
  name: string;
  units: string;
  gain: number;
  baseline: number;
  adcResolution: number | null;
  toMillivolts: number | null;
  sampleType: SampleType;
}

export interface NewRecording {
  patientId: string;
  source: string;
  recordName: string;
  format: RecordingFormat;
  fs: number;
  samples: number;
  sha256: string;
  startTime: string | null;
  comments: string[];
  chunkLen: number;
  leads: NewLead[];
}

/** What the signal reader needs to know about a recording. */
export interface RecordingLayout {
  recordingId: string;
  fs: number;
  samples: number;
  chunkLen: number;
  leads: (LeadInfo & { sampleType: SampleType })[];
}

export interface AuditEntryInput {
  user: string;
  action: string;
  entity: string;
  entityId: string;
  oldValue?: unknown;
  newValue?: unknown;
  reason?: string | null;
  /** ISO time; now when absent. */
  at?: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  user: string;
  action: string;
  entity: string;
  entityId: string;
  oldValue: unknown;
  newValue: unknown;
  reason: string | null;
}
