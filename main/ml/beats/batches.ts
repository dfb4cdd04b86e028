/**
 * Training batches: class-rebalanced sampling and augmentation, all from one seeded generator.
 *
 * Sampling: class c is drawn with probability ∝ n_c^alpha (alpha 1 = natural frequencies,
 * 0 = balanced), but never more than `maxOversample` × its natural share, so a class with a
 * handful of examples (Q: 8 beats in DS1) cannot dominate by repetition. Rebalancing by
 * sampling rather than loss weights keeps gradient magnitudes steady.
 *
 * Augmentation (training only): a shift of up to `margin` samples (detectors and annotators
 * disagree on the fiducial point by a few samples), a log-uniform amplitude scale, and white
 * noise. RR features are left as they are.
 */
import { gaussian } from '../seed';
import { BEAT_CLASSES } from './labels';
import type { BeatSet } from './dataset';
import { WINDOW_LEN } from './preprocess';
import { RR_DIM } from './rr';

export interface SamplingOptions {
  alpha: number;
  maxOversample: number;
}

export interface AugmentOptions {
  /** Max |scale| in log2 units: 0.2 → scale in [0.87, 1.15]. */
  log2Scale: number;
  /** Noise std in normalised units (a median QRS is 1 peak-to-peak). */
  noise: number;
}

export interface Batch {
  beats: Float32Array; // [n][WINDOW_LEN]
  rr: Float32Array; // [n][RR_DIM]
  labels: Uint8Array;
}

/** Per-class draw probabilities (BEAT_CLASSES order) for a set's labels. */
export function classProbabilities(labels: Uint8Array, opts: SamplingOptions): number[] {
  const counts = new Array<number>(BEAT_CLASSES.length).fill(0);
  for (const l of labels) counts[l]++;
  const total = labels.length;
  const raw = counts.map((n) => (n > 0 ? Math.pow(n, opts.alpha) : 0));
  const z = raw.reduce((a, b) => a + b, 0);
  const capped = raw.map((r, c) => Math.min(r / z, (opts.maxOversample * counts[c]) / total));
  const zc = capped.reduce((a, b) => a + b, 0);
  return capped.map((p) => p / zc);
}

export class BatchSampler {
  private readonly byClass: Int32Array[];
  private readonly cumulative: number[];

  constructor(
    private readonly set: BeatSet,
    sampling: SamplingOptions,
    private readonly augment: AugmentOptions,
    private readonly rand: () => number,
  ) {
    this.byClass = BEAT_CLASSES.map((_, c) => indicesOf(set.labels, c));
    let acc = 0;
    this.cumulative = classProbabilities(set.labels, sampling).map((p) => (acc += p));
  }

  next(n: number): Batch {
    const batch: Batch = { beats: new Float32Array(n * WINDOW_LEN), rr: new Float32Array(n * RR_DIM), labels: new Uint8Array(n) };
    for (let i = 0; i < n; i++) this.fill(batch, i, this.drawIndex());
    return batch;
  }

  private drawIndex(): number {
    const u = this.rand();
    let c = this.cumulative.findIndex((p) => u < p);
    if (c < 0) c = this.cumulative.length - 1;
    while (this.byClass[c].length === 0) c = (c + 1) % this.byClass.length;
    const members = this.byClass[c];
    return members[Math.floor(this.rand() * members.length)];
  }

  private fill(batch: Batch, i: number, src: number): void {
    const { windows, windowLen, margin, rr, labels } = this.set;
    const shift = margin > 0 ? Math.floor(this.rand() * (2 * margin + 1)) - margin : 0;
    const scale = Math.pow(2, (2 * this.rand() - 1) * this.augment.log2Scale);
    const from = src * windowLen + margin + shift;
    for (let j = 0; j < WINDOW_LEN; j++) {
      const noise = this.augment.noise > 0 ? this.augment.noise * gaussian(this.rand) : 0;
      batch.beats[i * WINDOW_LEN + j] = windows[from + j] * scale + noise;
    }
    batch.rr.set(rr.subarray(src * RR_DIM, (src + 1) * RR_DIM), i * RR_DIM);
    batch.labels[i] = labels[src];
  }
}

function indicesOf(labels: Uint8Array, c: number): Int32Array {
  const out: number[] = [];
  labels.forEach((l, i) => {
    if (l === c) out.push(i);
  });
  return Int32Array.from(out);
}

/** The un-augmented centre windows of a set (for validation and evaluation). */
export function centreWindows(set: BeatSet): Float32Array {
  if (set.margin === 0) return set.windows;
  const n = set.labels.length;
  const out = new Float32Array(n * WINDOW_LEN);
  for (let i = 0; i < n; i++) out.set(set.windows.subarray(i * set.windowLen + set.margin, i * set.windowLen + set.margin + WINDOW_LEN), i * WINDOW_LEN);
  return out;
}
