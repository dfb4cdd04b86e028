import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteBeat, setLabel } from '../../../main/annotate/labels';
import { applyModelBeats } from '../../../main/annotate/model-beats';
import { signReview } from '../../../main/annotate/review';
import type { Store } from '../../../main/store';
import { annotator, cardiologist, storeWithRecording } from './helpers';

describe('storing a model’s beats', () => {
  let store: Store;
  let id: string;
  beforeEach(() => {
    ({ store, recordingId: id } = storeWithRecording());
  });
  afterEach(() => store.close());

  const run = (version: string, samples: number[]) =>
    applyModelBeats(store, {
      recordingId: id,
      modelVersion: version,
      user: 'analyzer',
      beats: samples.map((sample) => ({
        sample,
        label: 'N' as const,
        confidence: 0.9,
        probs: { N: 0.9 },
      })),
    });

  it('a second run replaces the first but keeps people’s relabels and deletions; audited', () => {
    // The import seeded the synthetic .atr's beats (N at 10, V at 500): they are kept.
    expect(run('beat-full@1.0.0', [100, 200, 300])).toMatchObject({
      inserted: 3,
      removed: 0,
      kept: 2,
    });
    setLabel(store, annotator, { recordingId: id, sample: 200, label: 'V' });
    deleteBeat(store, annotator, { recordingId: id, sample: 300 });
    expect(run('beat-full@1.1.0', [100, 200, 300, 400])).toEqual({
      inserted: 2,
      merged: 1,
      removed: 1,
      kept: 3, // the person's beat at 200 and the reference beats at 10 and 500
      suppressed: 1,
    });
    expect(store.beats.list(id).map((b) => [b.sample, b.label, b.source, b.modelVersion])).toEqual([
      [10, 'N', 'reference', null],
      [100, 'N', 'model', 'beat-full@1.1.0'],
      [200, 'V', 'user', 'beat-full@1.1.0'],
      [400, 'N', 'model', 'beat-full@1.1.0'],
      [500, 'V', 'reference', null],
    ]);
    const runs = store.audit.list().filter((a) => a.action === 'beats.model-replace');
    expect(
      runs.map((a) => [a.user, (a.newValue as { modelVersion: string }).modelVersion]),
    ).toEqual([
      ['analyzer', 'beat-full@1.0.0'],
      ['analyzer', 'beat-full@1.1.0'],
    ]);
  });

  it('refused on a signed recording and for beats outside the recording', () => {
    const before = store.beats.list(id);
    expect(before.map((b) => [b.sample, b.source])).toEqual([
      [10, 'reference'],
      [500, 'reference'],
    ]);
    expect(() => run('m@1', [5000])).toThrow(/outside the recording/);
    signReview(store, cardiologist, id);
    expect(() => run('m@1', [100])).toThrow(/reopen/);
    expect(store.beats.list(id)).toEqual(before);
  });
});
