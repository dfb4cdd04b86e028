/**
 * How the probe handlers get their work done: on a worker thread in the app (built
 * `out/main/probe.worker.js`, its own store connection and model runtime), in-process in
 * tests and tools. Both run the same functions of probe-stored.ts.
 */
import type { BeatProbeView, FindingsProbeView, ProbeRunSummary } from '@common/types';
import { builtWorkerPath, runWorkerJob } from '../jobs/worker';
import { probeOptionsFor } from '../ml/probe/probe';
import type { JobHandle } from '../jobs/registry';
import type { Store } from '../store';
import { loadAppBeatModel, type AppBeatModel } from './app-classifier';
import { readBeatModelSetting } from './model-setting';
import {
  probeStoredBeat,
  probeStoredFindings,
  probeStoredRecording,
  type ProbeMethod,
} from './probe-stored';

export interface ProbeRunner {
  recording(recordingId: string, method: ProbeMethod, job: JobHandle): Promise<ProbeRunSummary>;
  beat(recordingId: string, sample: number, method: ProbeMethod): Promise<BeatProbeView>;
  findings(recordingId: string): Promise<FindingsProbeView>;
}

/** What the probe worker is asked to do. */
export type ProbeJobData =
  | { dbPath: string; mode: 'recording'; recordingId: string; method: ProbeMethod }
  | { dbPath: string; mode: 'beat'; recordingId: string; method: ProbeMethod; sample: number }
  | { dbPath: string; mode: 'findings'; recordingId: string };

/** The model the site's setting means (the one the analysis labelled the beats with). */
export async function probeModel(store: Store): Promise<AppBeatModel> {
  const model = await loadAppBeatModel(readBeatModelSetting(store), { store });
  if (!model) throw new Error('no beat model is installed: nothing to probe');
  return model;
}

export function beatProbeView(
  store: Store,
  recordingId: string,
  sample: number,
  model: AppBeatModel,
  method: ProbeMethod,
): BeatProbeView {
  const t0 = performance.now();
  const p = probeStoredBeat(store, recordingId, sample, model, method);
  return {
    sample,
    method,
    modelVersion: p.modelVersion,
    lead: p.lead,
    label: p.label,
    flipEpsilon: p.flipEpsilon,
    fragile: p.fragile,
    fragileThreshold: probeOptionsFor(method).fragileThreshold,
    flippedTo: p.flippedTo,
    flipAmplitude: p.flipAmplitude,
    flipAmplitudeKind: p.flipAmplitudeKind,
    original: Array.from(p.original),
    adversarial: p.adversarial ? Array.from(p.adversarial) : null,
    sampleRateHz: p.sampleRateHz,
    fiducialIndex: p.fiducialIndex,
    ms: Math.round(performance.now() - t0),
  };
}

export function inProcessProbeRunner(store: Store): ProbeRunner {
  return {
    recording: async (recordingId, method, job) =>
      probeStoredRecording(store, recordingId, await probeModel(store), {
        method,
        onProgress: (f, m) => job.progress(f, m),
        isCancelled: () => job.signal.aborted,
      }),
    beat: async (recordingId, sample, method) =>
      beatProbeView(store, recordingId, sample, await probeModel(store), method),
    findings: (recordingId) => probeStoredFindings(store, recordingId),
  };
}

export function workerProbeRunner(dbPath: string, workerFile?: string): ProbeRunner {
  const file = workerFile ?? builtWorkerPath('probe.worker.js');
  return {
    recording: (recordingId, method, job) =>
      runWorkerJob<ProbeRunSummary>(file, { dbPath, mode: 'recording', recordingId, method }, job),
    beat: (recordingId, sample, method) =>
      runWorkerJob<BeatProbeView>(
        file,
        { dbPath, mode: 'beat', recordingId, method, sample },
        { progress: () => undefined, signal: new AbortController().signal },
      ),
    findings: (recordingId) =>
      runWorkerJob<FindingsProbeView>(
        file,
        { dbPath, mode: 'findings', recordingId },
        { progress: () => undefined, signal: new AbortController().signal },
      ),
  };
}
