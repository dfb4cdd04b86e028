import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leadMillivolts } from '../../../main/analysis/signal';
import { INVALID_SAMPLE } from '../../../main/formats/types';
import { classifyBeats, loadBeatModel } from '../../../main/ml/beats/classify';
import { initBackend } from '../../../main/ml/runtime';
import { describeWithData } from '../../helpers/data';
import { loadRecord } from '../analysis/records';
import {
  BEAT_FS_HZ,
  conditionLead,
  extractWindows,
  LOCAL_TEMPLATE_BEATS,
  N_CHANNELS,
  replaceSorted,
  WINDOW_LEN,
} from '../../../main/ml/beats/preprocess';
import { mulberry32 } from '../../../main/ml/seed';

/** The difference channel as first written: sort each template column for every beat. */
function naiveDifference(single: Float32Array, n: number, len: number): Float32Array {
  const out = new Float32Array(n * len);
  for (let b = 0; b < n; b++) {
    const lo = Math.max(0, Math.min(b - (LOCAL_TEMPLATE_BEATS >> 1), n - LOCAL_TEMPLATE_BEATS));
    const hi = Math.min(n, lo + LOCAL_TEMPLATE_BEATS);
    for (let j = 0; j < len; j++) {
      const col = Float32Array.from(
        { length: hi - lo },
        (_, m) => single[(lo + m) * len + j],
      ).sort();
      const h = col.length >> 1;
      const med = col.length % 2 ? col[h] : (col[h - 1] + col[h]) / 2;
      out[b * len + j] = single[b * len + j] - med;
    }
  }
  return out;
}

function beatsOn(seconds: number, everySeconds: number): { x: Float32Array; centres: Int32Array } {
  const rand = mulberry32(4);
  const x = Float32Array.from({ length: seconds * BEAT_FS_HZ }, () => rand() - 0.5);
  const n = Math.floor(seconds / everySeconds) - 1;
  const centres = Int32Array.from({ length: n }, (_, i) =>
    Math.round((i + 1) * everySeconds * BEAT_FS_HZ + 10 * (rand() - 0.5)),
  );
  for (const c of centres) x[c] += 3; // an R peak, so the record scale is not the noise's
  return { x, centres };
}

describe('beat windows: the local median template', () => {
  for (const [beats, margin] of [
    [100, 0],
    [100, 8],
    [12, 0], // fewer beats than a template: every beat shares the whole record's
    [LOCAL_TEMPLATE_BEATS, 3],
  ] as const) {
    it(`matches sorting every column (${beats} beats, margin ${margin})`, () => {
      const { x, centres } = beatsOn(beats + 1, 1);
      const w = extractWindows(x, centres.subarray(0, beats), margin);
      const len = WINDOW_LEN + 2 * margin;
      const n = Math.min(beats, centres.length);
      expect(w.length).toBe(n * len * N_CHANNELS);
      const single = Float32Array.from({ length: n * len }, (_, k) => w[k * 2]);
      const want = naiveDifference(single, n, len);
      const got = Float32Array.from({ length: n * len }, (_, k) => w[k * 2 + 1]);
      expect(got).toEqual(want);
    });
  }

  it('keeps a sorted column sorted when one value leaves and another comes', () => {
    const rand = mulberry32(9);
    const s = Float32Array.from({ length: 33 }, () => rand()).sort();
    for (let t = 0; t < 500; t++) {
      const out = s[Math.floor(rand() * s.length)];
      const inc = t % 50 === 0 ? out : rand() * 1.2 - 0.1;
      replaceSorted(s, out, inc);
      for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThanOrEqual(s[i - 1]);
      expect(s).toContain(Math.fround(inc));
    }
    expect(() => replaceSorted(s, 5, 0)).toThrow(/not in the array/);
  });
});

describe('beat windows: gaps', () => {
  it('fills invalid samples (NaN) so one gap does not spread over the lead', () => {
    const { x, centres } = beatsOn(60, 0.8);
    x.fill(Number.NaN, 20 * BEAT_FS_HZ, 21 * BEAT_FS_HZ);
    const lead = conditionLead(x, BEAT_FS_HZ);
    expect(lead.every(Number.isFinite)).toBe(true);
    expect(extractWindows(lead, centres).every(Number.isFinite)).toBe(true);
    // Away from the gap the lead is what it would have been with the gap at the mean.
    const clean = beatsOn(60, 0.8).x;
    let mean = 0;
    let k = 0;
    x.forEach((v) => {
      if (Number.isFinite(v)) {
        mean += v;
        k++;
      }
    });
    clean.fill(mean / k, 20 * BEAT_FS_HZ, 21 * BEAT_FS_HZ);
    const ref = conditionLead(clean, BEAT_FS_HZ);
    expect(lead[5 * BEAT_FS_HZ]).toBeCloseTo(ref[5 * BEAT_FS_HZ], 6);
    expect(Array.from(conditionLead(new Float32Array(100).fill(Number.NaN), BEAT_FS_HZ))).toEqual(
      new Array(100).fill(0),
    );
  });
});

describeWithData(
  'mitdb',
  'beat classification across a gap (MIT-BIH 100, shipped beat-full)',
  () => {
    it('gives every beat finite probabilities, and the same labels away from the gap', async () => {
      await initBackend('wasm');
      const model = await loadBeatModel(
        resolve(__dirname, '..', '..', '..', 'resources', 'models', 'beat-full'),
      );
      const rec = loadRecord('mitdb', '100');
      const beats = Int32Array.from(
        rec.annotations.atr.filter((a) => a.symbol === 'N').map((a) => a.sample),
      );
      const lead = rec.leads[0];
      const whole = classifyBeats(model, leadMillivolts(lead), rec.fs, beats);
      const gapFrom = 600 * rec.fs;
      const gapTo = 610 * rec.fs; // ten seconds of invalid samples, as a lead-off would leave
      const digital = lead.digital.slice();
      digital.fill(INVALID_SAMPLE, gapFrom, gapTo);
      const gapped = classifyBeats(model, leadMillivolts({ ...lead, digital }), rec.fs, beats);
      expect(gapped.every((r) => Number.isFinite(r.confidence))).toBe(true);
      const far = beats.reduce<number[]>((acc, s, i) => {
        if (s < gapFrom - 60 * rec.fs || s > gapTo + 60 * rec.fs) acc.push(i);
        return acc;
      }, []);
      const same = far.filter((i) => gapped[i].label === whole[i].label).length;
      expect(same / far.length).toBeGreaterThan(0.995);
      model.model.dispose();
    });
  },
);
