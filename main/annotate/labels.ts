/**
 * The label editor's operations: set (insert or relabel), delete, move, bulk relabel. The app
 * (API handlers) and the CLI call exactly these, so both behave the same. Each operation:
 * checks the actor's permission, then in ONE write transaction checks the recording exists
 * and is not signed, changes the beats and appends ONE audit entry (user, time, old value,
 * new value, reason). Any failure rolls everything back.
 */
import type { BeatLabel, BeatRow, LabelChange } from '@common/types';
import { requirePermission, type Actor } from '../auth/roles';
import type { BeatWrite, RecordingLayout, Store } from '../store';
import { LabelError } from './errors';
import { isBeatLabel } from './symbols';

export const MAX_REASON_LENGTH = 1000;
export const MAX_BULK = 200_000;

export interface SetLabelInput {
  recordingId: string;
  sample: number;
  label: BeatLabel;
  reason?: string | null;
}

export interface DeleteBeatInput {
  recordingId: string;
  sample: number;
  reason?: string | null;
}

export interface MoveBeatInput {
  recordingId: string;
  fromSample: number;
  toSample: number;
  reason?: string | null;
}

export interface BulkRelabelInput {
  recordingId: string;
  samples: readonly number[];
  label: BeatLabel;
  reason?: string | null;
  /** How the beats were chosen (e.g. similar to a beat), kept in the audit entry. */
  basis?: Record<string, unknown>;
}

/** The compact form of a beat in audit entries. */
function audited(b: BeatRow): Record<string, unknown> {
  return {
    sample: b.sample,
    label: b.label,
    source: b.source,
    user: b.user,
    modelVersion: b.modelVersion,
  };
}

function checkReason(reason: string | null | undefined): string | null {
  if (reason === undefined || reason === null || reason.trim() === '') return null;
  if (reason.length > MAX_REASON_LENGTH) {
    throw new LabelError('invalid', `a reason may have at most ${MAX_REASON_LENGTH} characters`);
  }
  return reason;
}

function checkLabel(label: unknown): BeatLabel {
  if (!isBeatLabel(label)) {
    throw new LabelError('invalid', `label must be one of N, S, V, F, Q, not "${String(label)}"`);
  }
  return label;
}

/**
 * The recording, refused when absent or signed. Call inside the write transaction, so that a
 * sign-off by another window cannot slip in between the check and the change.
 */
export function editableRecording(store: Store, recordingId: string): RecordingLayout {
  const layout = store.recordings.layout(recordingId);
  if (!layout) throw new LabelError('not-found', `no recording ${recordingId}`);
  const review = store.reviews.get(recordingId);
  if (review.status === 'signed') {
    throw new LabelError(
      'read-only',
      `recording ${recordingId} was signed by ${review.signedBy} at ${review.signedAt}; ` +
        'reopen it to change labels',
    );
  }
  return layout;
}

export function checkSample(layout: RecordingLayout, sample: number, what = 'sample'): void {
  if (!Number.isInteger(sample) || sample < 0 || sample >= layout.samples) {
    throw new LabelError(
      'invalid',
      `${what} ${sample} is outside the recording (0 to ${layout.samples - 1})`,
    );
  }
}

/** A person's label at `sample`, keeping the model's opinion of the beat that was there. */
function userBeat(
  sample: number,
  label: BeatLabel,
  user: string,
  before: BeatRow | null,
): BeatWrite {
  return {
    sample,
    label,
    source: 'user',
    user,
    modelVersion: before?.modelVersion ?? null,
    modelLabel: before?.modelLabel ?? null,
    confidence: before?.confidence ?? null,
    probs: before?.probs ?? null,
    fragile: before?.fragile ?? null,
    flipEpsilon: before?.flipEpsilon ?? null,
  };
}

function nothing(recordingId: string): LabelChange {
  return { recordingId, action: 'none', changes: [], auditId: null };
}

function mustGet(store: Store, recordingId: string, sample: number): BeatRow {
  const b = store.beats.get(recordingId, sample);
  if (!b)
    throw new LabelError('not-found', `recording ${recordingId} has no beat at sample ${sample}`);
  return b;
}

/** Sets the label of the beat at `sample`, inserting the beat when there is none. */
export function setLabel(store: Store, actor: Actor, input: SetLabelInput): LabelChange {
  requirePermission(actor, 'labels.edit');
  const label = checkLabel(input.label);
  const reason = checkReason(input.reason);
  return store.write(() => {
    const { recordingId, sample } = input;
    checkSample(editableRecording(store, recordingId), sample);
    const before = store.beats.get(recordingId, sample);
    if (
      before &&
      before.label === label &&
      before.source === 'user' &&
      before.user === actor.user
    ) {
      return nothing(recordingId);
    }
    const at = new Date().toISOString();
    store.beats.put(recordingId, userBeat(sample, label, actor.user, before), at);
    store.beats.clearDeletion(recordingId, sample);
    const after = mustGet(store, recordingId, sample);
    const action = before ? 'beat.relabel' : 'beat.insert';
    const auditId = store.audit.append({
      user: actor.user,
      action,
      entity: 'recording',
      entityId: recordingId,
      oldValue: before ? audited(before) : null,
      newValue: audited(after),
      reason,
      at,
    });
    return { recordingId, action, changes: [{ before, after }], auditId };
  });
}

/** Removes the beat at `sample`; a later model run will not bring it back. */
export function deleteBeat(store: Store, actor: Actor, input: DeleteBeatInput): LabelChange {
  requirePermission(actor, 'labels.edit');
  const reason = checkReason(input.reason);
  return store.write(() => {
    const { recordingId, sample } = input;
    checkSample(editableRecording(store, recordingId), sample);
    const before = mustGet(store, recordingId, sample);
    const at = new Date().toISOString();
    store.beats.remove(recordingId, sample, actor.user, at);
    const auditId = store.audit.append({
      user: actor.user,
      action: 'beat.delete',
      entity: 'recording',
      entityId: recordingId,
      oldValue: audited(before),
      newValue: null,
      reason,
      at,
    });
    return { recordingId, action: 'beat.delete', changes: [{ before, after: null }], auditId };
  });
}

/** Moves a beat's fiducial point; its label and the model's opinion go with it. */
export function moveBeat(store: Store, actor: Actor, input: MoveBeatInput): LabelChange {
  requirePermission(actor, 'labels.edit');
  const reason = checkReason(input.reason);
  return store.write(() => {
    const { recordingId, fromSample, toSample } = input;
    const layout = editableRecording(store, recordingId);
    checkSample(layout, fromSample, 'fromSample');
    checkSample(layout, toSample, 'toSample');
    if (fromSample === toSample) return nothing(recordingId);
    const before = mustGet(store, recordingId, fromSample);
    if (store.beats.get(recordingId, toSample)) {
      throw new LabelError('conflict', `there is already a beat at sample ${toSample}`);
    }
    const at = new Date().toISOString();
    store.beats.remove(recordingId, fromSample, actor.user, at);
    store.beats.put(recordingId, userBeat(toSample, before.label, actor.user, before), at);
    store.beats.clearDeletion(recordingId, toSample);
    const after = mustGet(store, recordingId, toSample);
    const auditId = store.audit.append({
      user: actor.user,
      action: 'beat.move',
      entity: 'recording',
      entityId: recordingId,
      oldValue: audited(before),
      newValue: audited(after),
      reason,
      at,
    });
    return { recordingId, action: 'beat.move', changes: [{ before, after }], auditId };
  });
}

/** Gives many beats one label, as one change with one audit entry listing every beat. */
export function bulkRelabel(store: Store, actor: Actor, input: BulkRelabelInput): LabelChange {
  requirePermission(actor, 'labels.edit');
  const label = checkLabel(input.label);
  const reason = checkReason(input.reason);
  const samples = [...new Set(input.samples)].sort((a, b) => a - b);
  if (samples.length > MAX_BULK) {
    throw new LabelError('invalid', `at most ${MAX_BULK} beats can be relabelled at once`);
  }
  return store.write(() => {
    const { recordingId } = input;
    const layout = editableRecording(store, recordingId);
    const befores = samples.map((s) => {
      checkSample(layout, s);
      return mustGet(store, recordingId, s);
    });
    const changing = befores.filter(
      (b) => !(b.label === label && b.source === 'user' && b.user === actor.user),
    );
    if (changing.length === 0) return nothing(recordingId);
    const at = new Date().toISOString();
    const changes = changing.map((before) => {
      store.beats.put(recordingId, userBeat(before.sample, label, actor.user, before), at);
      return { before, after: mustGet(store, recordingId, before.sample) };
    });
    const auditId = store.audit.append({
      user: actor.user,
      action: 'beat.bulk-relabel',
      entity: 'recording',
      entityId: recordingId,
      oldValue: changing.map(audited),
      newValue: { label, samples: changing.map((b) => b.sample), basis: input.basis ?? null },
      reason,
      at,
    });
    return { recordingId, action: 'beat.bulk-relabel', changes, auditId };
  });
}
