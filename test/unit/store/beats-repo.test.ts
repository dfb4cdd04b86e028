import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../main/store';
import { modelBeat, storeWithRecording } from '../annotate/helpers';
import { syntheticRecording } from './fixtures';

describe('BeatsRepo', () => {
  let store: Store;
  let id: string;
  beforeEach(() => {
    // No reference annotations: the import seeds no beats, each test puts every beat itself.
    ({ store, recordingId: id } = storeWithRecording({
      ...syntheticRecording({ samples: 5000 }),
      annotations: {},
    }));
    expect(store.beats.list(id)).toEqual([]);
  });
  afterEach(() => store.close());

  const samples = (rows: { sample: number }[]) => rows.map((r) => r.sample);

  it('put, get, list by range and label, counts', () => {
    store.beats.put(id, modelBeat(300, 'N', 0.99));
    store.beats.put(id, modelBeat(100, 'V', 0.4));
    store.beats.put(id, { ...modelBeat(200, 'N'), fragile: true, flipEpsilon: 0.01 });
    expect(samples(store.beats.list(id))).toEqual([100, 200, 300]);
    expect(samples(store.beats.list(id, { startSample: 150, endSample: 300 }))).toEqual([200]);
    expect(samples(store.beats.list(id, { label: 'N' }))).toEqual([200, 300]);
    expect(store.beats.get(id, 200)).toMatchObject({
      label: 'N',
      source: 'model',
      modelVersion: 'beat-full@1.0.0',
      fragile: true,
      flipEpsilon: 0.01,
      probs: { N: 0.9 },
    });
    expect(store.beats.get(id, 201)).toBeNull();
    expect(store.beats.counts(id)).toEqual({
      total: 3,
      byLabel: { N: 2, S: 0, V: 1, F: 0, Q: 0 },
      bySource: { model: 3, user: 0, reference: 0 },
    });
  });

  it('finds the next and previous beat of a label, of low confidence, fragile, unconfirmed', () => {
    store.beats.put(id, modelBeat(100, 'N', 0.99));
    store.beats.put(id, modelBeat(200, 'V', 0.95));
    store.beats.put(id, modelBeat(300, 'N', 0.5));
    store.beats.put(id, { ...modelBeat(400, 'N', 0.99), fragile: true });
    store.beats.put(id, { ...modelBeat(500, 'V', 0.3), source: 'user', user: 'ann' });
    expect(store.beats.find(id, 100, 'next', { label: 'V' })?.sample).toBe(200);
    expect(store.beats.find(id, 200, 'next', { label: 'V' })?.sample).toBe(500);
    expect(store.beats.find(id, 500, 'next', { label: 'V' })).toBeNull();
    expect(store.beats.find(id, 500, 'previous', { label: 'V' })?.sample).toBe(200);
    expect(store.beats.find(id, 0, 'next', { maxConfidence: 0.6 })?.sample).toBe(300);
    expect(store.beats.find(id, 300, 'next', { maxConfidence: 0.6 })?.sample).toBe(500);
    expect(
      store.beats.find(id, 300, 'next', { maxConfidence: 0.6, unconfirmedOnly: true }),
    ).toBeNull();
    expect(store.beats.find(id, 0, 'next', { fragile: true })?.sample).toBe(400);
    expect(store.beats.find(id, 1000, 'previous')?.sample).toBe(500);
  });

  it('replaceModelBeats keeps people’s and reference beats, merging the model’s opinion', () => {
    store.beats.put(id, modelBeat(100, 'N'));
    store.beats.put(id, modelBeat(200, 'N'));
    store.beats.put(id, { ...modelBeat(300, 'N'), label: 'V', source: 'user', user: 'ann' });
    store.beats.insertReference(id, [{ sample: 400, label: 'S' }]);
    store.beats.remove(id, 200, 'ann');
    const r = store.beats.replaceModelBeats(
      id,
      'beat-full@2.0.0',
      [
        { sample: 102, label: 'N', confidence: 0.8, probs: null },
        { sample: 201, label: 'N', confidence: 0.8, probs: null },
        { sample: 299, label: 'F', confidence: 0.7, probs: { F: 0.7 } },
        { sample: 400, label: 'N', confidence: 0.6, probs: null },
        { sample: 900, label: 'Q', confidence: 0.5, probs: null },
      ],
      { mergeWithinSamples: 2 },
    );
    expect(r).toEqual({ inserted: 2, merged: 2, removed: 1, kept: 2, suppressed: 1 });
    expect(store.beats.list(id).map((b) => [b.sample, b.label, b.source, b.modelLabel])).toEqual([
      [102, 'N', 'model', 'N'],
      [300, 'V', 'user', 'F'],
      [400, 'S', 'reference', 'N'],
      [900, 'Q', 'model', 'Q'],
    ]);
    expect(store.beats.get(id, 300)).toMatchObject({
      user: 'ann',
      modelVersion: 'beat-full@2.0.0',
      confidence: 0.7,
    });
  });

  it('replaceModelBeats with keep [] replaces everything', () => {
    store.beats.put(id, { ...modelBeat(300, 'N'), label: 'V', source: 'user', user: 'ann' });
    const r = store.beats.replaceModelBeats(
      id,
      'm@1',
      [{ sample: 300, label: 'N', confidence: 1, probs: null }],
      { keep: [] },
    );
    expect(r).toMatchObject({ inserted: 1, removed: 1, kept: 0 });
    expect(store.beats.get(id, 300)).toMatchObject({ label: 'N', source: 'model', user: null });
  });

  it('insertReference never overwrites; remove remembers deletions until cleared', () => {
    store.beats.put(id, { ...modelBeat(10, 'N'), label: 'V', source: 'user', user: 'ann' });
    expect(
      store.beats.insertReference(id, [
        { sample: 10, label: 'N' },
        { sample: 20, label: 'N' },
      ]),
    ).toBe(1);
    expect(store.beats.get(id, 10)?.label).toBe('V');
    expect(store.beats.remove(id, 20, 'ann')).toBe(true);
    expect(store.beats.remove(id, 21)).toBe(false);
    expect(store.beats.deletedSamples(id)).toEqual([20]);
    store.beats.clearDeletion(id, 20);
    expect(store.beats.deletedSamples(id)).toEqual([]);
  });
});
