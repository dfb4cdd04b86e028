import { describe, expect, it } from 'vitest';
import {
  bandPass,
  butterHighpass,
  butterLowpass,
  conditionEcg,
  lowPass,
  removeBaselineWander,
  removePowerline,
  resample,
  sosFilter,
  sosMagnitude,
} from '../../../main/dsp/filters';
import { midAmplitude, sine, syntheticEcg, toneAmplitude } from './synthetic';

const RATES = [100, 250, 360, 500, 1000];

describe('Butterworth designs', () => {
  it.each([1, 2, 3, 4, 5])('order %i is -3 dB at the corner, single pass', (order) => {
    for (const fs of RATES) {
      const lp = butterLowpass(order, 0.2 * fs, fs);
      const hp = butterHighpass(order, 0.5, fs);
      expect(sosMagnitude(lp, 0.2 * fs, fs)).toBeCloseTo(Math.SQRT1_2, 6);
      expect(sosMagnitude(hp, 0.5, fs)).toBeCloseTo(Math.SQRT1_2, 6);
      expect(sosMagnitude(lp, 0, fs)).toBeCloseTo(1, 9);
      expect(sosMagnitude(hp, fs / 2, fs)).toBeCloseTo(1, 9);
    }
  });

  it('rejects impossible corners', () => {
    expect(() => butterLowpass(2, 200, 360)).toThrow(RangeError);
    expect(() => butterHighpass(0, 1, 360)).toThrow(RangeError);
  });
});

describe('baseline-wander removal (zero-phase 0.5 Hz high-pass)', () => {
  it.each(RATES)('attenuates wander and keeps the ECG band at %i Hz', (fs) => {
    const gain = (f: number): number =>
      toneAmplitude(removeBaselineWander(sine(fs, f, 40), fs), fs, f);
    expect(gain(0.05)).toBeLessThan(0.01);
    expect(gain(0.15)).toBeLessThan(0.1);
    expect(gain(0.5)).toBeGreaterThan(0.68); // -3 dB point of the combined response
    expect(gain(0.5)).toBeLessThan(0.73);
    expect(gain(1)).toBeGreaterThan(0.97);
    expect(gain(2)).toBeGreaterThan(0.995);
    expect(gain(Math.min(20, 0.4 * fs))).toBeGreaterThan(0.999);
  });

  it('does not shift a symmetric pulse (zero phase), where a causal filter does', () => {
    const fs = 500;
    const x = new Float32Array(10 * fs);
    const c = 5 * fs;
    for (let i = 0; i < x.length; i++) x[i] = Math.exp(-(((i - c) / (0.02 * fs)) ** 2));
    const y = removeBaselineWander(x, fs);
    const lp = lowPass(x, fs, 40);
    const argmax = (v: Float32Array): number => v.reduce((b, val, i, a) => (val > a[b] ? i : b), 0);
    expect(argmax(y)).toBe(c);
    expect(argmax(lp)).toBe(c);
    for (let d = 1; d < 2 * fs; d += 7) expect(Math.abs(y[c + d] - y[c - d])).toBeLessThan(1e-5);
    // The same corner applied causally moves the peak and breaks the symmetry.
    const causal = sosFilter(x, butterLowpass(4, 40, fs));
    expect(argmax(causal)).toBeGreaterThan(c);
  });

  it('keeps the ST level against the PR baseline (synthetic ECG with 0.2 mV ST elevation and wander)', () => {
    for (const fs of [250, 500]) {
      const clean = syntheticEcg({ fsHz: fs, durationS: 30, stMv: 0.2, rrS: [1] });
      const noisy = syntheticEcg({
        fsHz: fs,
        durationS: 30,
        stMv: 0.2,
        rrS: [1],
        wander: { mv: 1, hz: 0.15 },
      });
      const y = removeBaselineWander(noisy.signal, fs);
      for (const r of clean.rPeaks.slice(3, -3)) {
        const pr = r - Math.round(0.06 * fs); // PR segment, between P and Q
        const st = r + Math.round(0.12 * fs); // ST segment, J + 60 ms
        const truth = clean.signal[st] - clean.signal[pr];
        const got = y[st] - y[pr];
        expect(Math.abs(got - truth)).toBeLessThan(0.025);
      }
    }
  });

  it('IEC 60601-2-25 impulse (3 mV x 100 ms): the displacement around it is symmetric, so ST vs PR holds', () => {
    const fs = 1000;
    const x = new Float32Array(20 * fs);
    const s0 = 10 * fs;
    const s1 = s0 + 100;
    x.fill(3, s0, s1);
    const y = removeBaselineWander(x, fs);
    for (let d = 20; d < 400; d++) expect(Math.abs(y[s1 - 1 + d] - y[s0 - d])).toBeLessThan(1e-4);
    // ST 80 ms after the pulse vs PR 40 ms before it moves by well under 0.1 mV.
    expect(Math.abs(y[s1 + 80] - y[s0 - 40])).toBeLessThan(0.02);
  });
});

describe('powerline notch', () => {
  it.each([
    [50, 360],
    [50, 500],
    [60, 360],
    [60, 1000],
  ])('%i Hz at %i Hz: > 40 dB at mains, ~1 elsewhere', (mains, fs) => {
    const g = (f: number): number =>
      toneAmplitude(removePowerline(sine(fs, f, 20), fs, mains as 50 | 60), fs, f);
    expect(g(mains)).toBeLessThan(0.01);
    expect(g(mains - 5)).toBeGreaterThan(0.95);
    expect(g(mains + 5)).toBeGreaterThan(0.95);
    expect(g(10)).toBeGreaterThan(0.999);
  });

  it('removes mains from a synthetic ECG without touching the QRS', () => {
    const fs = 500;
    const clean = syntheticEcg({ fsHz: fs, durationS: 10 });
    const hum = syntheticEcg({ fsHz: fs, durationS: 10, mains: { mv: 0.3, hz: 50 } });
    const y = removePowerline(hum.signal, fs, 50);
    for (const r of clean.rPeaks.slice(1, -1))
      expect(Math.abs(y[r] - clean.signal[r])).toBeLessThan(0.05);
  });
});

describe('low-pass 40 / 100 / 150 Hz', () => {
  it.each([
    [40, 360],
    [40, 100],
    [100, 500],
    [150, 500],
    [150, 1000],
  ])('%i Hz at %i Hz', (fc, fs) => {
    const g = (f: number): number => toneAmplitude(lowPass(sine(fs, f, 10), fs, fc), fs, f);
    if (fc === 40 && fs === 100) {
      // Just under Nyquist: the corner goes to 0.45 fs; the ECG band stays, 45+ Hz goes down.
      expect(g(10)).toBeGreaterThan(0.999);
      expect(g(46)).toBeLessThan(0.7);
    } else if (fc < 0.45 * fs) {
      expect(g(fc)).toBeGreaterThan(0.68);
      expect(g(fc)).toBeLessThan(0.73);
      expect(g(fc / 4)).toBeGreaterThan(0.999);
      if (2 * fc < fs / 2) expect(g(2 * fc)).toBeLessThan(0.01);
    } else {
      // Nothing above Nyquist to remove: the signal is returned unchanged.
      expect(g(10)).toBeCloseTo(1, 3);
    }
  });

  it('band-pass and the conditioning chain keep a 10 Hz tone', () => {
    expect(toneAmplitude(bandPass(sine(360, 10, 20), 360, 5, 18), 360, 10)).toBeGreaterThan(0.9);
    expect(
      toneAmplitude(conditionEcg(sine(500, 10, 20), 500, { mainsHz: 50, lowPassHz: 40 }), 500, 10),
    ).toBeGreaterThan(0.99);
  });
});

describe('resampling (Kaiser-windowed sinc)', () => {
  it.each([
    [360, 250],
    [250, 360],
    [500, 100],
    [100, 500],
    [1000, 257.5],
  ])('%i -> %i Hz keeps in-band tones in amplitude and time', (from, to) => {
    const f = Math.min(from, to) * 0.2;
    const x = sine(from, f, 10);
    const y = resample(x, from, to);
    expect(y.length).toBe(Math.floor(((x.length - 1) * to) / from) + 1);
    let err = 0;
    for (let m = Math.round(to); m < y.length - Math.round(to); m++) {
      err = Math.max(err, Math.abs(y[m] - Math.sin((2 * Math.PI * f * m) / to)));
    }
    expect(err).toBeLessThan(2e-3);
  });

  it('anti-aliases when downsampling', () => {
    // 200 Hz at 1 kHz would alias to 50 Hz at 250 Hz.
    const y = resample(sine(1000, 200, 10), 1000, 250);
    expect(midAmplitude(y)).toBeLessThan(0.01);
    expect(toneAmplitude(y, 250, 50)).toBeLessThan(0.01);
  });

  it('keeps a flat line flat and an impulse in place', () => {
    const flat = resample(new Float32Array(1000).fill(2.5), 360, 250);
    for (const v of flat) expect(v).toBeCloseTo(2.5, 5);
    const x = new Float32Array(3600);
    x[1800] = 1;
    const y = resample(lowPass(x, 360, 40), 360, 250);
    const peak = y.reduce((b, v, i, a) => (v > a[b] ? i : b), 0);
    expect(peak).toBe(1250);
  });
});
