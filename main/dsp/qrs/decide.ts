/**
 * Beat decision on the fused QRS envelope: adaptive thresholds, refractory period, T-wave
 * rejection and searchback, after Pan & Tompkins (1985) and Hamilton & Tompkins (1986),
 * with medians instead of means so one artefact does not move the thresholds.
 *
 * Physiological grounding of the defaults:
 * - refractory 200 ms: ventricles cannot depolarise twice within 200 ms (300 bpm);
 * - T-wave window 360 ms: a candidate this soon after a QRS that is much weaker than it is
 *   more likely its T wave than a new beat (ectopic beats this early are large, not small);
 * - searchback after 1.66 x the recent mean RR: a pause that long in a regular rhythm most
 *   likely hides a missed beat; it is looked for with half the threshold.
 */

export interface DecisionOptions {
  refractoryMs?: number;
  tWaveWindowMs?: number;
  /** Threshold = noise + fraction x (QRS - noise) levels. Default 0.3. */
  thresholdFraction?: number;
  searchbackRrFactor?: number;
  geometricAlpha?: number;
  searchbackNoiseFactor?: number;
  searchbackMode?: 'plain' | 'noise';
  thresholdNoiseSlope?: number;
  searchbackThresholdFactor?: number;
  /** A candidate this much weaker than the previous QRS inside the T-wave window is a T wave. */
  tWaveAmplitudeRatio?: number;
}

export interface Candidate {
  sample: number;
  amp: number;
  /** Set on accepted beats found by searchback (below the normal threshold). */
  searchback?: boolean;
}

/** Local maxima of `f` that dominate +-`halfWidth` samples (ties go to the first). */
export function findCandidates(f: Float32Array, halfWidth: number): Candidate[] {
  const n = f.length;
  const out: Candidate[] = [];
  let i = 0;
  while (i < n) {
    // Find the max of the window starting at i and check that it dominates its own window.
    const v = f[i];
    let isMax = v > 0;
    if (isMax) {
      const lo = Math.max(0, i - halfWidth);
      const hi = Math.min(n - 1, i + halfWidth);
      for (let j = lo; j < i && isMax; j++) if (f[j] >= v) isMax = false;
      for (let j = i + 1; j <= hi && isMax; j++) if (f[j] > v) isMax = false;
    }
    if (isMax) {
      out.push({ sample: i, amp: v });
      i += halfWidth + 1;
    } else {
      i++;
    }
  }
  return out;
}

class Ring {
  private readonly buf: number[];
  constructor(size: number, init: number) {
    this.buf = new Array(size).fill(init);
  }
  push(v: number): void {
    this.buf.shift();
    this.buf.push(v);
  }
  median(): number {
    const s = [...this.buf].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
  }
  mean(): number {
    return this.buf.reduce((a, b) => a + b, 0) / this.buf.length;
  }
}

export function decideBeats(cands: readonly Candidate[], fsHz: number, opts: DecisionOptions = {}): Candidate[] {
  const refractory = Math.round(((opts.refractoryMs ?? 200) * fsHz) / 1000);
  const tWindow = Math.round(((opts.tWaveWindowMs ?? 360) * fsHz) / 1000);
  const tau = opts.thresholdFraction ?? 0.3;
  const sbFactor = opts.searchbackRrFactor ?? 1.66;
  const sbThreshold = opts.searchbackThresholdFactor ?? 0.5;
  const tRatio = opts.tWaveAmplitudeRatio ?? 0.5;
  const sbNoise = opts.searchbackNoiseFactor ?? 0;
  const sbMode = opts.searchbackMode ?? 'plain';
  if (cands.length === 0) return [];

  // Initial levels from the first 8 s: the strongest candidates are QRS complexes.
  const initEnd = cands[0].sample + 8 * fsHz;
  const early = cands.filter((c) => c.sample < initEnd).map((c) => c.amp).sort((a, b) => b - a);
  const spkInit = early[Math.min(early.length - 1, 3)] ?? 1;
  const spk = new Ring(8, spkInit);
  const npk = new Ring(8, spkInit * 0.1);
  const rr = new Ring(8, Math.round(0.8 * fsHz));
  const alpha = opts.geometricAlpha;
  const tauSlope = opts.thresholdNoiseSlope ?? 0;
  const threshold = (): number => {
    const n = npk.mean();
    const s = spk.median();
    if (alpha !== undefined) return Math.pow(s, alpha) * Math.pow(Math.max(n, 1e-6 * s), 1 - alpha);
    const t = Math.min(0.6, tau + tauSlope * (n / s));
    return n + t * (s - n);
  };

  const beats: Candidate[] = [];
  let ci = 0;
  const accept = (c: Candidate): void => {
    const last = beats[beats.length - 1];
    if (last) rr.push(c.sample - last.sample);
    beats.push(c);
    spk.push(c.amp);
  };
  const isTWave = (c: Candidate): boolean => {
    const last = beats[beats.length - 1];
    return !!last && c.sample - last.sample < tWindow && c.amp < tRatio * last.amp;
  };

  while (ci < cands.length) {
    const c = cands[ci];
    const last = beats[beats.length - 1];
    // Searchback: a long pause since the last beat before this candidate.
    if (last && c.sample - last.sample > sbFactor * rr.mean()) {
      const lo = last.sample + refractory;
      const hi = c.sample - refractory;
      let best: Candidate | null = null;
      for (let k = ci - 1; k >= 0 && cands[k].sample > last.sample; k--) {
        const q = cands[k];
        if (q.sample < lo || q.sample > hi) continue;
        if (!best || q.amp > best.amp) best = q;
      }
      const nl = npk.mean();
      const sbLevel = sbMode === 'noise' ? nl + sbThreshold * (threshold() - nl) : sbThreshold * threshold();
      if (best && best.amp > sbLevel && best.amp > sbNoise * nl && !isTWave(best)) {
        accept({ ...best, searchback: true });
        continue; // re-examine c against the new last beat
      }
    }
    ci++;
    if (last && c.sample - last.sample < refractory) {
      // Two peaks too close for two beats: keep the stronger (the first may have been a P wave).
      if (c.amp > last.amp) {
        beats.pop();
        accept(c);
      } else {
        npk.push(c.amp);
      }
      continue;
    }
    if (c.amp >= threshold() && !isTWave(c)) accept(c);
    else npk.push(c.amp);
  }
  return beats;
}
