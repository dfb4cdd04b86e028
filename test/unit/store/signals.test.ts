import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedRecording } from '../../../main/formats/types';
import { writeRecording } from '../../../main/import/write-recording';
import { mulberry32 } from '../../../main/ml/seed';
import { InvalidLeadError, openStore, type Store } from '../../../main/store';
import { firstDifference, minMaxOf, physicalValues, syntheticRecording } from './fixtures';

function expectSame(actual: number[], expected: number[]): void {
  expect(firstDifference(actual, expected)).toBeNull();
}

describe('SignalsRepo.readWindow', () => {
  let store: Store;
  let rec: ParsedRecording;
  let id: string;

  beforeEach(() => {
    store = openStore(':memory:');
    rec = syntheticRecording({ samples: 50_003, invalidEvery: 997 });
    id = writeRecording(store, rec, {
      source: 's.hea',
      sha256: 'a'.repeat(64),
      user: 't',
      chunkLen: 1000,
    }).recordingId;
  });
  afterEach(() => store.close());

  it('stores int16 where the range fits and int32 where it does not', () => {
    const types = store.db
      .prepare('SELECT sample_type FROM leads WHERE recording_id = ? ORDER BY idx')
      .pluck()
      .all(id);
    expect(types).toEqual(['int16', 'int32']);
    const chunks = store.db
      .prepare('SELECT count(*) FROM signal_chunks WHERE recording_id = ? AND lead_idx = 0')
      .pluck()
      .get(id);
    expect(chunks).toBe(51);
  });

  it('returns exactly the parsed values (mV, "no sample" as NaN) for random raw windows', () => {
    const random = mulberry32(7);
    for (let k = 0; k < 200; k++) {
      const start = Math.floor(random() * rec.samples);
      const end = Math.min(rec.samples, start + 1 + Math.floor(random() * 5000));
      const w = store.signals.readWindow(id, start, end);
      expect(w).not.toBeNull();
      if (!w) return;
      expect(w.step).toBe(1);
      expect([w.startSample, w.endSample, w.fs]).toEqual([start, end, rec.fs]);
      for (const lead of w.leads) {
        expect(lead.maxValues).toBeUndefined();
        expectSame(lead.values, physicalValues(rec, lead.index, start, end));
      }
    }
  });

  it('reduces to min/max columns that match a brute-force reduction', () => {
    const random = mulberry32(11);
    for (let k = 0; k < 50; k++) {
      const start = Math.floor(random() * 20_000);
      const end = start + 2000 + Math.floor(random() * 28_000);
      const maxPoints = 16 + Math.floor(random() * 900);
      const w = store.signals.readWindow(id, start, end, [1, 0], maxPoints);
      if (!w) throw new Error('missing');
      const n = end - start;
      expect(w.step).toBe(Math.ceil(n / maxPoints));
      expect(w.leads.map((l) => l.index)).toEqual([1, 0]);
      for (const lead of w.leads) {
        expect(lead.values.length).toBeLessThanOrEqual(maxPoints);
        expect(lead.values.length).toBe(Math.ceil(n / w.step));
        const { mins, maxs } = minMaxOf(physicalValues(rec, lead.index, start, end), w.step);
        expectSame(lead.values, mins);
        expectSame(lead.maxValues ?? [], maxs);
      }
    }
  });

  it('gives raw samples when the window is no longer than maxPoints', () => {
    const w = store.signals.readWindow(id, 100, 600, [0], 500);
    expect(w?.step).toBe(1);
    expect(w?.leads[0].maxValues).toBeUndefined();
  });

  it('clamps the window to the recording and returns null for an unknown recording', () => {
    const w = store.signals.readWindow(id, 50_000, 60_000, [0]);
    expect([w?.startSample, w?.endSample, w?.leads[0].values.length]).toEqual([50_000, 50_003, 3]);
    const past = store.signals.readWindow(id, 70_000, 80_000, [0]);
    expect([past?.startSample, past?.endSample, past?.leads[0].values.length]).toEqual([
      50_003, 50_003, 0,
    ]);
    expect(store.signals.readWindow('nope', 0, 10)).toBeNull();
  });

  it('rejects a lead the recording does not have', () => {
    expect(() => store.signals.readWindow(id, 0, 10, [2])).toThrow(InvalidLeadError);
  });

  it('keeps min ≤ max when the gain is negative', () => {
    const neg = syntheticRecording({ samples: 5000, seed: 3 });
    neg.leads[0].gain = -200;
    const nid = writeRecording(store, neg, {
      source: 'n.hea',
      sha256: 'b'.repeat(64),
      user: 't',
    }).recordingId;
    const w = store.signals.readWindow(nid, 0, 5000, [0], 100);
    const lead = w?.leads[0];
    lead?.values.forEach((v, i) => expect(v).toBeLessThanOrEqual(lead.maxValues?.[i] ?? NaN));
  });
});
