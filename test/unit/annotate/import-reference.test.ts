import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BeatLabel } from '@common/types';
import { writeRecording } from '../../../main/import/write-recording';
import type { ParsedRecording } from '../../../main/formats/types';
import { openStore, type Store } from '../../../main/store';
import { syntheticRecording, tableCounts } from '../store/fixtures';
import { storeWithRecording } from './helpers';

/**
 * An import seeds the beat labels of the record's `.atr` (MIT-BIH's reference annotations) as
 * beats with source "reference", in the import's own transaction, counted in its audit entry.
 */

/** AAMI EC57: MIT-BIH beat symbol → class, written out here independently of the code. */
const AAMI: Readonly<Record<BeatLabel, readonly string[]>> = {
  N: ['N', 'L', 'R', 'e', 'j'],
  S: ['A', 'a', 'J', 'S'],
  V: ['V', 'E'],
  F: ['F'],
  Q: ['/', 'f', 'Q'],
};

type Annotation = ParsedRecording['annotations'][string][number];
const ann = (sample: number, symbol: string, aux = ''): Annotation => ({
  sample,
  symbol,
  subtype: 0,
  chan: 0,
  num: 0,
  aux,
});

function recordingWith(annotations: ParsedRecording['annotations']): ParsedRecording {
  return { ...syntheticRecording({ samples: 5000 }), annotations };
}

function importEntry(store: Store, recordingId: string) {
  const entries = store.audit.list({ entity: 'recording', entityId: recordingId });
  expect(entries.map((e) => e.action)).toEqual(['recording.import']);
  return entries[0];
}

describe('import seeds the reference beats of the .atr', () => {
  let store: Store | undefined;
  afterEach(() => {
    vi.restoreAllMocks();
    store?.close();
    store = undefined;
  });

  it('the .atr beats become reference beats; the import entry counts them; no other entry', () => {
    // The synthetic record's .atr: N at 10, V at 500 and a rhythm change '+' at 900.
    const s = storeWithRecording();
    store = s.store;
    expect(
      store.beats
        .list(s.recordingId)
        .map((b) => [b.sample, b.label, b.source, b.user, b.modelVersion, b.modelLabel]),
    ).toEqual([
      [10, 'N', 'reference', null, null, null],
      [500, 'V', 'reference', null, null, null],
    ]);
    expect(store.beats.counts(s.recordingId)).toEqual({
      total: 2,
      byLabel: { N: 1, S: 0, V: 1, F: 0, Q: 0 },
      bySource: { model: 0, user: 0, reference: 2 },
    });
    expect(store.beats.deletedSamples(s.recordingId)).toEqual([]);
    expect(importEntry(store, s.recordingId).newValue).toMatchObject({
      annotations: { atr: 3 },
      referenceBeats: 2,
    });
    expect(store.audit.list().map((e) => e.action)).toEqual(['patient.create', 'recording.import']);
    expect(store.audit.verify()).toMatchObject({ ok: true, entries: 2 });
  });

  it('every MIT-BIH beat symbol with an AAMI class, mapped by EC57; nothing else is seeded', () => {
    const classified = Object.values(AAMI).flat();
    const atr: Annotation[] = classified.map((symbol, i) => ann(100 + 100 * i, symbol));
    // Beats without an AAMI class, non-beat annotations, and a second beat at a taken sample.
    ['B', 'r', 'n', '?', '+', '~', '|', '!', 'x', '"', '[', ']'].forEach((symbol, i) =>
      atr.push(ann(3000 + 10 * i, symbol, symbol === '+' ? '(AFIB' : '')),
    );
    atr.push(ann(100, 'V'));
    atr.sort((a, b) => a.sample - b.sample);
    const s = storeWithRecording(recordingWith({ atr }));
    store = s.store;
    const expected = classified.map((symbol, i) => {
      const label = (Object.keys(AAMI) as BeatLabel[]).find((l) => AAMI[l].includes(symbol));
      return [100 + 100 * i, label];
    });
    expect(expected).toHaveLength(15);
    expect(store.beats.list(s.recordingId).map((b) => [b.sample, b.label])).toEqual(expected);
    expect(store.beats.get(s.recordingId, 100)?.label).toBe('N'); // the first one at 100
    expect(importEntry(store, s.recordingId).newValue).toMatchObject({
      annotations: { atr: atr.length },
      referenceBeats: 15,
    });
  });

  it('no .atr: no beats and referenceBeats 0; other annotators are not reference labels', () => {
    store = openStore(':memory:');
    const opts = (n: number) => ({
      source: `db/r${n}.hea`,
      sha256: String(n).repeat(64),
      user: 'u',
    });
    const none = writeRecording(store, recordingWith({}), opts(1)).recordingId;
    const ludbLike = writeRecording(
      store,
      recordingWith({ i: [ann(10, 'N'), ann(500, 'N')], ii: [ann(12, 'N')], qrs: [ann(40, 'N')] }),
      opts(2),
    ).recordingId;
    for (const id of [none, ludbLike]) {
      expect(store.beats.list(id)).toEqual([]);
      expect(importEntry(store, id).newValue).toMatchObject({ referenceBeats: 0 });
    }
    expect(store.annotations.list(ludbLike, { source: 'i' })).toHaveLength(2);
    expect(tableCounts(store.db).beats).toBe(0);
  });

  it('an .atr without beat annotations seeds nothing', () => {
    const s = storeWithRecording(recordingWith({ atr: [ann(5, '+', '(N'), ann(900, '~')] }));
    store = s.store;
    expect(store.beats.list(s.recordingId)).toEqual([]);
    expect(importEntry(store, s.recordingId).newValue).toMatchObject({ referenceBeats: 0 });
  });

  it('a failed import leaves no beats: the seeding is rolled back with everything else', () => {
    store = openStore(':memory:');
    const db = store;
    const before = tableCounts(db.db);
    const opts = { source: 'db/synth.hea', sha256: 'e'.repeat(64), user: 'importer' };
    const seeded = vi.spyOn(db.beats, 'insertReference');
    const append = db.audit.append.bind(db.audit);
    // Fails after the beats were written: the import's own audit entry cannot be stored.
    vi.spyOn(db.audit, 'append').mockImplementation((e) => {
      if (e.action === 'recording.import') throw new Error('disk full');
      return append(e);
    });
    expect(() => writeRecording(db, syntheticRecording({ samples: 5000 }), opts)).toThrow(
      /disk full/,
    );
    expect(seeded).toHaveLastReturnedWith(2);
    expect(tableCounts(db.db)).toEqual(before);
    vi.restoreAllMocks();

    // Fails while seeding, after some beats went in.
    const insertReference = db.beats.insertReference.bind(db.beats);
    vi.spyOn(db.beats, 'insertReference').mockImplementation(
      (id: string, beats: readonly { sample: number; label: BeatLabel }[]) => {
        insertReference(id, beats.slice(0, 1));
        throw new Error('disk full');
      },
    );
    expect(() => writeRecording(db, syntheticRecording({ samples: 5000 }), opts)).toThrow(
      /disk full/,
    );
    expect(tableCounts(db.db)).toEqual(before);
    vi.restoreAllMocks();

    // Nothing half-written is left in the way: the same bytes import normally afterwards.
    const { recordingId, duplicate } = writeRecording(
      db,
      syntheticRecording({ samples: 5000 }),
      opts,
    );
    expect(duplicate).toBeUndefined();
    expect(db.beats.list(recordingId).map((b) => b.sample)).toEqual([10, 500]);
  });
});
