/**
 * Storing a beat classifier's output for a recording (for the classifier integration): one
 * transaction that replaces earlier model beats, keeps people's (and reference) beats, and
 * appends one audit entry naming the model version and the counts. Refused on a signed
 * recording, whose labels are read-only.
 */
import type { ReplaceModelOptions, ReplaceModelResult, ModelBeat, Store } from '../store';
import { LabelError } from './errors';
import { editableRecording } from './labels';
import { isBeatLabel } from './symbols';

export interface ModelOutput {
  recordingId: string;
  /** E.g. "beat-full@1.0.0". */
  modelVersion: string;
  beats: readonly ModelBeat[];
  /** Who ran the model (audit trail). */
  user: string;
}

export function applyModelBeats(
  store: Store,
  output: ModelOutput,
  opts: ReplaceModelOptions = {},
): ReplaceModelResult {
  if (output.modelVersion.trim() === '') throw new LabelError('invalid', 'modelVersion is empty');
  for (const b of output.beats) {
    if (!isBeatLabel(b.label) || !(b.confidence >= 0 && b.confidence <= 1)) {
      throw new LabelError('invalid', `model beat at sample ${b.sample}: bad label or confidence`);
    }
  }
  return store.write(() => {
    const layout = editableRecording(store, output.recordingId);
    const outside = output.beats.find((b) => !(b.sample >= 0 && b.sample < layout.samples));
    if (outside) {
      throw new LabelError(
        'invalid',
        `model beat at sample ${outside.sample} is outside the recording`,
      );
    }
    const result = store.beats.replaceModelBeats(
      output.recordingId,
      output.modelVersion,
      output.beats,
      opts,
    );
    store.audit.append({
      user: output.user,
      action: 'beats.model-replace',
      entity: 'recording',
      entityId: output.recordingId,
      newValue: { modelVersion: output.modelVersion, ...result },
    });
    return result;
  });
}
