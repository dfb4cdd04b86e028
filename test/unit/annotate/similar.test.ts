import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkRelabel } from '../../../main/annotate/labels';
import { correlation, detrended, previewSimilar } from '../../../main/annotate/similar';
import type { ParsedRecording } from '../../../main/formats/types';
import type { Store } from '../../../main/store';
import { mulberry32 } from '../../../main/ml/seed';
import { annotator, modelBeat, storeWithRecording } from './helpers';

const FS = 250;
const narrow = (t: number) => 1000 * Math.exp(-((t / 0.012) ** 2));
const wide = (t: number) => -700 * (t / 0.04) * Math.exp(-((t / 0.04) ** 2));

/** Lead 0: baseline wander + noise + narrow beats (even k) and wide beats (odd k). */
function recording(): { rec: ParsedRecording; narrowAt: number[]; wideAt: number[] } {
  const samples = 20_000;
  const random = mulberry32(7);
  const narrowAt: number[] = [];
  const wideAt: number[] = [];
  for (let k = 0, s = 100; s < samples - 100; k++, s += 200) (k % 2 ? wideAt : narrowAt).push(s);
  const digital = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    let v = 300 * Math.sin((2 * Math.PI * 0.3 * i) / FS) + (random() - 0.5) * 20;
    for (const s of narrowAt) if (Math.abs(i - s) < 60) v += narrow((i - s) / FS);
    for (const s of wideAt) if (Math.abs(i - s) < 60) v += wide((i - s) / FS);
    digital[i] = Math.round(v);
  }
  return {
    rec: {
      format: 'wfdb',
      recordName: 'morph',
      fs: FS,
      samples,
      leads: [{ name: 'MLII', units: 'mV', gain: 200, baseline: 0, adcResolution: 16, digital }],
      startTime: null,
      comments: [],
      patient: { externalId: null, age: null, sex: null },
      annotations: {},
    },
    narrowAt,
    wideAt,
  };
}

describe('similar-beat relabel', () => {
  let store: Store;
  let id: string;
  let narrowAt: number[];
  let wideAt: number[];
  beforeEach(() => {
    const r = recording();
    ({ narrowAt, wideAt } = r);
    ({ store, recordingId: id } = storeWithRecording(r.rec));
    for (const s of [...narrowAt, ...wideAt]) store.beats.put(id, modelBeat(s, 'N'));
  });
  afterEach(() => store.close());

  it('detrending removes offset and slope; correlation is scale-free', () => {
    const ramp = Int32Array.from({ length: 50 }, (_, i) => 7 * i + 100);
    expect(detrended(ramp)).toBeNull(); // a pure line has nothing left
    const shape = Int32Array.from({ length: 50 }, (_, i) => Math.round(100 * Math.sin(i / 5)));
    const shifted = Int32Array.from(shape, (v, i) => 3 * v + 1000 + 20 * i);
    const a = detrended(shape);
    const b = detrended(shifted);
    expect(a && b && correlation(a, b)).toBeCloseTo(1, 2);
  });

  it('finds exactly the beats with the chosen beat’s morphology', () => {
    const p = previewSimilar(store, { recordingId: id, sample: wideAt[3], label: 'V' });
    expect(p).toMatchObject({ threshold: 0.9, lead: 0, windowMs: 200, label: 'V' });
    expect(p.compared).toBe(narrowAt.length + wideAt.length);
    expect(p.candidates.map((c) => c.sample)).toEqual(wideAt);
    expect(p.candidates.every((c) => c.correlation >= 0.9 && c.label === 'N')).toBe(true);
    expect(p.similar).toBe(wideAt.length);
  });

  it('already-labelled beats are similar but not candidates; onlyLabel narrows; nothing written', () => {
    bulkRelabel(store, annotator, { recordingId: id, samples: wideAt.slice(0, 5), label: 'V' });
    const before = store.audit.list().length;
    const p = previewSimilar(store, { recordingId: id, sample: wideAt[10], label: 'V' });
    expect(p.similar).toBe(wideAt.length);
    expect(p.candidates.map((c) => c.sample)).toEqual(wideAt.slice(5));
    const only = previewSimilar(store, {
      recordingId: id,
      sample: narrowAt[0],
      label: 'S',
      onlyLabel: 'V',
    });
    expect(only.compared).toBe(5);
    expect(only.candidates).toEqual([]);
    expect(store.audit.list().length).toBe(before);
  });

  it('a lower threshold reaches further; the chosen beat must exist and have a full window', () => {
    const all = previewSimilar(store, {
      recordingId: id,
      sample: wideAt[0],
      label: 'V',
      threshold: -1,
    });
    expect(all.candidates).toHaveLength(narrowAt.length + wideAt.length);
    expect(() => previewSimilar(store, { recordingId: id, sample: 5, label: 'V' })).toThrow(
      /no beat at sample 5/,
    );
    store.beats.put(id, modelBeat(3, 'N'));
    expect(() => previewSimilar(store, { recordingId: id, sample: 3, label: 'V' })).toThrow(
      /too near/,
    );
    expect(() =>
      previewSimilar(store, { recordingId: id, sample: wideAt[0], label: 'V', lead: 4 }),
    ).toThrow(/lead 4/);
  });
});
