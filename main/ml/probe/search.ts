/**
 * Smallest label-changing ε per beat: a search over a log-spaced bracket
 * [minEpsilon, maxEpsilon] in which every ε tried is one attack job (scheduler.ts).
 *
 * Round 0 tries `gridPoints` log-spaced values up to maxEpsilon (1 point: maxEpsilon alone);
 * beats that flip at none of them get no ε (null). Every later round tries `gridPoints`
 * log-spaced values strictly inside the beat's bracket (lo, hi) and keeps the smallest flipping
 * one as the new hi. One point per round is bisection, the least work (whole records); several
 * points per round need fewer sequential rounds (a single beat, where 7 rows cost about what 1
 * does). The log-width of the bracket shrinks by gridPoints in round 0 and gridPoints + 1 after;
 * the reported ε is its top, the smallest ε at which a flip was actually found. This assumes
 * flips get easier with ε, which nested balls make true for the best attack and nearly true
 * for PGD. Beats proceed independently: one can be in round 5 while another starts.
 */
import type * as tf from '@tensorflow/tfjs';
import type { AttackNorm, Estimator } from './attack';
import type { AttackLoss } from './loss';
import { pgdEstimator } from './pgd';
import { epsilonScales } from './epsilon';
import { AttackScheduler, type AttackJob, type BeatArrays, type JobOutcome } from './scheduler';
import { spsaEstimator, type SpsaOptions } from './spsa';

export type { BeatArrays } from './scheduler';
export type ProbeMethod = 'pgd' | 'spsa';

export interface FlipSearchOptions {
  method: ProbeMethod;
  /**
   * 'linf' (default): ε is an L∞ radius on the beat scaled to [0, 1]. 'l2': ε is the
   * noise-to-signal ratio ‖δ‖₂/‖beat‖₂ (epsilon.ts).
   */
  norm?: AttackNorm;
  /** Attack steps per ε tried. */
  steps: number;
  /** Fraction of ε per step (default 2.5 / steps). */
  stepSize?: number;
  randomStart: boolean;
  seed: number;
  loss: AttackLoss;
  /** See PerturbOptions.momentum (PGD 0, SPSA 0.9). */
  momentum: number;
  /** In the norm's ε scale (epsilon.ts). */
  maxEpsilon: number;
  minEpsilon: number;
  /** ε values tried per beat and round (1 = bisection). */
  gridPoints: number;
  /** Rounds, including round 0 up to maxEpsilon. */
  rounds: number;
  /** Rows attacked together (the working set). */
  batchSize: number;
  spsa: Omit<SpsaOptions, 'seed'>;
}

export interface FlipSearchResult {
  /** Smallest flipping ε found ([0, 1] scale); NaN where none up to maxEpsilon. */
  epsilon: Float64Array;
  /** Class index the beat flipped to at `epsilon`; −1 where none. */
  flippedTo: Int32Array;
  /** The perturbation that flipped it at `epsilon`, [n][len] model units, both channels. */
  delta: Float32Array;
}

/** Per-beat state of the bracket search. */
interface Bracket {
  lo: number;
  hi: number;
  round: number;
  /** ε tried this round, increasing, and what each gave. */
  tried: number[];
  outcomes: (JobOutcome | undefined)[];
  pending: number;
}

/**
 * A resumable search over many beats: step() until it returns false, then result().
 * `labels`: the class each beat must move away from (the model's own prediction, for the probe).
 */
export class FlipSearch {
  readonly result: FlipSearchResult;
  /** Model units per unit of ε, per beat: channel-0 range (L∞) or norm (L2). */
  private readonly ranges: Float32Array;
  private readonly brackets: Bracket[];
  private readonly scheduler: AttackScheduler;
  private doneCount = 0;

  constructor(
    model: tf.LayersModel,
    private readonly data: BeatArrays,
    private readonly labels: Int32Array,
    private readonly opts: FlipSearchOptions,
  ) {
    checkOptions(opts);
    const { n, len } = data;
    if (labels.length < n) throw new RangeError('one label per beat');
    const norm = opts.norm ?? 'linf';
    this.ranges = epsilonScales(data.windows, n, norm, len, data.channels);
    this.result = {
      epsilon: new Float64Array(n).fill(NaN),
      flippedTo: new Int32Array(n).fill(-1),
      delta: new Float32Array(n * len),
    };
    const { steps, stepSize, randomStart, seed, loss, momentum, batchSize } = opts;
    this.scheduler = new AttackScheduler(
      model,
      data,
      estimatorFor(opts),
      { steps, stepSize, randomStart, seed, loss, momentum, capacity: batchSize, norm },
      (job, outcome) => this.onDone(job, outcome),
    );
    this.brackets = Array.from({ length: n }, (_, b) => {
      const br: Bracket = {
        lo: opts.minEpsilon,
        hi: NaN,
        round: 0,
        tried: [],
        outcomes: [],
        pending: 0,
      };
      // A flat window has a ball of radius 0: nothing to search.
      if (this.ranges[b] > 0) this.startRound(b, br);
      else this.doneCount++;
      return br;
    });
  }

  /** Beats whose search has ended. */
  get done(): number {
    return this.doneCount;
  }

  /** One attack step; false when every beat is settled. */
  step(): boolean {
    return this.scheduler.step();
  }

  dispose(): void {
    this.scheduler.dispose();
  }

  private startRound(b: number, br: Bracket): void {
    const g = this.opts.gridPoints;
    // Round 0: g points up to max, the last one max itself. Later: g points inside (lo, hi).
    const [from, to, parts] =
      br.round === 0 ? [this.opts.minEpsilon, this.opts.maxEpsilon, g] : [br.lo, br.hi, g + 1];
    br.tried = Array.from({ length: g }, (_, j) => from * Math.pow(to / from, (j + 1) / parts));
    br.outcomes = new Array<JobOutcome | undefined>(g);
    br.pending = g;
    br.tried.forEach((eps, j) =>
      this.scheduler.push({ beat: b, label: this.labels[b], eps: eps * this.ranges[b], tag: j }),
    );
  }

  private onDone(job: AttackJob, outcome: JobOutcome): void {
    const b = job.beat;
    const br = this.brackets[b];
    br.outcomes[job.tag] = outcome;
    if (--br.pending > 0) return;
    const j = br.outcomes.findIndex((o) => o !== undefined && o.flippedTo >= 0);
    if (j >= 0) {
      br.lo = j > 0 ? br.tried[j - 1] : br.round === 0 ? this.opts.minEpsilon : br.lo;
      br.hi = br.tried[j];
      this.result.epsilon[b] = br.hi;
      this.result.flippedTo[b] = br.outcomes[j]!.flippedTo;
      this.result.delta.set(br.outcomes[j]!.delta!, b * this.data.len);
    } else br.lo = br.tried[br.tried.length - 1];
    br.outcomes = [];
    br.round++;
    if (Number.isFinite(br.hi) && br.round < this.opts.rounds) this.startRound(b, br);
    else this.doneCount++;
  }
}

/** Runs a FlipSearch to the end (synchronously). */
export function searchFlipEpsilon(
  model: tf.LayersModel,
  data: BeatArrays,
  labels: Int32Array,
  opts: FlipSearchOptions,
): FlipSearchResult {
  const search = new FlipSearch(model, data, labels, opts);
  try {
    while (search.step());
    return search.result;
  } finally {
    search.dispose();
  }
}

function checkOptions(o: FlipSearchOptions): void {
  if (!(o.minEpsilon > 0 && o.maxEpsilon > o.minEpsilon))
    throw new RangeError('need 0 < minEpsilon < maxEpsilon');
  for (const [name, v] of [
    ['gridPoints', o.gridPoints],
    ['rounds', o.rounds],
    ['steps', o.steps],
    ['batchSize', o.batchSize],
  ] as const)
    if (!(Number.isInteger(v) && v >= 1)) throw new RangeError(`${name} must be an integer >= 1`);
}

function estimatorFor(o: FlipSearchOptions): Estimator {
  return o.method === 'pgd' ? pgdEstimator : spsaEstimator({ ...o.spsa, seed: o.seed + 7 });
}

/** The rows `beat` of `data`. */
export function selectRows(data: BeatArrays, beat: Int32Array): BeatArrays {
  const w = data.len * data.channels;
  const windows = new Float32Array(beat.length * w);
  const rr = new Float32Array(beat.length * data.rrDim);
  beat.forEach((b, k) => {
    windows.set(data.windows.subarray(b * w, (b + 1) * w), k * w);
    rr.set(data.rr.subarray(b * data.rrDim, (b + 1) * data.rrDim), k * data.rrDim);
  });
  return { ...data, n: beat.length, windows, rr };
}
