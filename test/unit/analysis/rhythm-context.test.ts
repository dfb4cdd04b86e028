import { describe, expect, it } from 'vitest';
import type { BeatClass, ClassifiedBeat } from '../../../main/analysis/classifier';
import { applyRhythmContext, SUSTAINED_AF_S } from '../../../main/analysis/rhythm-context';
import {
  RHYTHM_LABELS,
  type RhythmEpisode,
  type RhythmResult,
} from '../../../main/analysis/rhythm';

const FS = 100;

function beat(label: BeatClass, p: number): ClassifiedBeat {
  const probs: Record<BeatClass, number> = { N: 0, S: 0, V: 0, F: 0, Q: 0 };
  probs[label] = p;
  probs.N += (1 - p) * 0.75;
  probs.V += (1 - p) * 0.25;
  return { label, confidence: p, probs };
}

function episode(code: RhythmEpisode['code'], startS: number, endS: number): RhythmEpisode {
  return {
    code,
    label: RHYTHM_LABELS[code],
    startSample: startS * FS,
    endSample: endS * FS,
    firstBeat: 0,
    lastBeat: 0,
    beatCount: 0,
    heartRateBpm: null,
    evidence: { rrIrregularity: null, pWaveFraction: 0, prMs: null, prSdMs: null },
  };
}

function rhythm(episodes: RhythmEpisode[]): RhythmResult {
  return { dominant: 'AF', label: RHYTHM_LABELS.AF, episodes, burden: {} };
}

describe('applyRhythmContext', () => {
  const classes = [beat('S', 0.8), beat('S', 0.6), beat('V', 0.9), beat('S', 0.7)];
  // beats at 5 s (sinus), 50 s (sustained AF), 60 s (sustained AF), 110 s (short AF)
  const samples = Int32Array.from([5, 50, 60, 110], (s) => s * FS);
  const episodes = [
    episode('SR', 0, 20),
    episode('AF', 20, 20 + 2 * SUSTAINED_AF_S), // sustained
    episode('SR', 20 + 2 * SUSTAINED_AF_S, 100),
    episode('AF', 100, 100 + SUSTAINED_AF_S - 5), // too short
  ];

  it('turns S into the best other class inside sustained AF, renormalising the probabilities', () => {
    const out = applyRhythmContext(classes, samples, rhythm(episodes.slice(0, 2)), FS);
    expect(out[0]).toEqual(classes[0]); // sinus: unchanged
    expect(out[1].label).toBe('N');
    expect(out[1].probs.S).toBe(0);
    const sum = Object.values(out[1].probs).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 6);
    expect(out[1].confidence).toBeCloseTo(0.75, 6); // 0.3 / 0.4
    expect(out[2]).toEqual(classes[2]); // V stays V in AF
  });

  it('leaves S alone in AF episodes shorter than the sustained threshold', () => {
    const out = applyRhythmContext(classes, samples, rhythm([episodes[3]]), FS);
    expect(out[3]).toEqual(classes[3]);
  });

  it('does not modify its input', () => {
    const before = JSON.stringify(classes);
    applyRhythmContext(classes, samples, rhythm(episodes), FS);
    expect(JSON.stringify(classes)).toBe(before);
  });
});
