/** Row shapes the repositories take and return, beyond the API shapes in @common/types. */
import type { BeatLabel, BeatRow, BeatSource, LeadInfo, RecordingFormat } from '@common/types';

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

/** A beat as the editor or a model writes it; the repository stamps `updated_at`. */
export type BeatWrite = Omit<BeatRow, 'updatedAt'>;

/** One beat of a model's output. */
export interface ModelBeat {
  sample: number;
  label: BeatLabel;
  confidence: number;
  probs: Partial<Record<BeatLabel, number>> | null;
  fragile?: boolean | null;
  flipEpsilon?: number | null;
}

export interface ReplaceModelOptions {
  /**
   * Beats of these sources survive the replacement (default: user and reference). A model
   * beat within `mergeWithinSamples` of a surviving beat is not inserted; its opinion is
   * stored in the surviving beat's model_* fields instead. Pass [] to replace everything.
   */
  keep?: readonly Exclude<BeatSource, 'model'>[];
  /** Default 0: only a model beat at exactly the same sample merges. */
  mergeWithinSamples?: number;
}

export interface ReplaceModelResult {
  inserted: number;
  merged: number;
  removed: number;
  kept: number;
  /** Model beats dropped because a person deleted a beat there. */
  suppressed: number;
}

export interface BeatFilter {
  label?: BeatLabel;
  /** Beats whose model confidence is below this. */
  maxConfidence?: number;
  fragile?: boolean;
  source?: BeatSource;
  /** Skip beats a person has already labelled (source "user"). */
  unconfirmedOnly?: boolean;
}
