import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeRhythm, classifyWindow } from '../../../main/analysis/rhythm';
import { analyzeRecording } from '../../../main/analysis/analyze';
import { NO_WAVES, type BeatWaves } from '../../../main/dsp/delineation/types';
import { dataPath, describeWithData } from '../../helpers/data';
import { mulberry32 } from '../dsp/synthetic';
import { loadRecord } from './records';

const evidence = (rrIrregularity: number, pWaveFraction: number, prSdMs: number | null) => ({
  rrIrregularity,
  pWaveFraction,
  prMs: 160,
  prSdMs,
});

describe('rhythm classification', () => {
  it('classifies a window from irregularity, P waves and rate', () => {
    expect(classifyWindow(evidence(0.02, 1, 8), 72, 12)).toBe('SR');
    expect(classifyWindow(evidence(0.02, 1, 8), 48, 8)).toBe('SB');
    expect(classifyWindow(evidence(0.02, 1, 8), 115, 19)).toBe('ST');
    expect(classifyWindow(evidence(0.2, 0.1, null), 95, 15)).toBe('AF');
    // P-like bumps at random distances from the QRS are not organised atrial activity.
    expect(classifyWindow(evidence(0.2, 0.9, 70), 95, 15)).toBe('AF');
    // Regular without P waves (junctional, flutter, paced): not forced into a class.
    expect(classifyWindow(evidence(0.01, 0, null), 70, 12)).toBe('UNCLASSIFIED');
    expect(classifyWindow(evidence(0.01, 1, 5), 70, 2)).toBe('UNCLASSIFIED');
  });

  it('finds episodes with their beats in a long recording', () => {
    const fs = 250;
    const rand = mulberry32(5);
    const beats: number[] = [];
    const waves: BeatWaves[] = [];
    let t = fs;
    // 60 s of sinus rhythm at 75 bpm with P waves, then 60 s of irregular rhythm without.
    while (t < 61 * fs) {
      beats.push(Math.round(t));
      waves.push({
        ...NO_WAVES,
        pOn: Math.round(t - 0.2 * fs),
        pOff: Math.round(t - 0.1 * fs),
        qrsOn: Math.round(t - 0.04 * fs),
      });
      t += 0.8 * fs;
    }
    const firstAf = beats.length;
    while (t < 121 * fs) {
      beats.push(Math.round(t));
      waves.push({ ...NO_WAVES, qrsOn: Math.round(t - 0.04 * fs) });
      t += (0.4 + 0.6 * rand()) * fs;
    }
    const r = analyzeRhythm(beats, waves, fs, 122 * fs);
    expect(r.episodes.map((e) => e.code)).toEqual(['SR', 'AF']);
    expect(r.episodes[1].firstBeat).toBeGreaterThanOrEqual(firstAf - 8);
    expect(r.episodes[1].firstBeat).toBeLessThanOrEqual(firstAf + 8);
    expect(r.burden.SR!.beats + r.burden.AF!.beats).toBe(beats.length);
    expect(r.episodes[0].heartRateBpm).toBe(75);
    expect(r.episodes[0].evidence.pWaveFraction).toBe(1);
  });

  it('is unclassified with too few beats', () => {
    expect(analyzeRhythm([100], [NO_WAVES], 250, 2500).dominant).toBe('UNCLASSIFIED');
    expect(analyzeRhythm([], [], 250, 2500).episodes).toEqual([]);
  });
});

describeWithData('ptbxl', 'rhythm on PTB-XL (ecg_id 1-600, 100 Hz)', () => {
  it('finds atrial fibrillation, sinus tachycardia and bradycardia', () => {
    const text = readFileSync(dataPath('ptbxl', 'ptbxl_labels.csv'), 'utf8');
    const count = { afRef: 0, afTp: 0, afFp: 0, stRef: 0, stTp: 0, sbRef: 0, sbTp: 0 };
    for (const line of text.split(/\r?\n/).slice(1)) {
      const m = /^(\d+),[^"{]*"?(\{[^}]*\})"?,\d+,(records100\/\d+)\/(\d+_lr)/.exec(line);
      if (!m || Number(m[1]) > 600) continue;
      const codes = m[2];
      const rec = loadRecord(`ptbxl/${m[3]}`, m[4]);
      const rhythm = analyzeRecording(rec).rhythm.dominant;
      const af = codes.includes("'AFIB'");
      if (af) count.afRef++;
      if (af && rhythm === 'AF') count.afTp++;
      if (!af && rhythm === 'AF') count.afFp++;
      if (codes.includes("'STACH'")) {
        count.stRef++;
        if (rhythm === 'ST') count.stTp++;
      }
      if (codes.includes("'SBRAD'")) {
        count.sbRef++;
        if (rhythm === 'SB') count.sbTp++;
      }
    }
    // Measured: AF 12/20 found, 5 false; ST 5/5; SB 9/11 (scripts/eval-rhythm.ts: all 1999).
    expect(count.afRef).toBe(20);
    expect(count.afTp / count.afRef).toBeGreaterThanOrEqual(0.5);
    expect(count.afTp / (count.afTp + count.afFp)).toBeGreaterThanOrEqual(0.6);
    expect(count.stTp / count.stRef).toBeGreaterThanOrEqual(0.8);
    expect(count.sbTp / count.sbRef).toBeGreaterThanOrEqual(0.7);
  });
});

describeWithData('mitdb', 'rhythm on a long MIT-BIH record', () => {
  it('record 100 is sinus rhythm throughout', () => {
    const r = analyzeRecording(loadRecord('mitdb', '100')).rhythm;
    expect(r.dominant).toBe('SR');
    expect(r.burden.SR!.beats).toBeGreaterThan(2200);
  });
});
