/**
 * The adversarial-sensitivity probe for the app and the CLI: for every beat of a recording,
 * the smallest waveform perturbation (flipEpsilon, epsilon.ts) that changes the model's label,
 * and whether that is small enough to call the label fragile.
 *
 * Preprocessing is exactly classifyBeats' (conditionLead → extractWindows → rrFeatures), and
 * the label defended is the model's own prediction. Work goes in batches; between batches the
 * event loop gets a turn, progress is reported and cancellation is honoured.
 */
import type { ProbeKind } from '@common/types';
import { argmaxRows, predictProbs, type BeatModel } from '../beats/classify';
import {
  BEAT_FS_HZ,
  conditionLead,
  extractWindows,
  N_CHANNELS,
  recordScale,
  toBeatRate,
  WINDOW_BEFORE,
  WINDOW_LEN,
} from '../beats/preprocess';
import { RR_DIM, rrFeatures } from '../beats/rr';
import {
  amplitudeScales,
  FRAGILE_EPSILON,
  FRAGILE_NSR,
  isFragile,
  MAX_EPSILON,
  MAX_NSR,
  MIN_EPSILON,
  MIN_NSR,
} from './epsilon';
import {
  FlipSearch,
  searchFlipEpsilon,
  selectRows,
  type BeatArrays,
  type FlipSearchOptions,
} from './search';
import { DEFAULT_SPSA, SPSA_MOMENTUM } from './spsa';

export interface ProbeResult {
  /**
   * Smallest label-changing perturbation found, null: none up to the maximum. L∞ on the beat
   * scaled to [0, 1]; with the NSR variant, ‖δ‖₂/‖beat‖₂ (epsilon.ts).
   */
  flipEpsilon: number | null;
  fragile: boolean;
  /** The class the beat flipped to at flipEpsilon. */
  flippedTo: string | null;
}

export interface ProbeOptions extends FlipSearchOptions {
  /** fragile = flipEpsilon < fragileThreshold. */
  fragileThreshold: number;
}

/**
 * PGD defaults. 10 steps of 0.25ε from a random start; bisection in 6 rounds after the check
 * at MAX_EPSILON brackets ε within a factor (0.25/0.001)^(1/64) ≈ 1.09. A 2000-beat record
 * takes ~7 attack runs per flippable beat; see README for the timing.
 */
export const PGD_PROBE: ProbeOptions = {
  method: 'pgd',
  steps: 10,
  randomStart: true,
  seed: 1,
  loss: 'margin',
  momentum: 0,
  maxEpsilon: MAX_EPSILON,
  minEpsilon: MIN_EPSILON,
  gridPoints: 1,
  rounds: 7,
  spsa: { samples: DEFAULT_SPSA.samples, sigma: DEFAULT_SPSA.sigma },
  batchSize: 256,
  fragileThreshold: FRAGILE_EPSILON,
};

/** SPSA: same search; smaller batches because each beat-step is 2·samples + 1 forward rows. */
export const SPSA_PROBE: ProbeOptions = {
  ...PGD_PROBE,
  method: 'spsa',
  momentum: SPSA_MOMENTUM,
  batchSize: 64,
};

/**
 * PGD in the L2 ball measured as a noise-to-signal ratio (epsilon.ts): the same search, with its
 * own ε range and fragility threshold. An energy budget rather than a per-sample one: it finds
 * changes concentrated where the beat is most sensitive (e.g. a reshaped P wave) that the
 * L∞ ball only reaches at a larger ε.
 */
export const PGD_NSR_PROBE: ProbeOptions = {
  ...PGD_PROBE,
  norm: 'l2',
  maxEpsilon: MAX_NSR,
  minEpsilon: MIN_NSR,
  fragileThreshold: FRAGILE_NSR,
};

export type { ProbeKind };

/**
 * The two options that pick a kind (the attack and its ball) and nothing else, for callers that
 * keep other defaults, e.g. probeOneBeat's single-beat grid.
 */
export function kindOptions(kind: ProbeKind): Pick<ProbeOptions, 'method' | 'norm'> {
  return kind === 'pgd-nsr' ? { method: 'pgd', norm: 'l2' } : { method: kind, norm: 'linf' };
}

/** The whole-recording options of a kind (PGD_PROBE, SPSA_PROBE or PGD_NSR_PROBE). */
export function probeOptionsFor(kind: ProbeKind): ProbeOptions {
  return probeOptions(kindOptions(kind));
}

/**
 * One beat: 7 ε per round in 2 rounds (same ≈1.10 precision as 7 bisection rounds) because
 * a batch of 7 copies costs about one of 1, and latency is what matters there.
 */
export const SINGLE_BEAT_SEARCH: Partial<ProbeOptions> = { gridPoints: 7, rounds: 2 };

export function probeOptions(p: Partial<ProbeOptions> = {}): ProbeOptions {
  const base = p.method === 'spsa' ? SPSA_PROBE : p.norm === 'l2' ? PGD_NSR_PROBE : PGD_PROBE;
  return { ...base, ...p };
}

export class ProbeCancelledError extends Error {
  constructor() {
    super('probe cancelled');
    this.name = 'ProbeCancelledError';
  }
}

/** Model inputs of a recording's beats plus what is needed to map them back to signal units. */
export interface PreparedBeats extends BeatArrays {
  /** Model units → units of the input signal (the record's median QRS peak-to-peak). */
  scale: number;
}

export function prepareBeats(
  signal: Float32Array,
  fsHz: number,
  beatSamples: Int32Array,
): PreparedBeats {
  for (let i = 1; i < beatSamples.length; i++)
    if (beatSamples[i] < beatSamples[i - 1])
      throw new RangeError('beatSamples must be sorted ascending');
  const x = conditionLead(signal, fsHz);
  const centres = toBeatRate(beatSamples, fsHz);
  return {
    n: beatSamples.length,
    len: WINDOW_LEN,
    channels: N_CHANNELS,
    rrDim: RR_DIM,
    windows: extractWindows(x, centres),
    rr: rrFeatures(beatSamples, fsHz),
    scale: recordScale(x, centres),
  };
}

/** The model's label per beat (class index). */
export function predictLabels(model: BeatModel, data: BeatArrays): Int32Array {
  const probs = predictProbs(model.model, data.windows, data.rr, data.n);
  return Int32Array.from(argmaxRows(probs, model.labels.length));
}

/** Progress and cancellation are looked at after attack steps at least this far apart. */
const YIELD_MS = 50;

/**
 * Probes every beat of one lead (same inputs as classifyBeats). Yields to the event loop
 * between attack steps (each one batch, ~50 ms), reporting beats done; rejects with
 * ProbeCancelledError as soon as isCancelled() turns true.
 */
export async function probeRecordingBeats(
  model: BeatModel,
  signal: Float32Array,
  fsHz: number,
  beatSamples: Int32Array,
  opts: Partial<ProbeOptions> = {},
  onProgress?: (done: number, total: number) => void,
  isCancelled?: () => boolean,
): Promise<ProbeResult[]> {
  const o = probeOptions(opts);
  if (beatSamples.length === 0) return [];
  const data = prepareBeats(signal, fsHz, beatSamples);
  const search = new FlipSearch(model.model, data, predictLabels(model, data), o);
  try {
    let more = true;
    while (more) {
      await new Promise((resolve) => setImmediate(resolve));
      if (isCancelled?.()) throw new ProbeCancelledError();
      const t0 = performance.now();
      while (more && performance.now() - t0 < YIELD_MS) more = search.step();
      onProgress?.(search.done, data.n);
    }
    const { epsilon, flippedTo } = search.result;
    return Array.from(epsilon, (eps, b) => toResult(model, eps, flippedTo[b], o));
  } finally {
    search.dispose();
  }
}

export interface BeatProbe extends ProbeResult {
  label: string;
  /**
   * flipEpsilon in the signal's own units (mV for MIT-BIH): the largest sample change needed
   * (L∞), or the change's RMS over the window (NSR variant); see flipAmplitudeKind.
   */
  flipAmplitude: number | null;
  flipAmplitudeKind: 'max' | 'rms';
  /**
   * Channel 0 of the beat window in the signal's units: conditioned (0.5–40 Hz, resampled to
   * sampleRateHz), the window median (isoelectric level) at 0, ±8× the record scale clipped.
   */
  original: Float32Array;
  /** The same with the flipping perturbation added; null when no flip was found. */
  adversarial: Float32Array | null;
  sampleRateHz: number;
  /** Index of the beat's fiducial point in `original`. */
  fiducialIndex: number;
}

/**
 * Probes beat `index` of prepared beats (prepare once per recording, probe beats on demand).
 * Pass only the options to change: a full ProbeOptions (e.g. PGD_PROBE) would also replace
 * SINGLE_BEAT_SEARCH's grid by the record's bisection, which is slower for one beat.
 */
export function probeOneBeat(
  model: BeatModel,
  prepared: PreparedBeats,
  index: number,
  opts: Partial<ProbeOptions> = {},
): BeatProbe {
  if (!(Number.isInteger(index) && index >= 0 && index < prepared.n))
    throw new RangeError(`beat index ${index} out of range`);
  const o = probeOptions({ ...SINGLE_BEAT_SEARCH, ...opts });
  const one = selectRows(prepared, Int32Array.of(index));
  const label = predictLabels(model, one);
  const found = searchFlipEpsilon(model.model, one, label, o);
  const { len, channels } = one;
  const original = Float32Array.from(
    { length: len },
    (_, i) => one.windows[i * channels] * prepared.scale,
  );
  const eps = found.epsilon[0];
  const base = toResult(model, eps, found.flippedTo[0], o);
  const perEps = amplitudeScales(one.windows, 1, o.norm, len, channels)[0];
  return {
    ...base,
    label: model.labels[label[0]],
    flipAmplitude: base.flipEpsilon === null ? null : eps * perEps * prepared.scale,
    flipAmplitudeKind: o.norm === 'l2' ? 'rms' : 'max',
    original,
    adversarial:
      base.flipEpsilon === null
        ? null
        : original.map((v, i) => v + found.delta[i] * prepared.scale),
    sampleRateHz: BEAT_FS_HZ,
    fiducialIndex: WINDOW_BEFORE,
  };
}

function toResult(model: BeatModel, eps: number, to: number, o: ProbeOptions): ProbeResult {
  // Three significant digits: the search brackets ε to about 10 % anyway.
  const flipEpsilon = Number.isFinite(eps) ? Number(eps.toPrecision(3)) : null;
  return {
    flipEpsilon,
    fragile: isFragile(flipEpsilon, o.fragileThreshold),
    flippedTo: to >= 0 ? model.labels[to] : null,
  };
}
