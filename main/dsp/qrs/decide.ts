/**
 * Beat decision on the fused QRS envelope: adaptive thresholds, refractory period, T-wave
 * rejection and searchback, after Pan & Tompkins (1985) and Hamilton & Tompkins (1986),
 * with two changes:
 *
 * - The threshold is the weighted geometric mean SPK^a * NPK^(1-a) (a = 0.65) of the QRS
 *   level SPK (median of the last 8 accepted peaks) and the noise level NPK (mean of the last
 *   8 rejected peaks), instead of NPK + 0.3 (SPK - NPK). On a clean record (NPK ~ SPK / 20)
 *   it sits at ~0.35 SPK, low enough for aberrant beats with little slope; in noise (NPK ~
 *   SPK / 2) it rises to ~0.8 SPK, where a linear rule would let noise peaks through.
 * - Searchback looks for a beat at NPK + 0.4 (threshold - NPK): always above the noise level
 *   (a fixed fraction of the threshold can fall below it in noise), and above the P waves and
 *   noise in the long pauses of sinus arrest (MIT-BIH 232).
 *
 * Physiological grounding of the other defaults:
 * - refractory 200 ms: ventricles cannot depolarise twice within 200 ms (300 bpm);
 * - T-wave window 360 ms: a candidate this soon after a QRS that is much weaker than it is
 *   more likely its T wave than a new beat (ectopic beats this early are large, not small);
 * - searchback after 1.66 x the recent mean RR: a pause that long in a regular rhythm most
 *   likely hides a missed beat.
 */

export interface DecisionOptions {
  refractoryMs?: number;
  tWaveWindowMs?: number;
  /** Exponent a of the threshold SPK^a * NPK^(1-a). Default 0.65. */
  thresholdExponent?: number;
  searchbackRrFactor?: number;
  /** Searchback level = NPK + this x (threshold - NPK). Default 0.4. */
  searchbackFraction?: number;
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
    const v = f[i];
    let isMax = v > 0;
    if (isMax) {
      const lo = Math.max(0, i - halfWidth);
      const hi = Math.min(n - 1, i + halfWidth);
      for (let j = i + 1; j <= hi && isMax; j++) if (f[j] > v) isMax = false;
      for (let j = lo; j < i && isMax; j++) if (f[j] >= v) isMax = false;
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

/** The last `size` values, with their median and mean. */
class Recent {
  private readonly buf: Float64Array;
  private readonly sorted: Float64Array;
  private pos = 0;
  constructor(size: number, init: number) {
    this.buf = new Float64Array(size).fill(init);
    this.sorted = new Float64Array(size);
  }
  push(v: number): void {
    this.buf[this.pos] = v;
    this.pos = (this.pos + 1) % this.buf.length;
  }
  median(): number {
    this.sorted.set(this.buf);
    this.sorted.sort();
    const m = this.sorted.length >> 1;
    return this.sorted.length % 2 ? this.sorted[m] : 0.5 * (this.sorted[m - 1] + this.sorted[m]);
  }
  mean(): number {
    let s = 0;
    for (let i = 0; i < this.buf.length; i++) s += this.buf[i];
    return s / this.buf.length;
  }
}

export function decideBeats(
  cands: readonly Candidate[],
  fsHz: number,
  opts: DecisionOptions = {},
): Candidate[] {
  const refractory = Math.round(((opts.refractoryMs ?? 200) * fsHz) / 1000);
  const tWindow = Math.round(((opts.tWaveWindowMs ?? 360) * fsHz) / 1000);
  const alpha = opts.thresholdExponent ?? 0.65;
  const sbFactor = opts.searchbackRrFactor ?? 1.66;
  const sbFraction = opts.searchbackFraction ?? 0.4;
  const tRatio = opts.tWaveAmplitudeRatio ?? 0.5;
  if (cands.length === 0) return [];

  // Initial levels from the first 8 s: the strongest candidates are QRS complexes.
  const initEnd = cands[0].sample + 8 * fsHz;
  const early = cands
    .filter((c) => c.sample < initEnd)
    .map((c) => c.amp)
    .sort((a, b) => b - a);
  const spkInit = early[Math.min(early.length - 1, 3)];
  const spk = new Recent(8, spkInit);
  const npk = new Recent(8, spkInit * 0.1);
  const rr = new Recent(8, Math.round(0.8 * fsHz));
  let th = 0;
  let nl = 0;
  const update = (): void => {
    const s = spk.median();
    nl = npk.mean();
    th = Math.pow(s, alpha) * Math.pow(Math.max(nl, 1e-6 * s), 1 - alpha);
  };
  update();

  const beats: Candidate[] = [];
  const accept = (c: Candidate): void => {
    const last = beats[beats.length - 1];
    if (last) rr.push(c.sample - last.sample);
    beats.push(c);
    spk.push(c.amp);
    update();
  };
  const reject = (c: Candidate): void => {
    npk.push(c.amp);
    update();
  };
  const isTWave = (c: Candidate): boolean => {
    const last = beats[beats.length - 1];
    return !!last && c.sample - last.sample < tWindow && c.amp < tRatio * last.amp;
  };

  let ci = 0;
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
      if (best && best.amp > nl + sbFraction * (th - nl) && !isTWave(best)) {
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
        reject(c);
      }
      continue;
    }
    if (c.amp >= th && !isTWave(c)) accept(c);
    else reject(c);
  }
  return beats;
}
