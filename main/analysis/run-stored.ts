/**
 * The automatic analysis of a stored recording: beats, measurements and rhythm (beat classes
 * when a classifier is given, record-level findings when a findings step is), written back to the store — beats as model output
 * (people's and reference beats are kept), the rest as one `analyses` row with the versions
 * that produced it.
 */
import type { AnalysisSummary } from '@common/types';
import { applyModelBeats } from '../annotate/model-beats';
import type { Store } from '../store';
import { analyzeRecording } from './analyze';
import { classifyInContext } from './rhythm-context';
import type { BeatClassifier, ClassifiedBeat } from './classifier';
import type { FindingsStep } from './findings-step';
import { loadStoredRecording } from './stored';

export interface RunAnalysisOptions {
  classifier?: BeatClassifier | null;
  onProgress?: (fraction: number, message: string) => void;
  /** Who ran the analysis, for the audit entry of the stored model beats. */
  user?: string;
  /** Lead for beat positions and classes; II/MLII, else the first, when absent. */
  lead?: string;
  /** Record-level findings (findings-step.ts); not computed (null) when absent. */
  findings?: FindingsStep | null;
}

/** Detected beats within this many ms of a reference or person's beat are the same beat. */
const SAME_BEAT_MS = 75;

export async function analyzeStoredRecording(
  store: Store,
  recordingId: string,
  opts: RunAnalysisOptions = {},
): Promise<AnalysisSummary> {
  const progress = opts.onProgress ?? (() => undefined);
  progress(0.05, 'reading the recording');
  const recording = loadStoredRecording(store, recordingId);
  if (!recording) throw new Error(`No recording ${recordingId}`);
  progress(0.15, 'detecting and delineating beats');
  const result = analyzeRecording(recording, { lead: opts.lead });
  const samples = Int32Array.from(result.beats.map((b) => b.sample));
  const classifier = opts.classifier ?? null;
  let classes: ClassifiedBeat[] | null = null;
  let classifyMs = 0;
  if (classifier && samples.length > 0) {
    progress(0.6, `classifying ${samples.length} beats`);
    const t0 = performance.now();
    classes = await classifyInContext(classifier, recording, result, samples);
    classifyMs = Math.round(performance.now() - t0);
  }
  if (opts.findings) progress(0.75, 'record-level findings');
  const findings = opts.findings ? await opts.findings(recording, result) : null;
  const summary: AnalysisSummary = {
    recordingId,
    createdAt: new Date().toISOString(),
    analysedLead: result.analysedLead,
    beatCount: samples.length,
    beatModel: classifier?.version ?? null,
    mlBackend: classifier?.backend ?? null,
    measurements: result.measurements,
    rhythm: {
      dominant: result.rhythm.dominant,
      label: result.rhythm.label,
      episodes: result.rhythm.episodes.map((e) => ({
        code: e.code,
        label: e.label,
        startSample: e.startSample,
        endSample: e.endSample,
        beatCount: e.beatCount,
        heartRateBpm: e.heartRateBpm,
        evidence: e.evidence,
      })),
    },
    findings,
    runtime: {
      ms: { ...result.runtime.ms, classification: classifyMs },
      beatsPerSec:
        classes && classifyMs > 0 ? Math.round((samples.length * 1000) / classifyMs) : null,
      modelChoice: classifier?.choice ?? null,
    },
  };
  progress(0.9, 'storing the results');
  // Beats and the summary are one result: stored together or not at all.
  // A signed recording's labels are read-only: its measurements are refreshed, its beats not.
  const signed = store.reviews.get(recordingId).status === 'signed';
  store.write(() => {
    if (classifier && classes && !signed) {
      applyModelBeats(
        store,
        {
          recordingId,
          modelVersion: classifier.version,
          beats: classes.map((c, i) => ({ sample: samples[i], ...c })),
          user: opts.user ?? 'ecg-desk',
        },
        { mergeWithinSamples: Math.round((SAME_BEAT_MS / 1000) * recording.fs) },
      );
    }
    store.analyses.insert(summary);
  });
  progress(1, 'done');
  return summary;
}
