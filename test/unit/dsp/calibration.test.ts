/**
 * Calibration pulses at the ends of a recording are left out of analysis; nothing else is.
 * Synthetic 12-lead signals keep Einthoven's and Goldberger's relations, as real ones do.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeRecording } from '../../../main/analysis/analyze';
import { leadMillivolts } from '../../../main/analysis/signal';
import { prepareRecording } from '../../../main/ml/record/preprocess';
import { analysableRange } from '../../../main/dsp/calibration';
import { fileSourceFromMap, readRecording } from '../../../main/formats';
import { fileSourceFromDir } from '../../../main/formats/fs-source';
import { mulberry32 } from '../../../main/ml/seed';
import { dataPath, describeWithData } from '../../helpers/data';

const FS = 500;

/** 12 leads of `seconds` of beat-like activity: I and II free, the other limb leads derived. */
function twelveLeads(seconds: number, seed = 1): Float32Array[] {
  const n = seconds * FS;
  const rand = mulberry32(seed);
  const wave = (amp: number, phase: number) =>
    Float32Array.from({ length: n }, (_, t) => {
      const beat = ((t / FS + phase) % 0.8) / 0.8; // 75 bpm
      return amp * Math.exp(-((beat - 0.3) ** 2) / 0.0008) + 0.02 * (rand() - 0.5);
    });
  const I = wave(0.6, 0);
  const II = wave(1.1, 0.01);
  const III = II.map((v, t) => v - I[t]);
  const aVR = I.map((v, t) => -(v + II[t]) / 2);
  const aVL = I.map((v, t) => v - II[t] / 2);
  const aVF = II.map((v, t) => v - I[t] / 2);
  const chest = [0.4, 0.9, 1.3, 1.5, 1.2, 0.8].map((a, k) => wave(a, 0.005 * k));
  return [I, II, III, aVR, aVL, aVF, ...chest];
}

/** A cart's pulse: `flatMs` of zeros, 1 mV for 100 ms, zeros again, in every lead at `at`. */
function putPulse(leads: Float32Array[], at: number, flatMs = 60): void {
  const flat = (flatMs / 1000) * FS;
  for (const x of leads) {
    x.fill(0, at, at + 2 * flat + 0.1 * FS);
    x.fill(1, at + flat, at + flat + 0.1 * FS);
  }
}

describe('analysableRange', () => {
  it('the whole recording when there is no pulse', () => {
    expect(analysableRange(twelveLeads(10), FS)).toEqual({ start: 0, end: 5000 });
  });

  it('stops short of a pulse at the end, flat stretch and margin included', () => {
    const leads = twelveLeads(11);
    putPulse(leads, 5200); // zeros from 5200, pulse 5230–5280, zeros to 5310
    leads.forEach((x) => x.fill(0, 5310)); // Philips: zeros to the end
    const r = analysableRange(leads, FS);
    expect(r.start).toBe(0);
    // 40 ms clear of the padding; the widening may take a few isoelectric samples before it.
    expect(r.end).toBeGreaterThanOrEqual(5150);
    expect(r.end).toBeLessThanOrEqual(5200 - 20);
  });

  it('starts after a pulse at the start', () => {
    const leads = twelveLeads(10);
    putPulse(leads, 100);
    const r = analysableRange(leads, FS); // padding 100–210
    expect(r.end).toBe(5000);
    expect(r.start).toBeGreaterThanOrEqual(210 + 20);
    expect(r.start).toBeLessThanOrEqual(210 + 20 + 50);
  });

  it('leaves a pulse in the middle alone (not where carts put them), and needs ≥ 3 leads', () => {
    const mid = twelveLeads(10);
    putPulse(mid, 2500);
    expect(analysableRange(mid, FS)).toEqual({ start: 0, end: 5000 });
    const two = twelveLeads(10).slice(0, 2);
    putPulse(two, 4800);
    expect(analysableRange(two, FS)).toEqual({ start: 0, end: 5000 });
  });

  it('a flat tail at 0 mV (lead-off, padding) is not a pulse', () => {
    const leads = twelveLeads(10);
    leads.forEach((x) => x.fill(0, 4500));
    expect(analysableRange(leads, FS)).toEqual({ start: 0, end: 5000 });
  });

  it('a pulse in all leads but one still counts; in fewer it does not', () => {
    const leads = twelveLeads(11);
    putPulse(leads, 5200);
    leads[7].set(twelveLeads(11, 9)[7].subarray(5200, 5500), 5200); // V2 kept its own signal
    expect(analysableRange(leads, FS).end).toBeLessThan(5200);
    leads[8].set(twelveLeads(11, 9)[8].subarray(5200, 5500), 5200); // and V3
    expect(analysableRange(leads, FS).end).toBe(5500);
  });
});

describeWithData('formats', 'analysableRange on real files', () => {
  const read = (...parts: string[]) => {
    const name = basename(parts[parts.length - 1]);
    const bytes = readFileSync(dataPath('formats', ...parts));
    return readRecording(fileSourceFromMap(new Map([[name, bytes]])), name);
  };

  it('every Philips strip ends before its 1 mV pulse; what is left holds no 1 mV plateau', () => {
    for (const f of [
      ['1_03', '129DYPRG.XML'],
      ['1_04', '3191723_ZZDEMOPTONLY_1-04_orig.xml'],
      ['1_04', 'ad4d3d80-d165_1-04_orig.xml'],
      ['1_04_01', '2020-5-18_15-48-11.xml'],
    ]) {
      const rec = read('philips-xml', ...f);
      const mv = rec.leads.map(leadMillivolts);
      const r = analysableRange(mv, rec.fs);
      expect(r.start).toBe(0);
      expect(r.end).toBeGreaterThan(10 * rec.fs); // the 10 s of ECG are kept
      expect(r.end).toBeLessThan(5350); // the pulse starts at 10.7 s
      expect(mv.every((x) => x.subarray(r.end).some((v) => Math.abs(v - 1) < 1e-6))).toBe(true);
    }
  });

  it('analysis finds no heartbeat in the pulse, and the record model never sees it', () => {
    const rec = read('philips-xml', '1_04_01', '2020-5-18_15-48-11.xml');
    const { end } = analysableRange(rec.leads.map(leadMillivolts), rec.fs);
    const beats = analyzeRecording(rec).beats.map((b) => b.sample);
    expect(beats.length).toBeGreaterThanOrEqual(10); // ~63 bpm over 10.5 s
    expect(Math.max(...beats)).toBeLessThan(end); // the pulse (from 5350) used to be a "beat"
    const cut = {
      ...rec,
      samples: end,
      leads: rec.leads.map((l) => ({ ...l, digital: l.digital.slice(0, end) })),
    };
    const [whole, trimmed] = [rec, cut].map(prepareRecording);
    expect(whole.length).toBe(trimmed.length);
    expect(whole.scaleMv).toBe(trimmed.scaleMv);
    expect(whole.signal).toEqual(trimmed.signal);
  });

  it('the DICOM and ECG Toolkit recordings (no pulse) are kept whole', () => {
    for (const f of [
      ['dicom-ecg', 'pydicom_waveform_ecg.dcm'],
      ['dicom-ecg', 'ECGToolkit_Example.dcm'],
    ]) {
      const rec = read(...f);
      expect(analysableRange(rec.leads.map(leadMillivolts), rec.fs)).toEqual({
        start: 0,
        end: rec.samples,
      });
    }
  });
});

describeWithData('ludb', 'analysableRange on LUDB', () => {
  it('all 200 records are kept whole', () => {
    const source = fileSourceFromDir(dataPath('ludb', 'data'));
    for (let i = 1; i <= 200; i++) {
      const rec = readRecording(source, `${i}.hea`);
      expect(analysableRange(rec.leads.map(leadMillivolts), rec.fs), `LUDB ${i}`).toEqual({
        start: 0,
        end: rec.samples,
      });
    }
  });
});
