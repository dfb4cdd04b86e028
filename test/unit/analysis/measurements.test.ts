import { describe, expect, it } from 'vitest';
import { frontalAxis, measure, rateFromBeats } from '../../../main/analysis/measurements';
import { analyzeRecording } from '../../../main/analysis/analyze';
import { delineateMedianBeat } from '../../../main/dsp/delineation';
import { describeWithData } from '../../helpers/data';
import { syntheticEcg } from '../dsp/synthetic';
import { loadRecord } from './records';

describe('measurements', () => {
  it('rate and RR from beat positions', () => {
    expect(rateFromBeats([0, 360, 720, 1080], 360)).toEqual({ heartRateBpm: 60, rrMs: 1000 });
    expect(rateFromBeats([100], 360)).toEqual({ heartRateBpm: null, rrMs: null });
  });

  it('frontal axis from the net QRS areas of I and aVF (or derived by Einthoven)', () => {
    const pulse = (a: number): Float32Array =>
      Float32Array.from({ length: 40 }, (_, i) => (i > 10 && i < 30 ? a : 0));
    expect(frontalAxis(['I', 'aVF'], [pulse(1), pulse(0)], 0, 39)).toBe(0);
    expect(frontalAxis(['I', 'aVF'], [pulse(0), pulse(1)], 0, 39)).toBe(90);
    expect(frontalAxis(['i', 'avf'], [pulse(1), pulse(-1)], 0, 39)).toBe(-45);
    // I and II only: aVF = II - I/2 -> II = 1, I = 0 gives 90 degrees.
    expect(frontalAxis(['I', 'II'], [pulse(0), pulse(1)], 0, 39)).toBe(90);
    expect(frontalAxis(['MLII', 'V5'], [pulse(1), pulse(1)], 0, 39)).toBeNull();
  });

  it('QT, QTc (Bazett and Fridericia) and intervals on a synthetic ECG', () => {
    const fs = 500;
    const { signal, rPeaks } = syntheticEcg({
      fsHz: fs,
      durationS: 20,
      rrS: [1.2],
      noiseMv: 0.005,
    });
    const md = delineateMedianBeat([signal], fs, rPeaks)!;
    const m = measure(fs, rPeaks, md, ['II']);
    expect(m.heartRateBpm).toBe(50);
    expect(m.rrMs).toBe(1200);
    expect(m.qrsMs).toBeGreaterThan(80);
    expect(m.qrsMs).toBeLessThan(130);
    expect(m.prMs).toBeGreaterThan(150);
    expect(m.prMs).toBeLessThan(260);
    expect(m.qtMs).toBeGreaterThan(400);
    expect(m.qtMs).toBeLessThan(520);
    const rr = md.median.rrSamples / fs;
    expect(Math.abs(m.qtcMs! - m.qtMs! / Math.sqrt(rr))).toBeLessThanOrEqual(1);
    expect(Math.abs(m.qtcFridericiaMs! - m.qtMs! / Math.cbrt(rr))).toBeLessThanOrEqual(1);
    expect(m.qtcFormula).toContain('Bazett');
    expect(m.axisDeg).toBeNull(); // one lead: no frontal axis
  });

  it('nulls what cannot be measured', () => {
    const m = measure(360, [], null, ['I', 'aVF']);
    expect(m).toMatchObject({
      heartRateBpm: null,
      rrMs: null,
      prMs: null,
      qrsMs: null,
      qtMs: null,
      qtcMs: null,
      axisDeg: null,
    });
  });
});

describeWithData('ludb', 'measurements against LUDB annotations', () => {
  it('PR, QRS and QT agree with the annotators on most records, axis orders as LUDB categories', () => {
    const median = (v: number[]): number => {
      const s = [...v].sort((a, b) => a - b);
      return s.length % 2 ? s[s.length >> 1] : 0.5 * (s[(s.length >> 1) - 1] + s[s.length >> 1]);
    };
    const err = { pr: [] as number[], qrs: [] as number[], qt: [] as number[] };
    const axes: Record<string, number[]> = {};
    for (let r = 1; r <= 80; r++) {
      const rec = loadRecord('ludb/data', String(r));
      const fs = rec.fs;
      const m = analyzeRecording(rec).measurements;
      const cat = (rec.comments.find((c) => /axis/i.test(c)) ?? '')
        .replace(/.*heart:\s*/i, '')
        .replace(/\.\s*$/, '')
        .trim();
      if (m.axisDeg !== null) (axes[cat] ??= []).push(m.axisDeg);
      const waves = rec.leads.map((l) => {
        const a = rec.annotations[l.name] ?? [];
        const out: Array<{ t: string; on: number; peak: number; off: number }> = [];
        for (let i = 0; i + 2 < a.length; i++)
          if (a[i].symbol === '(' && a[i + 2].symbol === ')')
            out.push({
              t: a[i + 1].symbol,
              on: a[i].sample,
              peak: a[i + 1].sample,
              off: a[i + 2].sample,
            });
        return out;
      });
      const pr: number[] = [];
      const qrs: number[] = [];
      const qt: number[] = [];
      for (const q of waves[1].filter((w) => w.t === 'N')) {
        const on: number[] = [];
        const off: number[] = [];
        const pOn: number[] = [];
        const tOff: number[] = [];
        for (const ws of waves) {
          const qq = ws.find((w) => w.t === 'N' && Math.abs(w.peak - q.peak) < 0.1 * fs);
          if (!qq) continue;
          on.push(qq.on);
          off.push(qq.off);
          const p = ws.find((w) => w.t === 'p' && w.peak < qq.peak && w.peak > qq.peak - 0.4 * fs);
          if (p) pOn.push(p.on);
          const t = ws.find((w) => w.t === 't' && w.peak > qq.peak && w.peak < qq.peak + 0.7 * fs);
          if (t) tOff.push(t.off);
        }
        if (on.length < 6) continue;
        qrs.push(((median(off) - median(on)) / fs) * 1000);
        if (pOn.length >= 6) pr.push(((median(on) - median(pOn)) / fs) * 1000);
        if (tOff.length >= 6) qt.push(((median(tOff) - median(on)) / fs) * 1000);
      }
      if (m.prMs !== null && pr.length >= 2) err.pr.push(m.prMs - median(pr));
      if (m.qrsMs !== null && qrs.length >= 2) err.qrs.push(m.qrsMs - median(qrs));
      if (m.qtMs !== null && qt.length >= 2) err.qt.push(m.qtMs - median(qt));
    }
    const within = (v: number[], t: number): number =>
      v.filter((x) => Math.abs(x) <= t).length / v.length;
    // Measured on all 200 records: 97 % of PR and 92 % of QRS within 20 ms, 95 % of QT within 40 ms.
    expect(err.pr.length).toBeGreaterThan(50);
    expect(within(err.pr, 20)).toBeGreaterThan(0.9);
    expect(within(err.qrs, 20)).toBeGreaterThan(0.85);
    expect(within(err.qt, 40)).toBeGreaterThan(0.88);
    // LUDB (Russian convention): vertical 70-90, normal 30-69, horizontal 0-29 degrees.
    expect(median(axes.normal)).toBeGreaterThan(30);
    expect(median(axes.normal)).toBeLessThan(70);
    expect(median(axes.vertical)).toBeGreaterThan(median(axes.normal));
    expect(median(axes.normal)).toBeGreaterThan(median(axes.horizontal));
  });
});
