/**
 * Adversarial-sensitivity probe for the record-level findings (issue #6): for every finding the
 * 12-lead model contributes to, the smallest perturbation of the model's input that changes the
 * finding's decision (`flipEpsilon`), and whether that is small enough to call it `fragile`.
 * The beat probe (main/ml/probe, README there) asks the same of beat labels; this one keeps its
 * ε semantics, search and fragility threshold and has its own small PGD, because the record
 * model has one 12-lead waveform input and sigmoid outputs decided against thresholds.
 *
 * Threat model (main/ml/record/README.md, "Adversarial-sensitivity probe", says why):
 * - L∞ on the 10-s window scaled to [0, 1] by ONE range for all leads: the largest max − min
 *   over the window of any of the eight recorded leads (I, II, V1–V6), in model units. A
 *   perturbation of ε changes each recorded lead by at most ε · range (the same µV on every
 *   lead); III, aVR, aVL and aVF change as they are derived from I and II.
 * - The amplitude input (log2 of the record's scale) and the scale itself are held fixed, and
 *   the ±8 clip is not re-applied, as the beat probe holds the RR features fixed.
 * - The decision attacked is the finding's own: p ≥ threshold (source "model"), or
 *   (1 − w)·p + w·rule ≥ threshold (source "combined", decide.ts) with the rule's verdict fixed,
 *   i.e. p ≥ (threshold − w·rule) / (1 − w). When that bound is outside (0, 1) the rule alone
 *   decides and the model cannot flip the finding (status "rule-decides").
 *
 * Windows (predict.ts aggregates by max, min for NORM): the probe attacks the window(s) the
 * aggregated decision rests on. To flip an aggregate that ANY one window can flip (absent under
 * max, present under min) it attacks the deciding window (highest p, lowest for NORM); to flip
 * one that needs EVERY window on its side to cross (present under max, absent under min) it
 * attacks each such window with its own perturbation and reports the largest of their ε.
 */
import * as tf from '@tensorflow/tfjs';
import type { ParsedRecording } from '../formats/types';
import { stepFraction } from '../ml/probe/attack';
import { FRAGILE_EPSILON, isFragile, MAX_EPSILON, MIN_EPSILON } from '../ml/probe/epsilon';
import {
  amplitudeFeature,
  copyWindow,
  N_LEADS,
  prepareRecording,
  STANDARD_LEADS,
  WINDOW_LEN,
  windowStarts,
} from '../ml/record/preprocess';
import type { LoadedRecordModel } from '../ml/record/saved';
import type { Finding } from './types';

/** What the probe needs of a finding (computeFindings' Finding, or the app's FindingView). */
export type ProbedFinding = Pick<Finding, 'code' | 'probability' | 'source'> & {
  evidence: Pick<Finding['evidence'], 'modelProbability' | 'rule'>;
};

/**
 * - probed: the model's decision was attacked (flipEpsilon null: no flip up to maxEpsilon);
 * - rule-only: the model did not contribute (source "rule"), nothing to probe;
 * - rule-decides: source "combined", but with the rule's verdict fixed no model probability in
 *   (0, 1) changes the decision.
 * Only "probed" findings can have a flipEpsilon or be fragile.
 */
export type FindingProbeStatus = 'probed' | 'rule-only' | 'rule-decides';

export interface FindingProbe {
  code: Finding['code'];
  /** Smallest decision-changing L∞ perturbation found (window scaled to [0, 1]); null: none. */
  flipEpsilon: number | null;
  /** flipEpsilon < fragileThreshold (FRAGILE_EPSILON). */
  fragile: boolean;
  status: FindingProbeStatus;
  /** flipEpsilon in mV: the largest change of a recorded lead's sample it takes. */
  flipAmplitudeMv: number | null;
  /** With opts.witness: the flipping perturbation(s), one per window attacked. */
  witness?: FindingWitness;
}

export interface FindingWitness {
  /** Start of each perturbed window (samples at RECORD_FS_HZ of the prepared record). */
  windowStarts: number[];
  /** Per window, δ [WINDOW_LEN][N_LEADS] in model units (all twelve leads), to add to the input. */
  delta: Float32Array[];
}

export interface FindingsProbeOptions {
  /** PGD steps per ε tried. */
  steps: number;
  /** Step as a fraction of ε (default 2.5 / steps, as the beat probe). */
  stepSize?: number;
  randomStart: boolean;
  seed: number;
  minEpsilon: number;
  maxEpsilon: number;
  /** Bisection rounds including the first try at maxEpsilon. */
  rounds: number;
  fragileThreshold: number;
  /** Return the flipping perturbations (tests, display). */
  witness: boolean;
}

/**
 * The beat probe's PGD defaults (main/ml/probe/probe.ts PGD_PROBE): 10 steps of 0.25ε from a
 * random start, margin objective, 7 rounds on a log scale over [0.001, 0.25] (bracket ≈ ×1.09).
 */
export const FINDINGS_PROBE: FindingsProbeOptions = {
  steps: 10,
  randomStart: true,
  seed: 1,
  minEpsilon: MIN_EPSILON,
  maxEpsilon: MAX_EPSILON,
  rounds: 7,
  fragileThreshold: FRAGILE_EPSILON,
  witness: false,
};

/**
 * A flip counts once the logit is past the threshold's logit by this much (odds 0.01 % past
 * it), so that float differences between this batch and a later single prediction cannot
 * undo it. The effect on ε is far below the bisection's resolution.
 */
const FLIP_MARGIN = 1e-4;

/** The leads the perturbation is free on: the eight a 12-lead recorder acquires. */
const RECORDED_LEADS = ['I', 'II', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'] as const;
const N_RECORDED = RECORDED_LEADS.length;

/**
 * [8][12]: δ of the recorded leads → δ of the twelve model leads (STANDARD_LEADS order).
 * III = II − I, aVR = −(I + II)/2, aVL = I − II/2, aVF = II − I/2.
 */
const DERIVE: number[][] = (() => {
  const m = RECORDED_LEADS.map(() => new Array<number>(N_LEADS).fill(0));
  const col = (lead: string): number => (STANDARD_LEADS as readonly string[]).indexOf(lead);
  RECORDED_LEADS.forEach((lead, r) => (m[r][col(lead)] = 1));
  const [I, II] = [0, 1];
  const limb: [string, number, number][] = [
    ['III', -1, 1],
    ['aVR', -0.5, -0.5],
    ['aVL', 1, -0.5],
    ['aVF', -0.5, 1],
  ];
  for (const [lead, a, b] of limb) {
    m[I][col(lead)] = a;
    m[II][col(lead)] = b;
  }
  return m;
})();

/** One attacked (code, window) pair. */
interface Row {
  finding: number;
  window: number;
  /** Index of the code in the model's outputs. */
  label: number;
  /** +1: push the logit below tau; −1: above. */
  sign: number;
  tau: number;
  /** The window's range (recordedRange), model units. */
  range: number;
  lo: number;
  hi: number;
  done: boolean;
  delta: Float32Array | null;
}

type Logits = (ecg: tf.Tensor3D, amplitude: tf.Tensor2D) => tf.Tensor2D;

/**
 * Probes every finding of `findings` (computeFindings' order is kept) on `recording`, whose
 * findings they must be, computed with `model`. Synchronous: ≈5–6 s per 10-s record on 2 cores
 * (main/ml/record/README.md). Call initBackend (the wasm gradient kernels) first; loadRecordModel
 * does. Every tensor is freed before it returns or throws.
 */
export function probeFindings(
  recording: ParsedRecording,
  model: LoadedRecordModel,
  findings: readonly ProbedFinding[],
  opts: Partial<FindingsProbeOptions> = {},
): FindingProbe[] {
  const o = { ...FINDINGS_PROBE, ...opts };
  checkOptions(o);
  const out: FindingProbe[] = findings.map((f) => ({
    code: f.code,
    flipEpsilon: null,
    fragile: false,
    status: f.source === 'rule' ? 'rule-only' : 'probed',
    flipAmplitudeMv: null,
  }));
  if (out.every((r) => r.status !== 'probed')) return out;

  const prep = prepareRecording(recording);
  const starts = windowStarts(prep.length);
  const size = WINDOW_LEN * N_LEADS;
  const windows = new Float32Array(starts.length * size);
  starts.forEach((s, i) => copyWindow(prep, s, windows, i * size));
  const amplitude = amplitudeFeature(prep.scaleMv);
  const logits = logitsOf(model.model);
  const ranges = starts.map((_, w) => recordedRange(windows.subarray(w * size, (w + 1) * size)));
  const x = tf.tensor3d(windows, [starts.length, WINDOW_LEN, N_LEADS]);
  const derive = tf.tensor2d(DERIVE);
  try {
    const z0 = tf.tidy(() => logits(x, tf.fill([starts.length, 1], amplitude) as tf.Tensor2D));
    const zw = z0.arraySync();
    z0.dispose();
    const rows: Row[] = [];
    findings.forEach((f, i) => {
      if (out[i].status !== 'probed') return;
      const label = model.labels.indexOf(f.code);
      const tp = label < 0 ? NaN : modelThreshold(f, model);
      if (!(tp > 0 && tp < 1)) {
        out[i].status = 'rule-decides';
        return;
      }
      const tau = Math.log(tp / (1 - tp));
      for (const { window, sign } of deciding(
        zw.map((z) => z[label]),
        tau,
        f.code === 'NORM',
      )) {
        const range = ranges[window];
        rows.push({
          finding: i,
          window,
          label,
          sign,
          tau,
          range,
          lo: o.minEpsilon,
          hi: NaN,
          done: !(range > 0),
          delta: null,
        });
      }
    });
    const ctx = { x, amplitude, derive, logits, nLabels: model.labels.length };
    for (let round = 0; round < o.rounds; round++) {
      const live = rows.filter((r) => !r.done);
      if (live.length === 0) break;
      const eps = live.map((r) => (round === 0 ? o.maxEpsilon : Math.sqrt(r.lo * r.hi)));
      const found = attack(ctx, live, eps, o, o.seed + round);
      live.forEach((r, j) => {
        if (found[j]) [r.hi, r.delta] = [eps[j], found[j]];
        else if (round === 0) r.done = true;
        else r.lo = eps[j];
      });
    }
    out.forEach((res, i) => {
      const mine = rows.filter((r) => r.finding === i);
      if (mine.length === 0 || mine.some((r) => !Number.isFinite(r.hi))) return;
      const eps = Math.max(...mine.map((r) => r.hi));
      res.flipEpsilon = ceil3(eps);
      res.fragile = isFragile(res.flipEpsilon, o.fragileThreshold);
      res.flipAmplitudeMv = Math.max(...mine.map((r) => r.hi * r.range)) * prep.scaleMv;
      if (o.witness)
        res.witness = {
          windowStarts: mine.map((r) => starts[r.window]),
          delta: mine.map((r) => deriveLeads(r.delta!)),
        };
    });
    return out;
  } finally {
    tf.dispose([x, derive]);
  }
}

/**
 * The bound the model probability must reach for the finding to be present, with the rule's
 * verdict fixed (decide.ts): the model threshold, or (T − w·rule)/(1 − w) when combined.
 */
export function modelThreshold(f: ProbedFinding, model: LoadedRecordModel): number {
  const d = model.config.decision[f.code];
  if (!d) return NaN;
  // decideFinding: with a rule verdict the combined decision (w = 0 is source "model"),
  // without one the model-only threshold.
  if (f.source === 'model') return f.evidence.rule === null ? d.modelThreshold : d.threshold;
  const w = d.ruleWeight;
  const p = f.evidence.modelProbability;
  if (f.source !== 'combined' || p === null || !(w > 0 && w < 1)) return NaN;
  // The rule's 0/1 verdict from the reported (rounded) score: off by < 3e-4 before rounding.
  const rule = Math.round((f.probability - (1 - w) * p) / w) > 0 ? 1 : 0;
  return (d.threshold - w * rule) / (1 - w);
}

/** Windows to attack for one code: see the module comment. */
function deciding(z: number[], tau: number, useMin: boolean): { window: number; sign: number }[] {
  const above = z.map((v) => v >= tau);
  const present = useMin ? above.every(Boolean) : above.some(Boolean);
  const sign = present ? 1 : -1;
  // Max: present needs every window ≥ tau to drop; absent needs the top one to rise.
  // Min: absent needs every window < tau to rise; present needs the bottom one to drop.
  if (present !== useMin)
    return z.flatMap((_, w) => (above[w] === present ? [{ window: w, sign }] : []));
  let best = 0;
  z.forEach((v, w) => {
    if (useMin ? v < z[best] : v > z[best]) best = w;
  });
  return [{ window: best, sign }];
}

interface AttackContext {
  /** All windows [n][WINDOW_LEN][N_LEADS]. */
  x: tf.Tensor3D;
  amplitude: number;
  derive: tf.Tensor2D;
  logits: Logits;
  nLabels: number;
}

/**
 * PGD on one copy of its window per row, ε per row (window scale). Returns per row the first
 * iterate's δ on the recorded leads ([WINDOW_LEN][8]) that flips the row's decision, or null.
 * Rows that flip leave the batch.
 */
function attack(
  ctx: AttackContext,
  rows: Row[],
  eps: number[],
  o: FindingsProbeOptions,
  seed: number,
): (Float32Array | null)[] {
  const found: (Float32Array | null)[] = rows.map(() => null);
  const fraction = stepFraction(o.steps, o.stepSize);
  let live = rows.map((_, j) => j);
  let batch = makeBatch(ctx, rows, eps, live);
  let delta = tf.tidy(() =>
    o.randomStart
      ? tf.mul(
          tf.randomUniform([live.length, WINDOW_LEN, N_RECORDED], -1, 1, 'float32', seed),
          batch.eps,
        )
      : tf.zeros([live.length, WINDOW_LEN, N_RECORDED]),
  ) as tf.Tensor3D;
  try {
    for (let t = 0; t <= o.steps; t++) {
      const { margin, grad } = objective(ctx, batch, delta, t < o.steps);
      const m = margin.dataSync();
      margin.dispose();
      const flipped = live.flatMap((_, k) => (m[k] > FLIP_MARGIN ? [k] : []));
      if (flipped.length > 0) {
        const d = delta.dataSync<'float32'>();
        const w = WINDOW_LEN * N_RECORDED;
        for (const k of flipped) found[live[k]] = d.slice(k * w, (k + 1) * w);
      }
      if (t === o.steps || flipped.length === live.length) {
        grad?.dispose();
        break;
      }
      const next = tf.tidy(() => {
        const moved = tf.add(delta, tf.mul(tf.sign(grad!), tf.mul(batch.eps, fraction)));
        return tf.minimum(tf.maximum(moved, tf.neg(batch.eps)), batch.eps) as tf.Tensor3D;
      });
      tf.dispose([grad!, delta]);
      delta = next;
      if (flipped.length > 0) {
        const keep = live.flatMap((_, k) => (m[k] > FLIP_MARGIN ? [] : [k]));
        const kept = tf.gather(delta, keep);
        delta.dispose();
        delta = kept;
        live = keep.map((k) => live[k]);
        disposeBatch(batch);
        batch = makeBatch(ctx, rows, eps, live);
      }
    }
    return found;
  } finally {
    delta.dispose();
    disposeBatch(batch);
  }
}

interface Batch {
  x: tf.Tensor3D;
  amplitude: tf.Tensor2D;
  /** Radius per row in model units, [m, 1, 1]. */
  eps: tf.Tensor3D;
  /** One-hot of each row's code times its sign, [m, codes]. */
  pick: tf.Tensor2D;
  /** sign · tau per row, [m]. */
  target: tf.Tensor1D;
}

function makeBatch(ctx: AttackContext, rows: Row[], eps: number[], live: number[]): Batch {
  const m = live.length;
  const pick = new Float32Array(m * ctx.nLabels);
  live.forEach((j, k) => (pick[k * ctx.nLabels + rows[j].label] = rows[j].sign));
  return tf.tidy(() => ({
    x: tf.gather(
      ctx.x,
      live.map((j) => rows[j].window),
    ),
    amplitude: tf.fill([m, 1], ctx.amplitude) as tf.Tensor2D,
    eps: tf.tensor3d(
      live.map((j) => eps[j] * rows[j].range),
      [m, 1, 1],
    ),
    pick: tf.tensor2d(pick, [m, ctx.nLabels]),
    target: tf.tensor1d(live.map((j) => rows[j].sign * rows[j].tau)),
  }));
}

function disposeBatch(b: Batch): void {
  tf.dispose([b.x, b.amplitude, b.eps, b.pick, b.target]);
}

/**
 * Per row the margin sign · (tau − z): > 0 once the decision has flipped (Carlini–Wagner style,
 * on the logit so that it does not saturate), and its gradient with respect to δ when asked.
 */
function objective(
  ctx: AttackContext,
  b: Batch,
  delta: tf.Tensor3D,
  withGrad: boolean,
): { margin: tf.Tensor1D; grad: tf.Tensor3D | null } {
  const margin = (d: tf.Tensor3D): tf.Tensor1D => {
    const [m] = d.shape;
    const full = tf.reshape(tf.matMul(tf.reshape(d, [-1, N_RECORDED]), ctx.derive), [
      m,
      WINDOW_LEN,
      N_LEADS,
    ]);
    const z = ctx.logits(tf.add(b.x, full), b.amplitude);
    return tf.sub(b.target, tf.sum(tf.mul(z, b.pick), 1));
  };
  if (!withGrad) return { margin: tf.tidy(() => margin(delta)), grad: null };
  let kept: tf.Tensor1D | null = null;
  const { value, grad } = tf.valueAndGrad((d: tf.Tensor3D) => {
    const v = margin(d);
    kept = tf.keep(v);
    return tf.sum(v) as tf.Scalar;
  })(delta);
  value.dispose();
  if (!kept) throw new Error('findings probe: gradient function did not run');
  return { margin: kept, grad: grad as tf.Tensor3D };
}

const logitCache = new WeakMap<tf.LayersModel, Logits>();

/**
 * The model's pre-sigmoid outputs: the input of its final sigmoid Dense layer times the
 * layer's kernel plus bias (model.ts); for any other head, the log-odds of the output.
 */
function logitsOf(model: tf.LayersModel): Logits {
  const cached = logitCache.get(model);
  if (cached) return cached;
  const head = model.layers[model.layers.length - 1];
  const cfg = head.getConfig();
  let fn: Logits;
  if (head.getClassName() === 'Dense' && cfg.activation === 'sigmoid' && cfg.useBias) {
    const features = tf.model({
      inputs: model.inputs,
      outputs: head.input as tf.SymbolicTensor,
    });
    const [kernel, bias] = head.getWeights();
    fn = (ecg, amp) =>
      tf.add(
        tf.matMul(features.apply([ecg, amp], { training: false }) as tf.Tensor2D, kernel),
        bias,
      );
  } else {
    fn = (ecg, amp) => {
      const p = tf.clipByValue(
        model.apply([ecg, amp], { training: false }) as tf.Tensor2D,
        1e-7,
        1 - 1e-7,
      );
      return tf.sub(tf.log(p), tf.log1p(tf.neg(p)));
    };
  }
  logitCache.set(model, fn);
  return fn;
}

/**
 * The window's amplitude range: the largest max − min of any recorded lead over the window
 * ([WINDOW_LEN][N_LEADS], model units). Each lead shifted by its own minimum and divided by it
 * lies in [0, 1].
 */
function recordedRange(window: Float32Array): number {
  let widest = 0;
  for (const lead of RECORDED_LEADS) {
    const c = (STANDARD_LEADS as readonly string[]).indexOf(lead);
    let mn = Infinity;
    let mx = -Infinity;
    for (let t = 0; t < WINDOW_LEN; t++) {
      const v = window[t * N_LEADS + c];
      if (v < mn) mn = v;
      if (v > mx) mx = v;
    }
    widest = Math.max(widest, mx - mn);
  }
  return widest;
}

/** δ on the recorded leads [WINDOW_LEN][8] → all twelve leads [WINDOW_LEN][12]. */
function deriveLeads(d8: Float32Array): Float32Array {
  const out = new Float32Array(WINDOW_LEN * N_LEADS);
  for (let t = 0; t < WINDOW_LEN; t++)
    for (let r = 0; r < N_RECORDED; r++) {
      const v = d8[t * N_RECORDED + r];
      if (v !== 0) for (let c = 0; c < N_LEADS; c++) out[t * N_LEADS + c] += v * DERIVE[r][c];
    }
  return out;
}

/** Rounded UP to 3 significant digits, so that the witness lies inside the reported ball. */
function ceil3(x: number): number {
  const unit = Math.pow(10, Math.floor(Math.log10(x)) - 2);
  return Number((Math.ceil(x / unit - 1e-9) * unit).toPrecision(3));
}

function checkOptions(o: FindingsProbeOptions): void {
  if (!(o.minEpsilon > 0 && o.maxEpsilon > o.minEpsilon))
    throw new RangeError('need 0 < minEpsilon < maxEpsilon');
  if (!(Number.isInteger(o.steps) && o.steps >= 1)) throw new RangeError('steps must be >= 1');
  if (!(Number.isInteger(o.rounds) && o.rounds >= 1)) throw new RangeError('rounds must be >= 1');
}
