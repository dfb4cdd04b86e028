/**
 * The adversarial-sensitivity probe (main/ml/probe) on a stored recording: every current beat
 * of the analysed lead, or one beat on demand. Results are about one model's predictions, so
 * the run is stored with that model's version; per-beat verdicts go on the beats (fragile,
 * flip_epsilon) in the same transaction as the run row.
 *
 * The probe asks whether the model's own label flips; it probes the raw model output (the
 * rhythm-context rule of rhythm-context.ts is not applied to the perturbed beat).
 */
import type { FindingsProbeView, ProbeKind, ProbeRunSummary } from '@common/types';
import { probeFindings } from '../findings/probe';
import { loadInstalledRecordModel } from '../findings/service';
import { FRAGILE_EPSILON } from '../ml/probe/epsilon';
import type { BeatProbe, ProbeOptions } from '../ml/probe/probe';
import {
  kindOptions,
  prepareBeats,
  probeOneBeat,
  probeOptionsFor,
  probeRecordingBeats,
} from '../ml/probe/probe';
import type { Store } from '../store';
import { pickAnalysedLead } from './analyze';
import type { AppBeatModel } from './app-classifier';
import { leadMillivolts } from './signal';
import { loadStoredRecording } from './stored';

/** PGD or SPSA (L∞), or PGD with the NSR budget (L2): see @common/types ProbeKind. */
export type ProbeMethod = ProbeKind;

export interface StoredProbeOptions {
  method: ProbeMethod;
  onProgress?: (fraction: number, message: string) => void;
  isCancelled?: () => boolean;
}

interface ProbeInputs {
  signal: Float32Array;
  fs: number;
  samples: Int32Array;
  lead: string;
}

/** The analysed lead (of the latest analysis, else the default) and every current beat. */
function probeInputs(store: Store, recordingId: string): ProbeInputs {
  const recording = loadStoredRecording(store, recordingId);
  if (!recording) throw new Error(`No recording ${recordingId}`);
  const names = recording.leads.map((l) => l.name);
  const analysed = store.analyses.latest(recordingId)?.analysedLead;
  const index = pickAnalysedLead(
    names,
    analysed && names.includes(analysed) ? analysed : undefined,
  );
  const samples = Int32Array.from(store.beats.list(recordingId), (b) => b.sample);
  return {
    signal: leadMillivolts(recording.leads[index]),
    fs: recording.fs,
    samples,
    lead: names[index],
  };
}

export async function probeStoredRecording(
  store: Store,
  recordingId: string,
  model: AppBeatModel,
  opts: StoredProbeOptions,
): Promise<ProbeRunSummary> {
  const progress = opts.onProgress ?? (() => undefined);
  const inputs = probeInputs(store, recordingId);
  if (inputs.samples.length === 0) throw new Error('the recording has no beats to probe');
  const o: ProbeOptions = probeOptionsFor(opts.method);
  const t0 = performance.now();
  progress(0.02, `probing ${inputs.samples.length} beats (${opts.method.toUpperCase()})`);
  const results = await probeRecordingBeats(
    model.model,
    inputs.signal,
    inputs.fs,
    inputs.samples,
    o,
    (done, total) => progress(0.02 + (0.93 * done) / total, `probed ${done} of ${total} beats`),
    opts.isCancelled,
  );
  const seconds = (performance.now() - t0) / 1000;
  const run: ProbeRunSummary = {
    recordingId,
    createdAt: new Date().toISOString(),
    modelVersion: model.version,
    method: opts.method,
    params: {
      lead: inputs.lead,
      steps: o.steps,
      maxEpsilon: o.maxEpsilon,
      minEpsilon: o.minEpsilon,
      rounds: o.rounds,
      randomStart: o.randomStart,
      seed: o.seed,
      backend: model.backend,
    },
    fragileThreshold: o.fragileThreshold,
    beats: results.length,
    fragile: results.filter((r) => r.fragile).length,
    seconds: Math.round(seconds * 100) / 100,
  };
  progress(0.97, 'storing the results');
  store.write(() => {
    store.beats.setProbeResults(
      recordingId,
      results.map((r, i) => ({ sample: inputs.samples[i], ...r })),
    );
    store.probeRuns.insert(run);
  });
  return run;
}

/** One beat (by sample) probed on demand, with the original and adversarial waveforms. */
export function probeStoredBeat(
  store: Store,
  recordingId: string,
  sample: number,
  model: AppBeatModel,
  method: ProbeMethod,
): BeatProbe & { sample: number; lead: string; modelVersion: string } {
  const inputs = probeInputs(store, recordingId);
  const index = inputs.samples.indexOf(sample);
  if (index < 0) throw new Error(`No beat at sample ${sample}`);
  const prepared = prepareBeats(inputs.signal, inputs.fs, inputs.samples);
  const probe = probeOneBeat(model.model, prepared, index, kindOptions(method));
  return { ...probe, sample, lead: inputs.lead, modelVersion: model.version };
}

/**
 * The record-level findings of the latest analysis probed with PGD (main/findings/probe.ts):
 * how small a change of the 12-lead window flips each model-decided finding.
 */
export async function probeStoredFindings(
  store: Store,
  recordingId: string,
): Promise<FindingsProbeView> {
  const t0 = performance.now();
  const recording = loadStoredRecording(store, recordingId);
  if (!recording) throw new Error(`No recording ${recordingId}`);
  const summary = store.analyses.latest(recordingId)?.findings;
  if (!summary || summary.findings.length === 0)
    throw new Error(
      summary?.unavailableReason ?? 'no record-level findings yet: analyse the recording first',
    );
  const model = await loadInstalledRecordModel();
  if (!model || summary.recordModel === null)
    throw new Error('no record model: the findings came from rules only, nothing to probe');
  try {
    const probes = probeFindings(recording, model, summary.findings);
    return {
      recordModel: summary.recordModel,
      fragileThreshold: FRAGILE_EPSILON,
      findings: probes.map((p) => ({
        code: p.code,
        flipEpsilon: p.flipEpsilon,
        fragile: p.fragile,
        status: p.status,
        flipAmplitudeMv: p.flipAmplitudeMv,
      })),
      ms: Math.round(performance.now() - t0),
    };
  } finally {
    model.model.dispose();
  }
}
