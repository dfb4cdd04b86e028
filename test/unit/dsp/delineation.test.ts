import { describe, expect, it } from 'vitest';
import {
  buildMedianBeat,
  delineateBeats,
  delineateMedianBeat,
  dominantBeats,
} from '../../../main/dsp/delineation';
import { detectQrs } from '../../../main/dsp/qrs';
import { describeWithData } from '../../helpers/data';
import { loadRecord, millivolts } from '../analysis/records';
import { syntheticEcg } from './synthetic';

const ms = (samples: number, fs: number): number => (samples / fs) * 1000;

describe('delineation of a synthetic beat', () => {
  it.each([250, 500, 1000])('puts QRS, P and T boundaries where the waves are (%i Hz)', (fs) => {
    // Q at -30 ms, R at 0, S at +30 ms (sigma 8-10 ms); P peak -200 ms; T peak +300 ms.
    const { signal, rPeaks } = syntheticEcg({ fsHz: fs, durationS: 12, rrS: [1], noiseMv: 0.005 });
    const d = delineateBeats([signal], fs, rPeaks);
    for (let k = 1; k < rPeaks.length - 1; k++) {
      const w = d.beats[k];
      const r = rPeaks[k];
      expect(ms(r - w.qrsOn!, fs)).toBeGreaterThan(35);
      expect(ms(r - w.qrsOn!, fs)).toBeLessThan(70);
      expect(ms(w.qrsOff! - r, fs)).toBeGreaterThan(35);
      expect(ms(w.qrsOff! - r, fs)).toBeLessThan(70);
      expect(ms(r - w.pPeak!, fs)).toBeCloseTo(200, -1);
      expect(w.pOn!).toBeLessThan(w.pPeak!);
      expect(w.pOff!).toBeLessThan(w.qrsOn!);
      expect(ms(w.tPeak! - r, fs)).toBeCloseTo(300, -1);
      expect(ms(w.tOff! - r, fs)).toBeGreaterThan(360);
      expect(ms(w.tOff! - r, fs)).toBeLessThan(460);
    }
  });

  it('finds no P wave where there is none', () => {
    const fs = 500;
    const { signal, rPeaks } = syntheticEcg({ fsHz: fs, durationS: 10, rrS: [0.8] });
    // Remove the P waves by subtracting them (Gaussian at -200 ms, 0.15 mV, sigma 25 ms).
    const x = Float32Array.from(signal);
    for (const r of rPeaks) {
      for (let i = r - 0.35 * fs; i < r - 0.05 * fs; i++) {
        const dt = (i - r) / fs + 0.2;
        x[Math.round(i)] -= 0.15 * Math.exp(-(dt * dt) / (2 * 0.025 * 0.025));
      }
    }
    const d = delineateBeats([x], fs, rPeaks);
    expect(d.beats.filter((w) => w.pOn !== null).length).toBe(0);
  });

  it('builds the median beat from dominant beats only', () => {
    const fs = 360;
    const centers = [100, 388, 676, 964, 1108, 1540, 1828, 2116, 2404];
    // Beat 4 (1108) is premature and beat 5 follows the pause: neither is dominant.
    const dom = dominantBeats(centers);
    expect(dom).not.toContain(4);
    expect(dom).not.toContain(5);
    const { signal, rPeaks } = syntheticEcg({
      fsHz: fs,
      durationS: 30,
      rrS: [0.8],
      noiseMv: 0.05,
      seed: 3,
    });
    const m = buildMedianBeat([signal], fs, rPeaks, dominantBeats(rPeaks))!;
    expect(m.beatCount).toBeGreaterThan(20);
    // The median of 30+ noisy beats is close to the clean beat at its R peak.
    expect(m.templates[0][m.center]).toBeCloseTo(
      1.2 - 0.12 * Math.exp(-4.5) - 0.3 * Math.exp(-4.5),
      1,
    );
    const md = delineateMedianBeat([signal], fs, rPeaks)!;
    expect(md.waves.qrsOn).not.toBeNull();
    expect(md.waves.tOff).not.toBeNull();
  });
});

describeWithData('ludb', 'delineation against LUDB annotations (held-out records 101-140)', () => {
  it('global boundaries: QRS within the CSE tolerances, T end and P close, P waves found', () => {
    const err: Record<'qrsOn' | 'qrsOff' | 'pOn' | 'pOff' | 'tOff', number[]> = {
      qrsOn: [],
      qrsOff: [],
      pOn: [],
      pOff: [],
      tOff: [],
    };
    let pAnnotated = 0;
    let pFound = 0;
    const median = (v: number[]): number => [...v].sort((a, b) => a - b)[v.length >> 1];
    for (let r = 101; r <= 140; r++) {
      const rec = loadRecord('ludb/data', String(r));
      const fs = rec.fs;
      const mv = millivolts(rec);
      const det = detectQrs(mv, fs, { fiducialLead: 1 });
      const del = delineateBeats(mv, fs, det.centers);
      const waves = rec.leads.map((l) => {
        const a = rec.annotations[l.name] ?? [];
        const out: Array<{ t: string; on: number; peak: number; off: number }> = [];
        for (let i = 0; i + 2 < a.length; i++) {
          if (a[i].symbol === '(' && a[i + 2].symbol === ')')
            out.push({
              t: a[i + 1].symbol,
              on: a[i].sample,
              peak: a[i + 1].sample,
              off: a[i + 2].sample,
            });
        }
        return out;
      });
      for (const q of waves[1].filter((w) => w.t === 'N')) {
        const k = det.centers.findIndex((c) => Math.abs(c - q.peak) < 0.15 * fs);
        if (k < 0) continue;
        const ref = {
          qrsOn: [] as number[],
          qrsOff: [] as number[],
          pOn: [] as number[],
          pOff: [] as number[],
          tOff: [] as number[],
        };
        for (const ws of waves) {
          const qq = ws.find((w) => w.t === 'N' && Math.abs(w.peak - q.peak) < 0.1 * fs);
          if (!qq) continue;
          ref.qrsOn.push(qq.on);
          ref.qrsOff.push(qq.off);
          const p = ws.find((w) => w.t === 'p' && w.peak < qq.peak && w.peak > qq.peak - 0.4 * fs);
          if (p) {
            ref.pOn.push(p.on);
            ref.pOff.push(p.off);
          }
          const t = ws.find((w) => w.t === 't' && w.peak > qq.peak && w.peak < qq.peak + 0.7 * fs);
          if (t) ref.tOff.push(t.off);
        }
        const g = del.beats[k];
        if (ref.pOn.length >= 6) {
          pAnnotated++;
          if (g.pOn !== null) pFound++;
        }
        for (const key of Object.keys(err) as Array<keyof typeof err>) {
          const v = g[key];
          if (v !== null && ref[key].length >= 6) err[key].push(ms(v - median(ref[key]), fs));
        }
      }
    }
    const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
    const sd = (v: number[]): number =>
      Math.sqrt(v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / (v.length - 1));
    // Measured on 101-140: see scripts/eval-delineation.ts for all 200 records.
    expect(err.qrsOn.length).toBeGreaterThan(300);
    expect(Math.abs(mean(err.qrsOn))).toBeLessThan(5);
    expect(sd(err.qrsOn)).toBeLessThan(10);
    expect(Math.abs(mean(err.qrsOff))).toBeLessThan(5);
    expect(sd(err.qrsOff)).toBeLessThan(11.6);
    expect(Math.abs(mean(err.tOff))).toBeLessThan(10);
    // 36 ms on this subset (a few records with flat or biphasic T waves); 22 ms on all 200.
    expect(sd(err.tOff)).toBeLessThan(40);
    expect(Math.abs(mean(err.pOn))).toBeLessThan(10);
    expect(sd(err.pOn)).toBeLessThan(20);
    expect(pFound / pAnnotated).toBeGreaterThan(0.85);
  });
});
