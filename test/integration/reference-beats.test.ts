import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import type { BeatLabel } from '@common/types';
import { parseAnnotations } from '../../main/formats';
import { importRecordings } from '../../main/import';
import { openStore, type Store } from '../../main/store';
import { dataPath, describeWithData } from '../helpers/data';
import { tableCounts } from './helpers';

/**
 * Importing a record seeds the beat labels of its `.atr` (the cardiologists' reference
 * annotations) as beats with source "reference", in the import's transaction; the
 * `recording.import` audit entry counts them and no other entry is written for it.
 */

/** AAMI EC57: MIT-BIH beat symbol → class, written out here independently of the code. */
const AAMI: Readonly<Record<BeatLabel, readonly string[]>> = {
  N: ['N', 'L', 'R', 'e', 'j'],
  S: ['A', 'a', 'J', 'S'],
  V: ['V', 'E'],
  F: ['F'],
  Q: ['/', 'f', 'Q'],
};
const CLASS_OF = new Map<string, BeatLabel>(
  (Object.entries(AAMI) as [BeatLabel, readonly string[]][]).flatMap(([label, symbols]) =>
    symbols.map((s): [string, BeatLabel] => [s, label]),
  ),
);

/** The beats of a record's .atr with an AAMI class, as [sample, class], read straight from the file. */
function atrBeats(record: string): { beats: [number, BeatLabel][]; symbols: Set<string> } {
  const annotations = parseAnnotations(
    readFileSync(dataPath('mitdb', `${record}.atr`)),
    `${record}.atr`,
  ).annotations;
  const beats: [number, BeatLabel][] = [];
  const symbols = new Set<string>();
  for (const a of annotations) {
    const label = CLASS_OF.get(a.symbol);
    if (label === undefined) continue;
    beats.push([a.sample, label]);
    symbols.add(a.symbol);
  }
  return { beats, symbols };
}

function importEntryOf(store: Store, recordingId: string) {
  const entries = store.audit.list({ entity: 'recording', entityId: recordingId });
  expect(entries.map((e) => e.action)).toEqual(['recording.import']);
  return entries[0];
}

// 100 has N, A and V beats; the others bring every other symbol of the table: 207 (L, R, E, A,
// and '!' flutter waves, which are not beats), 208 (S, F, Q), 217 (paced / and f), 223 (e, a),
// 124 (J, j).
const RECORDS = ['100', '207', '208', '217', '223', '124'];

describeWithData('mitdb', 'import seeds the MIT-BIH reference beats (.atr → AAMI)', () => {
  let store: Store;
  const ids: Record<string, string> = {};
  beforeAll(() => {
    store = openStore(':memory:');
    const report = importRecordings(
      store,
      RECORDS.map((r) => dataPath('mitdb', `${r}.hea`)),
      { user: 'tester' },
    );
    expect(report.errors).toEqual([]);
    for (const r of report.imported) {
      ids[store.recordings.get(r.recordingId)?.recordName ?? ''] = r.recordingId;
    }
    expect(Object.keys(ids).sort()).toEqual([...RECORDS].sort());
  }, 120_000);
  afterAll(() => store.close());

  it('100: exactly 2273 reference beats, the samples and AAMI classes of 100.atr; audited as referenceBeats: 2273', () => {
    const id = ids['100'];
    const { beats: expected } = atrBeats('100');
    expect(expected).toHaveLength(2273);
    const beats = store.beats.list(id);
    expect(beats).toHaveLength(2273);
    expect(beats.map((b): [number, BeatLabel] => [b.sample, b.label])).toEqual(expected);
    expect(
      beats.every(
        (b) =>
          b.source === 'reference' &&
          b.user === null &&
          b.modelVersion === null &&
          b.modelLabel === null &&
          b.confidence === null,
      ),
    ).toBe(true);
    // MIT-BIH 100: 2239 normal beats, 33 atrial premature beats, 1 premature ventricular beat.
    expect(store.beats.counts(id)).toEqual({
      total: 2273,
      byLabel: { N: 2239, S: 33, V: 1, F: 0, Q: 0 },
      bySource: { model: 0, user: 0, reference: 2273 },
    });
    const entry = importEntryOf(store, id);
    expect(entry).toMatchObject({ user: 'tester', action: 'recording.import' });
    expect(entry.newValue).toMatchObject({ recordName: '100', referenceBeats: 2273 });
  });

  it.each(RECORDS.filter((r) => r !== '100'))(
    '%s: every .atr beat with an AAMI class, mapped by the EC57 table; audited count',
    (record) => {
      const id = ids[record];
      const { beats: expected } = atrBeats(record);
      const beats = store.beats.list(id);
      expect(beats.map((b): [number, BeatLabel] => [b.sample, b.label])).toEqual(expected);
      expect(beats.every((b) => b.source === 'reference')).toBe(true);
      expect(importEntryOf(store, id).newValue).toMatchObject({
        recordName: record,
        referenceBeats: expected.length,
      });
    },
  );

  it('the records cover every symbol of the table, and no audit entry besides the imports', () => {
    const seen = new Set(RECORDS.flatMap((r) => [...atrBeats(r).symbols]));
    expect([...seen].sort()).toEqual([...CLASS_OF.keys()].sort());
    const actions = store.audit.list().map((e) => e.action);
    expect(actions.filter((a) => a !== 'patient.create')).toEqual(
      RECORDS.map(() => 'recording.import'),
    );
    expect(store.audit.verify()).toMatchObject({ ok: true });
  });
});

describeWithData('mitdb', 'a failed import of MIT-BIH 100 leaves no beats', () => {
  let store: Store;
  beforeAll(() => {
    store = openStore(':memory:');
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => store.close());

  it('the seeded beats are rolled back with the rest; a later import seeds them', () => {
    const before = tableCounts(store.db);
    const seeded = vi.spyOn(store.beats, 'insertReference');
    const append = store.audit.append.bind(store.audit);
    vi.spyOn(store.audit, 'append').mockImplementation((e) => {
      if (e.action === 'recording.import') throw new Error('disk full');
      return append(e);
    });
    const failed = importRecordings(store, [dataPath('mitdb', '100.hea')], { user: 'tester' });
    expect(failed.imported).toEqual([]);
    expect(failed.errors).toHaveLength(1);
    expect(failed.errors[0].message).toMatch(/disk full/);
    expect(seeded).toHaveLastReturnedWith(2273); // written, then rolled back
    expect(tableCounts(store.db)).toEqual(before);
    expect(tableCounts(store.db).beats).toBe(0);
    vi.restoreAllMocks();

    const ok = importRecordings(store, [dataPath('mitdb', '100.hea')], { user: 'tester' });
    expect(ok.errors).toEqual([]);
    expect(store.beats.counts(ok.imported[0].recordingId).total).toBe(2273);
  });
});

describeWithData('ptbxl', 'import of a PTB-XL record (no .atr)', () => {
  it('stores no beats; the import entry says referenceBeats: 0', () => {
    const store = openStore(':memory:');
    try {
      const report = importRecordings(
        store,
        [dataPath('ptbxl', 'records100', '00000', '00001_lr.hea')],
        { user: 'tester' },
      );
      expect(report.errors).toEqual([]);
      const id = report.imported[0].recordingId;
      expect(store.recordings.get(id)?.annotationSources).toEqual([]);
      expect(store.beats.list(id)).toEqual([]);
      expect(store.beats.counts(id).total).toBe(0);
      expect(importEntryOf(store, id).newValue).toMatchObject({
        annotations: {},
        referenceBeats: 0,
      });
    } finally {
      store.close();
    }
  });
});
