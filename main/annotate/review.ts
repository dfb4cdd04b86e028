/**
 * The review workflow of a recording: unreviewed → in_review → signed, and signed → in_review
 * again by reopening. Signing stores the signer, the time and the meaning of the signature;
 * every transition is audited; a signed recording's labels are read-only (see labels.ts).
 * Re-entering the password before signing is the caller's part (AuthService.confirmPassword).
 */
import type { ReviewState } from '@common/types';
import { requirePermission, type Actor } from '../auth/roles';
import type { Store } from '../store';
import { LabelError } from './errors';

export const DEFAULT_SIGNATURE_MEANING = 'Reviewed and approved';

function mustExist(store: Store, recordingId: string): void {
  if (!store.recordings.has(recordingId)) {
    throw new LabelError('not-found', `no recording ${recordingId}`);
  }
}

export function getReview(store: Store, recordingId: string): ReviewState {
  mustExist(store, recordingId);
  return store.reviews.get(recordingId);
}

function transition(
  store: Store,
  actor: Actor,
  recordingId: string,
  action: string,
  next: (before: ReviewState, at: string) => ReviewState | null,
  reason: string | null = null,
): ReviewState {
  return store.write(() => {
    mustExist(store, recordingId);
    const before = store.reviews.get(recordingId);
    const at = new Date().toISOString();
    const after = next(before, at);
    if (after === null) return before;
    store.reviews.put({ ...after, updatedAt: at });
    const summary = (s: ReviewState) => ({
      status: s.status,
      signedBy: s.signedBy,
      signedAt: s.signedAt,
      meaning: s.meaning,
    });
    store.audit.append({
      user: actor.user,
      action,
      entity: 'recording',
      entityId: recordingId,
      oldValue: summary(before),
      newValue: summary(after),
      reason,
      at,
    });
    return store.reviews.get(recordingId);
  });
}

/** unreviewed → in_review (no change when already in review). */
export function startReview(store: Store, actor: Actor, recordingId: string): ReviewState {
  requirePermission(actor, 'review.start');
  return transition(store, actor, recordingId, 'review.start', (before, at) => {
    if (before.status === 'in_review') return null;
    if (before.status === 'signed') {
      throw new LabelError('conflict', `recording ${recordingId} is signed; reopen it instead`);
    }
    return { ...before, status: 'in_review', startedBy: actor.user, startedAt: at };
  });
}

/** Electronic sign-off: the recording becomes read-only. */
export function signReview(
  store: Store,
  actor: Actor,
  recordingId: string,
  meaning: string = DEFAULT_SIGNATURE_MEANING,
): ReviewState {
  requirePermission(actor, 'review.sign');
  const text = meaning.trim();
  if (text === '' || text.length > 200) {
    throw new LabelError('invalid', 'the meaning of a signature has 1 to 200 characters');
  }
  return transition(store, actor, recordingId, 'review.sign', (before, at) => {
    if (before.status === 'signed') {
      throw new LabelError(
        'conflict',
        `recording ${recordingId} is already signed by ${before.signedBy} at ${before.signedAt}`,
      );
    }
    return {
      ...before,
      status: 'signed',
      startedBy: before.startedBy ?? actor.user,
      startedAt: before.startedAt ?? at,
      signedBy: actor.user,
      signedAt: at,
      meaning: text,
    };
  });
}

/** signed → in_review, so labels can be changed again. A reason is required. */
export function reopenReview(
  store: Store,
  actor: Actor,
  recordingId: string,
  reason: string,
): ReviewState {
  requirePermission(actor, 'review.reopen');
  if (reason.trim() === '' || reason.length > 1000) {
    throw new LabelError(
      'invalid',
      'reopening a signed recording needs a reason (1 to 1000 characters)',
    );
  }
  return transition(
    store,
    actor,
    recordingId,
    'review.reopen',
    (before, at) => {
      if (before.status !== 'signed') {
        throw new LabelError('conflict', `recording ${recordingId} is not signed`);
      }
      return {
        ...before,
        status: 'in_review',
        startedBy: actor.user,
        startedAt: at,
        signedBy: null,
        signedAt: null,
        meaning: null,
      };
    },
    reason,
  );
}
