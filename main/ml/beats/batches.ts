/**
 * Training batches: class-rebalanced sampling and augmentation, all from one seeded generator.
 *
 * Sampling: class c is drawn with probability ∝ n_c^alpha (alpha 1 = natural frequencies,
 * 0 = balanced), but never more than `maxOversample` × its natural share, so a class with a
 * handful of examples (Q: 8 beats in DS1) cannot dominate by repetition. Rebalancing by
 * sampling rather than loss weights keeps gradient magnitudes steady.
 *
 * Augmentation (training only): a shift of up to `maxShift` samples (detectors and
 * annotators disagree on the fiducial point by a few samples), a time stretch about the
 * fiducial point (QRS width and QT vary between patients and with rate), a log-uniform
 * amplitude scale, and white noise. RR features are left as they are, except in synthetic S beats:
 *
 * Synthetic S ("RR transplant"): DS1 has supraventricular beats from only a handful of
 * patients, so a model learns "looks like patient 209" instead of "normal-looking but early".
 * A fraction `syntheticS` of the S draws therefore pairs a random N beat's window (any
 * patient) with the RR features of a real, clearly premature S beat in a regular rhythm
 * (pre/localMedian < 0.9, irregularity < 0.1), labelled S. Real S beats have near-normal
 * morphology for their patient, so this teaches the rule clinicians use. S beats inside long
 * SVTA runs or atrial fibrillation are not donors: their RR says little, and as donors they
 * taught the model to call every short interval in AF an S beat.
 */
import { gaussian } from '../seed';
import { BEAT_CLASSES } from './labels';
import type { BeatSet } from './dataset';
import { N_CHANNELS, WINDOW_BEFORE, WINDOW_LEN } from './preprocess';
import { RR_DIM, RR_FEATURES } from './rr';

const N = BEAT_CLASSES.indexOf('N');
const S = BEAT_CLASSES.indexOf('S');
const PREMATURITY = RR_FEATURES.indexOf('preRR/localMedianRR');
const IRREGULARITY = RR_FEATURES.indexOf('irregularity');
const DONOR_MAX_PREMATURITY = 0.9;
const DONOR_MAX_IRREGULARITY = 0.1;

export interface SamplingOptions {
  alpha: number;
  maxOversample: number;
  /**
   * Fraction of N draws taken from N beats with a premature RR (pre/localMedian < 0.9: sinus
   * arrhythmia, atrial fibrillation), the negatives that teach "early is not enough for S".
   * 0 = plain uniform N draws.
   */
  prematureN: number;
}

export interface AugmentOptions {
  /** Max |scale| in log2 units: 0.2 → scale in [0.87, 1.15]. */
  log2Scale: number;
  /** Noise std in normalised units (a median QRS is 1 peak-to-peak). */
  noise: number;
  /** Max shift of the fiducial point, samples; at most the set's margin. */
  maxShift: number;
  /** Max time stretch about the fiducial point, as a fraction (0.1 → ×0.9..1.1). */
  stretch: number;
  /** Fraction of S draws that are synthetic (N window + real S beat's RR features), 0..1. */
  syntheticS: number;
}

export interface Batch {
  beats: Float32Array; // [n][WINDOW_LEN][N_CHANNELS]
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
  /** S beats whose RR features synthetic S beats borrow. */
  private readonly donors: Int32Array;
  /** N beats with a premature RR. */
  private readonly earlyN: Int32Array;

  constructor(
    private readonly set: BeatSet,
    private readonly sampling: SamplingOptions,
    private readonly augment: AugmentOptions,
    private readonly rand: () => number,
  ) {
    this.byClass = BEAT_CLASSES.map((_, c) => indicesOf(set.labels, c));
    this.earlyN = this.byClass[N].filter(
      (i) => set.rr[i * RR_DIM + PREMATURITY] < DONOR_MAX_PREMATURITY,
    );
    this.donors = this.byClass[S].filter(
      (i) =>
        set.rr[i * RR_DIM + PREMATURITY] < DONOR_MAX_PREMATURITY &&
        set.rr[i * RR_DIM + IRREGULARITY] < DONOR_MAX_IRREGULARITY,
    );
    let acc = 0;
    this.cumulative = classProbabilities(set.labels, sampling).map((p) => (acc += p));
  }

  next(n: number): Batch {
    const batch: Batch = {
      beats: new Float32Array(n * WINDOW_LEN * N_CHANNELS),
      rr: new Float32Array(n * RR_DIM),
      labels: new Uint8Array(n),
    };
    for (let i = 0; i < n; i++) {
      const c = this.drawClass();
      const synthetic =
        c === S &&
        this.donors.length > 0 &&
        this.byClass[N].length > 0 &&
        this.rand() < this.augment.syntheticS;
      if (synthetic)
        this.fill(
          batch,
          i,
          this.drawIndex(N),
          this.donors[Math.floor(this.rand() * this.donors.length)],
        );
      else if (c === N && this.earlyN.length > 0 && this.rand() < this.sampling.prematureN) {
        const src = this.earlyN[Math.floor(this.rand() * this.earlyN.length)];
        this.fill(batch, i, src, src);
      } else {
        const src = this.drawIndex(c);
        this.fill(batch, i, src, src);
      }
    }
    return batch;
  }

  private drawClass(): number {
    const u = this.rand();
    let c = this.cumulative.findIndex((p) => u < p);
    if (c < 0) c = this.cumulative.length - 1;
    while (this.byClass[c].length === 0) c = (c + 1) % this.byClass.length;
    return c;
  }

  private drawIndex(c: number): number {
    const members = this.byClass[c];
    return members[Math.floor(this.rand() * members.length)];
  }

  /** How many S beats qualify as RR donors (for logs and tests). */
  get donorCount(): number {
    return this.donors.length;
  }

  /**
   * Example i of the batch: the window of `src`, the RR features and label of `rrSrc`.
   * Shift and stretch resample the stored (margin-padded) window by linear interpolation.
   */
  private fill(batch: Batch, i: number, src: number, rrSrc: number): void {
    const { windows, windowLen, margin, rr, labels } = this.set;
    const maxShift = Math.min(margin, this.augment.maxShift);
    const shift = maxShift > 0 ? Math.floor(this.rand() * (2 * maxShift + 1)) - maxShift : 0;
    const factor = 1 + (2 * this.rand() - 1) * this.augment.stretch;
    const scale = Math.pow(2, (2 * this.rand() - 1) * this.augment.log2Scale);
    const base = src * windowLen;
    const to = i * WINDOW_LEN * N_CHANNELS;
    for (let j = 0; j < WINDOW_LEN; j++) {
      const p = Math.min(
        windowLen - 1,
        Math.max(0, margin + shift + WINDOW_BEFORE + (j - WINDOW_BEFORE) * factor),
      );
      const k = Math.min(windowLen - 2, Math.floor(p));
      const w = p - k;
      // The same noise on both channels keeps channel 1 = channel 0 - template.
      const noise = this.augment.noise > 0 ? this.augment.noise * gaussian(this.rand) : 0;
      for (let c = 0; c < N_CHANNELS; c++) {
        const a = windows[(base + k) * N_CHANNELS + c];
        const b = windows[(base + k + 1) * N_CHANNELS + c];
        batch.beats[to + j * N_CHANNELS + c] = (a + (b - a) * w) * scale + noise;
      }
    }
    batch.rr.set(rr.subarray(rrSrc * RR_DIM, (rrSrc + 1) * RR_DIM), i * RR_DIM);
    batch.labels[i] = labels[rrSrc];
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
  const out = new Float32Array(n * WINDOW_LEN * N_CHANNELS);
  for (let i = 0; i < n; i++) {
    const from = (i * set.windowLen + set.margin) * N_CHANNELS;
    out.set(
      set.windows.subarray(from, from + WINDOW_LEN * N_CHANNELS),
      i * WINDOW_LEN * N_CHANNELS,
    );
  }
  return out;
}
