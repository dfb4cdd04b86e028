/**
 * Continuous batching of attack jobs. A job asks "does some δ with |δ| ≤ eps change the label
 * of beat `beat`?" and ends at the first iterate whose label differs (any iterate is inside the
 * ball, so it is a valid witness) or after `steps` steps. Jobs differ in how long they run, so
 * a batch that only shrinks would spend most of its time at sizes where per-op overhead
 * dominates (measured: 2.5k vs 4.7k beat-gradients/s). Instead a working set of `capacity` rows
 * is refilled from the queue as jobs end; its shape only changes (halving) once the queue is dry.
 */
import * as tf from '@tensorflow/tfjs';
import {
  accumulate,
  ascend,
  evaluate,
  stepFraction,
  randomInBall,
  type AttackInputs,
  type AttackNorm,
  type Estimator,
} from './attack';
import type { AttackLoss } from './loss';

/** Beats as flat arrays: windows [n][len][channels], rr [n][rrDim]. */
export interface BeatArrays {
  n: number;
  len: number;
  channels: number;
  rrDim: number;
  windows: Float32Array;
  rr: Float32Array;
}

export interface AttackJob {
  /** Row of the BeatArrays. */
  beat: number;
  /** Class to move away from. */
  label: number;
  /** Radius in model units, in the scheduler's norm. */
  eps: number;
  /** Free for the caller (e.g. which ε of a grid this is). */
  tag: number;
}

export interface JobOutcome {
  /** Class at the first label-changing iterate, −1 when none. */
  flippedTo: number;
  /** That iterate's δ, [len] model units (shared by the channels); null when none. */
  delta: Float32Array | null;
}

export interface SchedulerOptions {
  steps: number;
  stepSize?: number;
  randomStart: boolean;
  seed: number;
  loss: AttackLoss;
  /** See PerturbOptions.momentum. */
  momentum: number;
  /** Rows in the working set. */
  capacity: number;
  /** The attack's ball (default 'linf'). */
  norm?: AttackNorm;
}

/** A row of the working set: its job (null: idle) and where its δ comes from. */
interface Slot {
  job: AttackJob | null;
  /** Ascent steps taken by the job so far. */
  steps: number;
  /** Row of the current δ tensor holding this job's δ; −1: start a new δ. */
  src: number;
}

export class AttackScheduler {
  private readonly queue: AttackJob[] = [];
  private head = 0;
  private slots: Slot[] = [];
  private inputs: AttackInputs | null = null;
  private delta: tf.Tensor3D | null = null;
  /** Momentum direction per row (only when momentum > 0). */
  private velocity: tf.Tensor3D | null = null;
  private iteration = 0;

  constructor(
    private readonly model: tf.LayersModel,
    private readonly data: BeatArrays,
    private readonly estimator: Estimator,
    private readonly opts: SchedulerOptions,
    private readonly onDone: (job: AttackJob, outcome: JobOutcome) => void,
  ) {
    if (!(Number.isInteger(opts.capacity) && opts.capacity >= 1))
      throw new RangeError('capacity >= 1');
    if (!(Number.isInteger(opts.steps) && opts.steps >= 1)) throw new RangeError('steps >= 1');
  }

  push(job: AttackJob): void {
    this.queue.push(job);
  }

  /** One attack step over the working set; false once nothing is queued or running. */
  step(): boolean {
    this.refill();
    const inp = this.inputs;
    const delta = this.delta;
    if (!inp || !delta) return false;
    // When every busy row is at its last check no step follows: a forward pass is enough.
    const last = this.slots.every((s) => !s.job || s.steps === this.opts.steps);
    const e = last ? evaluate(inp, delta) : this.estimator(inp, delta, this.iteration);
    this.iteration++;
    const pred = e.pred.dataSync();
    const len = this.data.len;
    let rows: Float32Array | null = null;
    this.slots.forEach((slot, k) => {
      const job = slot.job;
      if (!job) return;
      if (pred[k] !== job.label) {
        rows ??= delta.dataSync() as Float32Array;
        slot.job = null;
        this.onDone(job, { flippedTo: pred[k], delta: rows.slice(k * len, (k + 1) * len) });
      } else if (slot.steps === this.opts.steps) {
        slot.job = null;
        this.onDone(job, { flippedTo: -1, delta: null });
      } else slot.steps++;
    });
    const fraction = stepFraction(this.opts.steps, this.opts.stepSize);
    const v = accumulate(this.velocity, e.grad, this.opts.momentum);
    this.delta = ascend(delta, v, inp.eps, fraction, inp.norm);
    tf.dispose([e.loss, e.pred, e.grad, delta]);
    this.velocity?.dispose();
    this.velocity = this.opts.momentum > 0 ? v : (v.dispose(), null);
    return true;
  }

  dispose(): void {
    this.disposeInputs();
    tf.dispose([this.delta ?? [], this.velocity ?? []]);
    this.delta = this.velocity = null;
    this.slots = [];
  }

  /**
   * Grows the working set to capacity while jobs are queued, puts queued jobs (pushed by
   * onDone too) into idle rows, and halves it only when at most half the rows are busy.
   */
  private refill(): void {
    let changed = false;
    const busy = (): number => this.slots.filter((s) => s.job).length;
    const queued = this.queue.length - this.head;
    const size = Math.min(this.opts.capacity, busy() + queued);
    while (this.slots.length < size) {
      this.slots.push({ job: null, steps: 0, src: -1 });
      changed = true;
    }
    for (const slot of this.slots) {
      if (slot.job || this.head >= this.queue.length) continue;
      Object.assign(slot, { job: this.queue[this.head++], steps: 0, src: -1 });
      changed = true;
    }
    if (this.head === this.queue.length) this.queue.length = this.head = 0;
    const live = busy();
    if (live === 0) return this.dispose();
    if (live <= this.slots.length / 2 && live < this.slots.length) {
      this.slots = this.slots.filter((s) => s.job);
      changed = true;
    }
    if (changed || !this.inputs) this.rebuild();
  }

  private rebuild(): void {
    this.disposeInputs();
    const { len, channels, rrDim } = this.data;
    const m = this.slots.length;
    const w = new Float32Array(m * len * channels);
    const r = new Float32Array(m * rrDim);
    const labels = new Int32Array(m);
    const eps = new Float32Array(m);
    this.slots.forEach(({ job }, k) => {
      if (!job) return; // an idle row: zeros, ignored until refilled
      const b = job.beat;
      const wb = len * channels;
      w.set(this.data.windows.subarray(b * wb, (b + 1) * wb), k * wb);
      r.set(this.data.rr.subarray(b * rrDim, (b + 1) * rrDim), k * rrDim);
      labels[k] = job.label;
      eps[k] = job.eps;
    });
    const inp: AttackInputs = {
      model: this.model,
      beats: tf.tensor3d(w, [m, len, channels]),
      rr: tf.tensor2d(r, [m, rrDim]),
      labels: tf.tensor1d(labels, 'int32'),
      eps: tf.tensor3d(eps, [m, 1, 1]),
      loss: this.opts.loss,
      norm: this.opts.norm ?? 'linf',
    };
    this.inputs = inp;
    this.delta = this.startDelta(inp);
    if (this.velocity) this.velocity = this.carry(this.velocity, () => tf.zerosLike(this.delta!));
    this.slots.forEach((s, k) => (s.src = k));
  }

  /** New jobs start at a (seeded) random point of their ball, or at 0; others keep their δ. */
  private startDelta(inp: AttackInputs): tf.Tensor3D {
    const shape: [number, number, number] = [this.slots.length, this.data.len, 1];
    const seed = this.opts.seed + 1009 * this.iteration;
    const start = (): tf.Tensor3D =>
      this.opts.randomStart ? randomInBall(shape, inp.eps, inp.norm, seed) : tf.zeros(shape);
    return this.delta ? this.carry(this.delta, start) : tf.tidy(start);
  }

  /**
   * Per-row state re-laid for the current slots: each busy row keeps its own row of `old`
   * (slot.src), new rows take `fresh()`'s. Disposes `old`.
   */
  private carry(old: tf.Tensor3D, fresh: () => tf.Tensor3D): tf.Tensor3D {
    const m = this.slots.length;
    const src = Int32Array.from(this.slots, (s) => Math.max(0, s.src));
    const keep = Float32Array.from(this.slots, (s) => (s.src >= 0 ? 1 : 0));
    const out = tf.tidy(() => {
      if (keep.every((v) => v === 0)) return fresh();
      const mask = tf.tensor3d(keep, [m, 1, 1]);
      const carried = tf.gather(old, tf.tensor1d(src, 'int32'));
      return tf.add(tf.mul(carried, mask), tf.mul(fresh(), tf.sub(1, mask))) as tf.Tensor3D;
    });
    old.dispose();
    return out;
  }

  private disposeInputs(): void {
    if (!this.inputs) return;
    const { beats, rr, labels, eps } = this.inputs;
    tf.dispose([beats, rr, labels, eps]);
    this.inputs = null;
  }
}
