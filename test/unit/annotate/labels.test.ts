import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthError } from '../../../main/auth';
import { LabelError } from '../../../main/annotate/errors';
import { bulkRelabel, deleteBeat, moveBeat, setLabel } from '../../../main/annotate/labels';
import { reopenReview, signReview } from '../../../main/annotate/review';
import type { Store } from '../../../main/store';
import { tableCounts } from '../store/fixtures';
import { admin, annotator, cardiologist, modelBeat, operator, storeWithRecording } from './helpers';

function refused(fn: () => unknown): LabelError | AuthError {
  try {
    fn();
  } catch (err) {
    if (err instanceof LabelError || err instanceof AuthError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('label editing service', () => {
  let store: Store;
  let id: string;
  beforeEach(() => {
    ({ store, recordingId: id } = storeWithRecording());
  });
  afterEach(() => store.close());

  const edits = () =>
    store.audit
      .list({ entity: 'recording', entityId: id })
      .filter((a) => a.action.startsWith('beat'));

  const samples = () => store.beats.list(id).map((b) => b.sample);

  it('set on a sample without a beat inserts one; audited with old null and the new beat', () => {
    // The import seeded the synthetic .atr's beats (N at 10, V at 500); 77 has none.
    expect(samples()).toEqual([10, 500]);
    expect(store.beats.get(id, 77)).toBeNull();
    const c = setLabel(store, annotator, {
      recordingId: id,
      sample: 77,
      label: 'V',
      reason: 'wide QRS',
    });
    expect(c.action).toBe('beat.insert');
    expect(c.changes).toHaveLength(1);
    expect(c.changes[0].before).toBeNull();
    expect(c.changes[0].after).toMatchObject({
      sample: 77,
      label: 'V',
      source: 'user',
      user: 'ann',
    });
    const [entry] = edits();
    expect(entry).toMatchObject({
      id: c.auditId,
      user: 'ann',
      action: 'beat.insert',
      entity: 'recording',
      entityId: id,
      oldValue: null,
      newValue: { sample: 77, label: 'V', source: 'user', user: 'ann' },
      reason: 'wide QRS',
    });
    expect(entry.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(samples()).toEqual([10, 77, 500]);
  });

  it('relabelling a reference beat makes it the person’s; audit has the reference label as old', () => {
    expect(store.beats.get(id, 500)).toMatchObject({ label: 'V', source: 'reference', user: null });
    const c = setLabel(store, annotator, { recordingId: id, sample: 500, label: 'F' });
    expect(c.action).toBe('beat.relabel');
    expect(c.changes[0].before).toMatchObject({ sample: 500, label: 'V', source: 'reference' });
    expect(store.beats.get(id, 500)).toMatchObject({
      label: 'F',
      source: 'user',
      user: 'ann',
      modelLabel: null,
      modelVersion: null,
    });
    expect(edits().map((e) => [e.action, e.oldValue, e.newValue])).toEqual([
      [
        'beat.relabel',
        expect.objectContaining({ sample: 500, label: 'V', source: 'reference', user: null }),
        expect.objectContaining({ sample: 500, label: 'F', source: 'user', user: 'ann' }),
      ],
    ]);
    expect(store.beats.get(id, 10)).toMatchObject({ label: 'N', source: 'reference' });
  });

  it('relabelling a model beat keeps the model’s opinion; audit has old and new', () => {
    store.beats.put(id, modelBeat(200, 'N', 0.7));
    const c = setLabel(store, annotator, { recordingId: id, sample: 200, label: 'S' });
    expect(c.action).toBe('beat.relabel');
    expect(store.beats.get(id, 200)).toMatchObject({
      label: 'S',
      source: 'user',
      user: 'ann',
      modelLabel: 'N',
      modelVersion: 'beat-full@1.0.0',
      confidence: 0.7,
    });
    expect(edits()[0]).toMatchObject({
      oldValue: {
        sample: 200,
        label: 'N',
        source: 'model',
        user: null,
        modelVersion: 'beat-full@1.0.0',
      },
      newValue: { sample: 200, label: 'S', source: 'user', user: 'ann' },
      reason: null,
    });
  });

  it('setting the label a person already gave changes nothing and is not audited', () => {
    setLabel(store, annotator, { recordingId: id, sample: 200, label: 'S' });
    const again = setLabel(store, annotator, { recordingId: id, sample: 200, label: 'S' });
    expect(again).toEqual({ recordingId: id, action: 'none', changes: [], auditId: null });
    expect(edits()).toHaveLength(1);
  });

  it('delete and move: one audit entry each, old and new values', () => {
    store.beats.put(id, modelBeat(100, 'N'));
    store.beats.put(id, modelBeat(300, 'V'));
    const d = deleteBeat(store, annotator, { recordingId: id, sample: 100, reason: 'noise' });
    expect(d.changes[0]).toMatchObject({ before: { sample: 100 }, after: null });
    const m = moveBeat(store, operator, { recordingId: id, fromSample: 300, toSample: 305 });
    expect(m.changes[0]).toMatchObject({
      before: { sample: 300, label: 'V', source: 'model' },
      after: { sample: 305, label: 'V', source: 'user', user: 'op', modelLabel: 'V' },
    });
    // The reference beats the import seeded (10 and 500) are untouched.
    expect(samples()).toEqual([10, 305, 500]);
    expect(edits().map((e) => [e.action, e.oldValue, e.newValue, e.reason])).toEqual([
      ['beat.delete', expect.objectContaining({ sample: 100, label: 'N' }), null, 'noise'],
      [
        'beat.move',
        expect.objectContaining({ sample: 300 }),
        expect.objectContaining({ sample: 305, user: 'op' }),
        null,
      ],
    ]);
    // Deleted and moved-away positions are remembered for later model runs.
    expect(store.beats.deletedSamples(id)).toEqual([100, 300]);
  });

  it('bulk relabel is one change and ONE audit entry listing every beat', () => {
    for (const s of [100, 200, 300, 400]) store.beats.put(id, modelBeat(s, 'N'));
    store.beats.put(id, { ...modelBeat(500, 'V'), source: 'user', user: 'ann' });
    const c = bulkRelabel(store, annotator, {
      recordingId: id,
      samples: [300, 100, 500, 100],
      label: 'V',
      basis: { referenceSample: 100, threshold: 0.9 },
    });
    expect(c.changes.map((x) => x.after?.sample)).toEqual([100, 300]);
    const e = edits();
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({
      action: 'beat.bulk-relabel',
      oldValue: [
        expect.objectContaining({ sample: 100, label: 'N' }),
        expect.objectContaining({ sample: 300 }),
      ],
      newValue: {
        label: 'V',
        samples: [100, 300],
        basis: { referenceSample: 100, threshold: 0.9 },
      },
    });
  });

  it('refusals write nothing: unknown recording, sample outside, missing beat, bad label, conflict', () => {
    store.beats.put(id, modelBeat(100, 'N'));
    store.beats.put(id, modelBeat(200, 'N'));
    const before = tableCounts(store.db);
    const cases: [() => unknown, string, RegExp][] = [
      [
        () => setLabel(store, annotator, { recordingId: 'nope', sample: 1, label: 'N' }),
        'not-found',
        /no recording nope/,
      ],
      [
        () => setLabel(store, annotator, { recordingId: id, sample: 5000, label: 'N' }),
        'invalid',
        /outside the recording \(0 to 4999\)/,
      ],
      [
        () => setLabel(store, annotator, { recordingId: id, sample: -1, label: 'N' }),
        'invalid',
        /outside/,
      ],
      [
        () => setLabel(store, annotator, { recordingId: id, sample: 1, label: 'X' as 'N' }),
        'invalid',
        /one of N, S, V, F, Q/,
      ],
      [
        () => deleteBeat(store, annotator, { recordingId: id, sample: 150 }),
        'not-found',
        /no beat at sample 150/,
      ],
      [
        () => moveBeat(store, annotator, { recordingId: id, fromSample: 100, toSample: 200 }),
        'conflict',
        /already a beat/,
      ],
      [
        () => bulkRelabel(store, annotator, { recordingId: id, samples: [100, 150], label: 'V' }),
        'not-found',
        /sample 150/,
      ],
      [
        () =>
          setLabel(store, annotator, {
            recordingId: id,
            sample: 1,
            label: 'N',
            reason: 'x'.repeat(1001),
          }),
        'invalid',
        /reason/,
      ],
    ];
    for (const [fn, kind, message] of cases) {
      const err = refused(fn);
      expect(err.kind).toBe(kind);
      expect(err.message).toMatch(message);
    }
    expect(tableCounts(store.db)).toEqual(before);
  });

  it('roles: an admin may not edit labels; annotators, cardiologists and the local operator may', () => {
    const err = refused(() => setLabel(store, admin, { recordingId: id, sample: 1, label: 'N' }));
    expect(err).toBeInstanceOf(AuthError);
    expect(err.kind).toBe('forbidden');
    for (const a of [annotator, cardiologist, operator]) {
      expect(setLabel(store, a, { recordingId: id, sample: 1, label: 'N' }).auditId).not.toBeNull();
    }
  });

  it('a signed recording is read-only until reopened', () => {
    store.beats.put(id, modelBeat(100, 'N'));
    signReview(store, cardiologist, id);
    const before = tableCounts(store.db);
    for (const fn of [
      () => setLabel(store, cardiologist, { recordingId: id, sample: 100, label: 'V' }),
      () => deleteBeat(store, annotator, { recordingId: id, sample: 100 }),
      () => moveBeat(store, annotator, { recordingId: id, fromSample: 100, toSample: 101 }),
      () => bulkRelabel(store, annotator, { recordingId: id, samples: [100], label: 'V' }),
    ]) {
      const err = refused(fn);
      expect(err.kind).toBe('read-only');
      expect(err.message).toMatch(/signed by card .*reopen/);
    }
    expect(tableCounts(store.db)).toEqual(before);
    reopenReview(store, cardiologist, id, 'second look at beat 100');
    expect(setLabel(store, annotator, { recordingId: id, sample: 100, label: 'V' }).action).toBe(
      'beat.relabel',
    );
  });

  it('the audit trail stays a valid chain through all of it', () => {
    store.beats.put(id, modelBeat(100, 'N'));
    setLabel(store, annotator, { recordingId: id, sample: 100, label: 'V' });
    moveBeat(store, annotator, { recordingId: id, fromSample: 100, toSample: 110 });
    deleteBeat(store, annotator, { recordingId: id, sample: 110 });
    expect(store.audit.verify()).toMatchObject({ ok: true, entries: 5 });
  });
});
