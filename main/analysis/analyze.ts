/**
 * Whole-recording analysis without models: QRS detection, delineation of every beat and of
 * the median beat, clinical measurements and rhythm. Pure (no Electron, no file system).
 *
 * Beat labels, class probabilities and record-level findings come from the classifiers of
 * later issues; until then every beat's `label`, `confidence` and `probs` are null — a
 * documented placeholder, never a made-up class.
 */
import type { ParsedRecording } from '../formats/types';
import {
  delineateBeats,
  delineateMedianBeat,
  prepareLead,
  type BeatWaves,
} from '../dsp/delineation';
import { analysableRange, type SampleRange } from '../dsp/calibration';
import { detectQrs } from '../dsp/qrs';
import { canonicalLeadName, measure, type Measurements } from './measurements';
import { analyzeRhythm, type RhythmResult } from './rhythm';
import { leadMillivolts } from './signal';

export interface AnalyzeOptions {
  /** Name of the analysed lead (fiducial points are placed on it). Default: II if present, else the first. */
  lead?: string;
}

export interface AnalyzedBeat {
  /** Fiducial point (R peak / main QRS deflection on the analysed lead), in the record's samples. */
  sample: number;
  /** AAMI class from the beat classifier; null until a classifier runs. */
  label: string | null;
  confidence: number | null;
  probs: Record<string, number> | null;
  /** Multi-lead wave boundaries of this beat, in the record's samples. */
  waves: BeatWaves;
}

export interface MedianBeatSummary {
  beatCount: number;
  rrMs: number;
  /** Global boundaries in ms relative to the median beat's QRS onset (null when not found). */
  boundariesMs: Record<keyof BeatWaves, number | null>;
}

export interface AnalysisResult {
  record: string;
  fs: number;
  durationS: number;
  leads: string[];
  analysedLead: string;
  beats: AnalyzedBeat[];
  measurements: Measurements;
  rhythm: RhythmResult;
  medianBeat: MedianBeatSummary | null;
  runtime: { ms: { detection: number; delineation: number; total: number } };
}

export class AnalysisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnalysisError';
  }
}

/** The lead used for fiducial points: the requested one, else II (the rhythm lead), else the first. */
export function pickAnalysedLead(names: readonly string[], requested?: string): number {
  if (requested !== undefined) {
    const want = canonicalLeadName(requested);
    const i = names.findIndex((n) => canonicalLeadName(n) === want);
    if (i < 0) throw new AnalysisError(`no lead named ${requested} (leads: ${names.join(', ')})`);
    return i;
  }
  const ii = names.findIndex(
    (n) => canonicalLeadName(n) === 'II' || canonicalLeadName(n) === 'MLII',
  );
  return ii >= 0 ? ii : 0;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

export function analyzeRecording(
  parsed: ParsedRecording,
  opts: AnalyzeOptions = {},
): AnalysisResult {
  const t0 = performance.now();
  const fs = parsed.fs;
  const names = parsed.leads.map((l) => l.name);
  if (parsed.leads.length === 0) throw new AnalysisError('the recording has no leads');
  if (!(fs >= 50)) throw new AnalysisError(`sampling rate ${fs} Hz is too low for ECG analysis`);
  const analysed = pickAnalysedLead(names, opts.lead);
  const leads = parsed.leads.map(leadMillivolts);
  // A cart's calibration pulse at either end is not ECG: it becomes a gap (NaN), which the
  // detectors skip, so beat positions keep the recording's own sample numbers.
  maskOutside(leads, analysableRange(leads, fs));

  // Delineation's baseline-free signals are prepared first so that detection can place the
  // fiducial points on the analysed lead's without filtering it again.
  const prepared = leads.map((x) => prepareLead(x, fs));
  const tp = performance.now();
  const det = detectQrs(leads, fs, {
    fiducialLead: analysed,
    fiducialSignal: prepared[analysed].x,
  });
  const t1 = performance.now();

  const perBeat = delineateBeats(leads, fs, det.centers, undefined, prepared);
  const median = delineateMedianBeat(leads, fs, det.centers);
  const t2 = performance.now();

  const measurements = measure(fs, det.samples, median, names);
  const rhythm = analyzeRhythm(det.samples, perBeat.beats, fs, parsed.samples);

  let medianBeat: MedianBeatSummary | null = null;
  if (median) {
    const w = median.waves;
    const ref = w.qrsOn ?? median.median.center;
    const rel = (v: number | null): number | null =>
      v === null ? null : Math.round(((v - ref) / fs) * 1000);
    medianBeat = {
      beatCount: median.median.beatCount,
      rrMs: Math.round((median.median.rrSamples / fs) * 1000),
      boundariesMs: {
        pOn: rel(w.pOn),
        pPeak: rel(w.pPeak),
        pOff: rel(w.pOff),
        qrsOn: rel(w.qrsOn),
        qrsOff: rel(w.qrsOff),
        tPeak: rel(w.tPeak),
        tOff: rel(w.tOff),
      },
    };
  }
  const beats: AnalyzedBeat[] = Array.from(det.samples, (sample, k) => ({
    sample,
    label: null,
    confidence: null,
    probs: null,
    waves: perBeat.beats[k],
  }));
  const t3 = performance.now();
  return {
    record: parsed.recordName,
    fs,
    durationS: round2(parsed.samples / fs),
    leads: names,
    analysedLead: names[analysed],
    beats,
    measurements,
    rhythm,
    medianBeat,
    runtime: {
      ms: {
        detection: Math.round(t1 - tp),
        delineation: Math.round(t2 - t1 + (tp - t0)),
        total: Math.round(t3 - t0),
      },
    },
  };
}

/** Sets every lead to NaN outside `range` (in place). */
function maskOutside(leads: Float32Array[], range: SampleRange): void {
  for (const x of leads) {
    x.fill(Number.NaN, 0, range.start);
    x.fill(Number.NaN, range.end);
  }
}
