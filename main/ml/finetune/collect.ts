/**
 * The fine-tuning data: every beat of every SIGNED recording with its current label (a
 * person's, the reference annotations' or the model's — a cardiologist signed them all off),
 * turned into model inputs by exactly the shipped model's preprocessing (main/ml/beats), on
 * the lead the analysis uses (II/MLII, else the first).
 */
import { pickAnalysedLead } from '../../analysis/analyze';
import { leadMillivolts } from '../../analysis/signal';
import { loadStoredRecording } from '../../analysis/stored';
import type { Store } from '../../store';
import { BEAT_CLASSES, type BeatClass } from '../beats/labels';
import { conditionLead, extractWindows, toBeatRate } from '../beats/preprocess';
import { rrFeatures } from '../beats/rr';

export interface RecordingBeats {
  recordingId: string;
  recordName: string;
  signedBy: string | null;
  /** [n][WINDOW_LEN][N_CHANNELS] */
  windows: Float32Array;
  /** [n][RR_DIM] */
  rr: Float32Array;
  /** Index into BEAT_CLASSES. */
  labels: Uint8Array;
  /** 1 where a person set the label (source "user"). */
  byUser: Uint8Array;
}

export function signedRecordingIds(store: Store): string[] {
  return store.db
    .prepare<[], { recording_id: string }>(
      "SELECT recording_id FROM reviews WHERE status = 'signed' ORDER BY recording_id",
    )
    .all()
    .map((r) => r.recording_id);
}

/** Model inputs and labels of one stored recording's beats; null when it has none. */
export function recordingBeats(store: Store, recordingId: string): RecordingBeats | null {
  const beats = store.beats.list(recordingId);
  const recording = loadStoredRecording(store, recordingId);
  if (!recording || beats.length === 0) return null;
  const lead = pickAnalysedLead(recording.leads.map((l) => l.name));
  const samples = Int32Array.from(beats, (b) => b.sample);
  const x = conditionLead(leadMillivolts(recording.leads[lead]), recording.fs);
  return {
    recordingId,
    recordName: recording.recordName,
    signedBy: store.reviews.get(recordingId).signedBy,
    windows: extractWindows(x, toBeatRate(samples, recording.fs)),
    rr: rrFeatures(samples, recording.fs),
    labels: Uint8Array.from(beats, (b) => BEAT_CLASSES.indexOf(b.label as BeatClass)),
    byUser: Uint8Array.from(beats, (b) => (b.source === 'user' ? 1 : 0)),
  };
}

export function collectSignedBeats(store: Store): RecordingBeats[] {
  return signedRecordingIds(store).flatMap((id) => recordingBeats(store, id) ?? []);
}
