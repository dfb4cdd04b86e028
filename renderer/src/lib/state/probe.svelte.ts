/**
 * The adversarial-sensitivity probe of one open recording: the method chosen (PGD, SPSA or PGD-NSR,
 * shared by the status bar and the beat detail, remembered across sessions), the newest
 * whole-recording run (`probe.get`) and the background job that makes it (`jobs.*`, polled
 * while it runs), and single beats probed on demand (`probe.beat`), kept per beat and method
 * while the recording is open.
 */
import type {
  BeatProbeView,
  FindingsProbeView,
  JobStatus,
  ProbeKind,
  ProbeRunSummary,
} from '@common/types';
import { call, errorMessage } from '../api';
import { JobFollower } from './job-follower.svelte';
import { readStored, writeStored } from './storage';

export type ProbeMethod = ProbeKind;

export const PROBE_METHODS: readonly { value: ProbeMethod; label: string; title: string }[] = [
  {
    value: 'pgd',
    label: 'PGD',
    title: 'Projected gradient descent: follows the model’s gradient (fast, white-box)',
  },
  {
    value: 'spsa',
    label: 'SPSA',
    title:
      'Simultaneous perturbation: estimates the gradient from the model’s outputs only (slower)',
  },
  {
    value: 'pgd-nsr',
    label: 'PGD-NSR',
    title:
      'PGD with an energy budget: the change’s RMS as a fraction of the beat’s RMS ' +
      '(noise-to-signal ratio, L2) instead of a per-sample limit',
  },
];

/** `v` when it names a method (a stored or selected value), else PGD. */
export function asProbeMethod(v: string | null): ProbeMethod {
  return PROBE_METHODS.find((m) => m.value === v)?.value ?? 'pgd';
}

export function methodName(m: ProbeMethod): string {
  return PROBE_METHODS.find((x) => x.value === m)?.label ?? m.toUpperCase();
}

/** The name of ε for a method: the NSR variant's is a noise-to-signal ratio. */
export function epsilonName(m: ProbeMethod): string {
  return m === 'pgd-nsr' ? 'NSR' : 'ε';
}

/**
 * The largest ε the probe tries per method (mirrors MAX_EPSILON and MAX_NSR of the probe in the
 * main process): a beat that does not flip up to it has flipEpsilon null. A run's own value,
 * when stored, wins (`ProbeRunSummary.params.maxEpsilon`).
 */
export const PROBE_MAX_EPSILON: Readonly<Record<ProbeMethod, number>> = {
  pgd: 0.25,
  spsa: 0.25,
  'pgd-nsr': 0.5,
};

/**
 * What "fragile" means, for tooltips; `threshold` is the run's threshold (null: not known yet,
 * before the first run), in the ε of `method`.
 */
export function fragileMeaning(threshold: number | null, method: ProbeMethod = 'pgd'): string {
  const pct = (t: number): string => `${+(t * 100).toFixed(1)} %`;
  const size =
    threshold === null
      ? 'a change of the beat of a tiny fraction of its amplitude range'
      : method === 'pgd-nsr'
        ? `a change whose RMS is less than ${pct(threshold)} of the beat’s RMS (NSR < ` +
          `${threshold}; about ${Math.round(threshold * 330)} µV RMS on a typical beat)`
        : `a change of the beat of less than ${pct(threshold)} of its amplitude ` +
          `range (ε < ${threshold}; about ${Math.round(threshold * 1000)} µV on a 1 mV QRS)`;
  return (
    `Fragile: ${size} flips the model’s label. Such a change is within the noise of a ` +
    'recorder and thinner than the trace on paper: these labels deserve a human look.'
  );
}

const METHOD_KEY = 'ecgDesk.probeMethod';

function storedMethod(): ProbeMethod {
  return asProbeMethod(readStored(METHOD_KEY));
}

/** One beat probed on demand: on its way, answered, or failed. */
export interface BeatProbe {
  sample: number;
  method: ProbeMethod;
  view: BeatProbeView | null;
  error: string | null;
}

export class ProbeState extends JobFollower {
  /** The method for the next run, whole recording or one beat. */
  method = $state<ProbeMethod>(storedMethod());
  /** The newest whole-recording run, or null when the recording was never probed. */
  summary = $state<ProbeRunSummary | null>(null);
  /** `probe.get` answered at least once. */
  loaded = $state(false);
  /** The record-level findings probed on demand (12-lead recordings). */
  findingsProbe = $state.raw<FindingsProbeView | null>(null);
  findingsProbing = $state(false);
  findingsProbeError = $state<string | null>(null);
  /** Single-beat results by `${method}:${sample}`. */
  private beatProbes = $state.raw<Record<string, BeatProbe>>({});

  private readonly onFinished: () => void;

  /** `onFinished` runs when a whole-recording run has stored its results (reload the beats). */
  constructor(recordingId: string, onFinished: () => void) {
    super(recordingId);
    this.onFinished = onFinished;
  }

  /** ε below which the newest run called a label fragile (null before the first run). */
  threshold = $derived(this.summary?.fragileThreshold ?? null);

  /** The largest ε tried: the newest run's, else the probe's default for its method. */
  maxEpsilon = $derived.by((): number => {
    const v = this.summary?.params.maxEpsilon;
    return typeof v === 'number' && v > 0 ? v : PROBE_MAX_EPSILON[this.summary?.method ?? 'pgd'];
  });

  setMethod(m: ProbeMethod): void {
    this.method = m;
    writeStored(METHOD_KEY, m);
  }

  async load(): Promise<void> {
    try {
      const [summary, jobs] = await Promise.all([
        call('probe.get', { recordingId: this.recordingId }),
        call('jobs.list', { recordingId: this.recordingId, activeOnly: true }),
      ]);
      if (this.disposed) return;
      this.summary = summary;
      this.error = null;
      this.adopt(jobs, 'probe');
    } catch (err) {
      if (!this.disposed) this.error = errorMessage(err);
    } finally {
      if (!this.disposed) this.loaded = true;
    }
  }

  /** Probes every beat of the recording in the background with the chosen method. */
  start(): Promise<void> {
    return this.startJob();
  }

  protected request(): Promise<JobStatus> {
    return call('probe.start', { recordingId: this.recordingId, method: this.method });
  }

  protected async finished(): Promise<void> {
    this.summary = await call('probe.get', { recordingId: this.recordingId });
    if (!this.disposed) this.onFinished();
  }

  // ---- single beats --------------------------------------------------------------------------

  /** The single-beat probe of `sample` with `method` (running, done or failed), or null. */
  beatProbe(sample: number | null, method: ProbeMethod = this.method): BeatProbe | null {
    return sample === null ? null : (this.beatProbes[`${method}:${sample}`] ?? null);
  }

  /** Probes one beat with the chosen method (about a second: worker start and model load). */
  async probeBeat(sample: number): Promise<void> {
    const method = this.method;
    const key = `${method}:${sample}`;
    const current = this.beatProbes[key];
    if (current && current.view === null && current.error === null) return; // on its way
    const put = (p: BeatProbe): void => {
      this.beatProbes = { ...this.beatProbes, [key]: p };
    };
    put({ sample, method, view: null, error: null });
    try {
      const view = await call('probe.beat', { recordingId: this.recordingId, sample, method });
      if (!this.disposed) put({ sample, method, view, error: null });
    } catch (err) {
      if (!this.disposed) put({ sample, method, view: null, error: errorMessage(err) });
    }
  }

  /** Probes the findings of the latest analysis (PGD on the 12-lead window; a few seconds). */
  async probeFindings(): Promise<void> {
    if (this.findingsProbing) return;
    this.findingsProbing = true;
    this.findingsProbeError = null;
    try {
      const view = await call('probe.findings', { recordingId: this.recordingId });
      if (!this.disposed) this.findingsProbe = view;
    } catch (err) {
      if (!this.disposed) this.findingsProbeError = errorMessage(err);
    } finally {
      if (!this.disposed) this.findingsProbing = false;
    }
  }

  /** Forgets single-beat results (the beats or the model changed). */
  forgetBeats(): void {
    this.beatProbes = {};
    this.findingsProbe = null;
  }
}
