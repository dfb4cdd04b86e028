import type { BeatLabel } from '@common/types';
import { localOperator, type Actor } from '../../../main/auth';
import { writeRecording } from '../../../main/import/write-recording';
import type { ParsedRecording } from '../../../main/formats/types';
import { openStore, type BeatWrite, type Store } from '../../../main/store';
import { syntheticRecording } from '../store/fixtures';

/** Actors of each role, for service tests (no accounts needed). */
export const annotator: Actor = { user: 'ann', role: 'annotator', userId: 'u-ann' };
export const cardiologist: Actor = { user: 'card', role: 'cardiologist', userId: 'u-card' };
export const admin: Actor = { user: 'root', role: 'admin', userId: 'u-admin' };
export const operator: Actor = localOperator('op');

/** A throw-away store holding one recording (synthetic unless given). */
export function storeWithRecording(rec: ParsedRecording = syntheticRecording({ samples: 5000 })): {
  store: Store;
  recordingId: string;
} {
  const store = openStore(':memory:');
  const { recordingId } = writeRecording(store, rec, {
    source: `db/${rec.recordName}.hea`,
    sha256: 'c'.repeat(64),
    user: 'importer',
  });
  return { store, recordingId };
}

export function modelBeat(sample: number, label: BeatLabel, confidence = 0.9): BeatWrite {
  return {
    sample,
    label,
    source: 'model',
    user: null,
    modelVersion: 'beat-full@1.0.0',
    modelLabel: label,
    confidence,
    probs: { [label]: confidence },
    fragile: null,
    flipEpsilon: null,
  };
}
