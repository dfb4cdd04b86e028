import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthError } from '../../../main/auth';
import { LabelError } from '../../../main/annotate/errors';
import { getReview, reopenReview, signReview, startReview } from '../../../main/annotate/review';
import type { Store } from '../../../main/store';
import { admin, annotator, cardiologist, operator, storeWithRecording } from './helpers';

describe('review workflow', () => {
  let store: Store;
  let id: string;
  beforeEach(() => {
    ({ store, recordingId: id } = storeWithRecording());
  });
  afterEach(() => store.close());

  const reviewAudit = () =>
    store.audit
      .list({ entity: 'recording', entityId: id })
      .filter((a) => a.action.startsWith('review'));

  it('unreviewed → in_review → signed → reopened, each step audited', () => {
    expect(getReview(store, id)).toMatchObject({ status: 'unreviewed', signedBy: null });
    expect(startReview(store, annotator, id)).toMatchObject({
      status: 'in_review',
      startedBy: 'ann',
    });
    expect(startReview(store, annotator, id).status).toBe('in_review'); // no second entry
    const signed = signReview(store, cardiologist, id);
    expect(signed).toMatchObject({
      status: 'signed',
      signedBy: 'card',
      meaning: 'Reviewed and approved',
      startedBy: 'ann',
    });
    expect(signed.signedAt).toMatch(/^\d{4}-/);
    const reopened = reopenReview(store, cardiologist, id, 'new information');
    expect(reopened).toMatchObject({ status: 'in_review', signedBy: null, meaning: null });
    const log = reviewAudit();
    expect(log.map((a) => [a.action, a.user])).toEqual([
      ['review.start', 'ann'],
      ['review.sign', 'card'],
      ['review.reopen', 'card'],
    ]);
    expect(log[1]).toMatchObject({
      oldValue: { status: 'in_review' },
      newValue: { status: 'signed', signedBy: 'card', meaning: 'Reviewed and approved' },
    });
    expect(log[2]).toMatchObject({ oldValue: { status: 'signed' }, reason: 'new information' });
  });

  it('a custom meaning; signing straight from unreviewed; no double signature', () => {
    expect(signReview(store, cardiologist, id, 'Read and interpreted').meaning).toBe(
      'Read and interpreted',
    );
    expect(() => signReview(store, cardiologist, id)).toThrow(/already signed by card/);
    expect(() => startReview(store, annotator, id)).toThrow(LabelError);
  });

  it('only cardiologists sign and reopen; reopening needs a reason; unknown recordings', () => {
    for (const a of [annotator, admin, operator]) {
      expect(() => signReview(store, a, id)).toThrow(AuthError);
    }
    expect(() => startReview(store, admin, id)).toThrow(AuthError);
    signReview(store, cardiologist, id);
    expect(() => reopenReview(store, annotator, id, 'x')).toThrow(AuthError);
    expect(() => reopenReview(store, cardiologist, id, '  ')).toThrow(/needs a reason/);
    expect(() => getReview(store, 'nope')).toThrow(/no recording nope/);
    expect(() => reopenReview(store, cardiologist, 'nope', 'x')).toThrow(/no recording/);
    expect(reviewAudit()).toHaveLength(1);
  });
});
