/**
 * Reference annotations (e.g. MIT-BIH's cardiologist-made .atr) as beats: every beat symbol
 * with an AAMI class becomes a beat with source "reference". Non-beat annotations (rhythm,
 * noise, comments) and beats without an AAMI class (B, r, n, ?) are skipped and counted.
 */
import type { AnnotationRow, BeatLabel, ReferenceSeedResult } from '@common/types';
import { BEAT_SYMBOLS } from '../formats/wfdb/annotation-codes';
import { requirePermission, type Actor } from '../auth/roles';
import type { Store } from '../store';
import { LabelError } from './errors';
import { editableRecording } from './labels';
import { labelForSymbol } from './symbols';

export interface ReferenceBeats {
  beats: { sample: number; label: BeatLabel }[];
  /** Beat annotations with no AAMI class. */
  unclassified: number;
}

export function referenceBeats(annotations: readonly AnnotationRow[]): ReferenceBeats {
  const beats: { sample: number; label: BeatLabel }[] = [];
  const seen = new Set<number>();
  let unclassified = 0;
  for (const a of annotations) {
    if (!BEAT_SYMBOLS.has(a.symbol)) continue;
    const label = labelForSymbol(a.symbol);
    // One beat per sample: a second annotation at the same time would be a duplicate key.
    if (label === null || seen.has(a.sample)) {
      unclassified++;
      continue;
    }
    seen.add(a.sample);
    beats.push({ sample: a.sample, label });
  }
  return { beats, unclassified };
}

/**
 * Adds the reference beats of annotation `source` (default "atr") where the recording has no
 * beat yet; audited as one entry. People's edits are never overwritten.
 */
export function seedReferenceBeats(
  store: Store,
  actor: Actor,
  recordingId: string,
  source = 'atr',
): ReferenceSeedResult {
  requirePermission(actor, 'labels.edit');
  return store.write(() => {
    editableRecording(store, recordingId);
    const annotations = store.annotations.list(recordingId, { source });
    if (annotations.length === 0) {
      throw new LabelError('not-found', `recording ${recordingId} has no "${source}" annotations`);
    }
    const { beats, unclassified } = referenceBeats(annotations);
    const at = new Date().toISOString();
    const inserted = store.beats.insertReference(recordingId, beats, at);
    const result = {
      recordingId,
      source,
      inserted,
      existing: beats.length - inserted,
      unclassified,
    };
    const auditId =
      inserted === 0
        ? null
        : store.audit.append({
            user: actor.user,
            action: 'beats.seed-reference',
            entity: 'recording',
            entityId: recordingId,
            newValue: { source, inserted, existing: result.existing, unclassified },
            at,
          });
    return { ...result, auditId };
  });
}
