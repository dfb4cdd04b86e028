import { describe, expect, it } from 'vitest';
import { compareBeats, grossStats, type Ec57RecordResult } from '../../../main/analysis/ec57';
import { detectQrs } from '../../../main/dsp/qrs';
import { resample } from '../../../main/dsp/filters';
import { describeWithData } from '../../helpers/data';
import { loadRecord, millivolts } from '../analysis/records';
import { mulberry32, gaussianNoise, syntheticEcg } from './synthetic';

/** Every true beat found within `tolMs`, nothing else. */
function expectExact(found: ArrayLike<number>, truth: number[], fsHz: number, tolMs = 50): void {
  const tol = (tolMs * fsHz) / 1000;
  expect(found.length).toBe(truth.length);
  truth.forEach((t, k) => expect(Math.abs(found[k] - t)).toBeLessThanOrEqual(tol));
}

describe('detectQrs on synthetic ECG', () => {
  it.each([100, 128, 250, 360, 500, 1000])(
    'finds every beat at %i Hz through noise, wander and mains',
    (fs) => {
      const { signal, rPeaks } = syntheticEcg({
        fsHz: fs,
        durationS: 60,
        rrS: [0.8, 0.75, 0.9, 0.7, 0.85],
        noiseMv: 0.05,
        wander: { mv: 0.8, hz: 0.25 },
        mains: { mv: 0.1, hz: fs > 120 ? 50 : 25 },
        seed: fs,
      });
      const d = detectQrs([signal], fs);
      expectExact(d.samples, rPeaks, fs, 20);
      // The fiducial is the R peak (largest deflection), in the record's own samples.
      const off = Array.from(d.samples, (s, k) => Math.abs(s - rPeaks[k]));
      expect(Math.max(...off)).toBeLessThanOrEqual(Math.max(1, Math.round(fs / 200)));
    },
  );

  it('finds wide premature (ventricular-like) beats and the beats around them', () => {
    const fs = 360;
    // N N V(premature, wide, big) pause N ...
    const { signal, rPeaks } = syntheticEcg({
      fsHz: fs,
      durationS: 120,
      rrS: [0.8, 0.8, 0.45, 1.15],
      beatWidths: [1, 1, 1, 3.5],
      beatAmplitudes: [1, 1, 1, 1.8],
      noiseMv: 0.03,
    });
    expectExact(detectQrs([signal], fs).samples, rPeaks, fs, 60);
  });

  it('recovers a small beat by searchback and never puts two beats within 200 ms', () => {
    const fs = 250;
    const { signal, rPeaks } = syntheticEcg({
      fsHz: fs,
      durationS: 60,
      rrS: [0.8],
      beatAmplitudes: [1, 1, 1, 1, 1, 1, 1, 0.35],
      noiseMv: 0.01,
    });
    const d = detectQrs([signal], fs);
    expectExact(d.samples, rPeaks, fs, 30);
    // The small beats are below the normal threshold: searchback found them.
    expect(d.searchback.reduce((a, b) => a + b, 0)).toBeGreaterThan(5);
    for (let k = 1; k < d.samples.length; k++)
      expect(d.samples[k] - d.samples[k - 1]).toBeGreaterThan(0.2 * fs);
  });

  it('fuses 12 leads and ignores a lead that is pure noise or flat', () => {
    const fs = 500;
    const base = syntheticEcg({ fsHz: fs, durationS: 10, rrS: [0.7, 0.9], noiseMv: 0.02 });
    const rand = mulberry32(7);
    const leads = Array.from({ length: 12 }, (_, l) => {
      if (l === 3) return Float32Array.from(base.signal, () => 0.8 * gaussianNoise(rand));
      if (l === 7) return new Float32Array(base.signal.length);
      const g = [1, 0.6, -0.4, -0.8, 0.5, 0.7, -0.3, 0, 0.9, 1.2, 1, 0.8][l];
      return Float32Array.from(base.signal, (v) => g * v + 0.02 * gaussianNoise(rand));
    });
    const d = detectQrs(leads, fs, { fiducialLead: 1 });
    expectExact(d.samples, base.rPeaks, fs, 20);
  });

  it('handles empty, flat and very short input', () => {
    expect(detectQrs([new Float32Array(0)], 360).samples.length).toBe(0);
    expect(detectQrs([new Float32Array(3600)], 360).samples.length).toBe(0);
    expect(detectQrs([new Float32Array(10)], 360).samples.length).toBe(0);
    expect(() => detectQrs([], 360)).toThrow(RangeError);
  });
});

function evalRecords(db: string, names: string[], resampleTo?: number): Ec57RecordResult[] {
  return names.map((name) => {
    const rec = loadRecord(db, name);
    let leads = millivolts(rec);
    let fs = rec.fs;
    let ann = rec.annotations.atr;
    if (resampleTo) {
      leads = leads.map((x) => resample(x, rec.fs, resampleTo));
      ann = ann.map((a) => ({ ...a, sample: Math.round((a.sample * resampleTo) / rec.fs) }));
      fs = resampleTo;
    }
    const d = detectQrs(leads, fs);
    return compareBeats(name, ann, d.samples, fs, { recordSamples: leads[0].length });
  });
}

describeWithData('mitdb', 'QRS detection on MIT-BIH (EC57, 2 leads fused)', () => {
  // Hard records: 105 (noise), 108 (noise, tall P waves), 203 (multiform PVCs, AF, noise),
  // 207 (flutter, blocks), 208 (PVCs, fusion), 232 (long pauses). All 48: scripts/eval-qrs.ts.
  const HANDFUL = ['100', '105', '108', '119', '203', '207', '208', '232'];
  it('meets gross Se and +P on a handful including the hard records', () => {
    const res = evalRecords('mitdb', HANDFUL);
    const g = grossStats(res);
    // Measured: Se 99.64 %, +P 99.34 % (15139 TP, 54 FN, 101 FP).
    expect(g.sePct).toBeGreaterThanOrEqual(99.5);
    expect(g.ppvPct).toBeGreaterThanOrEqual(99.2);
    const by = Object.fromEntries(res.map((r) => [r.record, r]));
    expect(by['100'].sePct).toBeGreaterThanOrEqual(99.9);
    expect(by['119'].ppvPct).toBeGreaterThanOrEqual(99.9);
    expect(by['105'].ppvPct).toBeGreaterThanOrEqual(97.5);
    expect(by['108'].ppvPct).toBeGreaterThanOrEqual(97);
    expect(by['203'].sePct).toBeGreaterThanOrEqual(98.5);
    expect(by['208'].sePct).toBeGreaterThanOrEqual(99.2);
  });

  it.each([100, 250, 1000])('works when the records are resampled to %i Hz', (fs) => {
    const g = grossStats(evalRecords('mitdb', ['100', '119', '208'], fs));
    expect(g.sePct).toBeGreaterThanOrEqual(99.5);
    expect(g.ppvPct).toBeGreaterThanOrEqual(99.5);
  });
});

describeWithData('nstdb', 'QRS detection on the noise stress test (118 + electrode motion)', () => {
  it('118e12 (12 dB SNR): Se >= 99 %, +P >= 98 %; 118e24: both >= 99.8 %', () => {
    const [e12, e24] = evalRecords('nstdb', ['118e12', '118e24']);
    expect(e12.sePct).toBeGreaterThanOrEqual(99);
    expect(e12.ppvPct).toBeGreaterThanOrEqual(98);
    expect(e24.sePct).toBeGreaterThanOrEqual(99.8);
    expect(e24.ppvPct).toBeGreaterThanOrEqual(99.8);
  });
});

describeWithData('ludb', 'QRS detection on LUDB (12 leads, 500 Hz)', () => {
  it('finds every annotated QRS of lead II and nothing else in the annotated span', () => {
    const res: Ec57RecordResult[] = [];
    for (let r = 1; r <= 60; r++) {
      const rec = loadRecord('ludb/data', String(r));
      const ann = rec.annotations.ii;
      const d = detectQrs(millivolts(rec), rec.fs, { fiducialLead: 1 });
      res.push(
        compareBeats(
          String(r),
          ann.filter((a) => a.symbol === 'N'),
          d.samples,
          rec.fs,
          {
            scoreFromSample: ann[0].sample,
            scoreToSample: ann[ann.length - 1].sample,
          },
        ),
      );
    }
    const g = grossStats(res);
    expect(g.sePct).toBeGreaterThanOrEqual(99.9);
    expect(g.ppvPct).toBeGreaterThanOrEqual(99.9);
  });
});
