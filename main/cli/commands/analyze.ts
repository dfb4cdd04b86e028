/**
 * `ecg-desk analyze <record-file> [--model full|pruned|auto] [--lead NAME] [--probe]
 * [--probe-method pgd|spsa] [--json]` (contract: ../shared/CLI-CONTRACT.md). Analyses one
 * recording without touching any store.
 *
 * Beats are classified by the shipped beat model (`--model`, default auto: see
 * analysis/model-choice.ts) on the analysed lead; `runtime.backend`, `runtime.beatModel` and
 * `runtime.beatModelChoice` say what ran and why. Where no beat model is installed, `label`,
 * `confidence` and `probs` are null (never made-up values). With --probe every beat gets
 * `fragile` and `flipEpsilon` from the adversarial probe (main/ml/probe; PGD by default), and so
 * does every finding when the record model ran (main/findings/probe; PGD; rule-only findings:
 * false / null).
 * Extensions to the contract's shape: `analysedLead`, `rhythm`, `medianBeat`,
 * `runtime.beatModelChoice`, `runtime.probe`.
 */
import { basename, dirname, resolve } from 'node:path';
import { readRecording } from '../../formats';
import { fileSourceFromDir } from '../../formats/fs-source';
import { analyzeRecording, pickAnalysedLead, type AnalysisResult } from '../../analysis/analyze';
import {
  classifierFor,
  loadAppBeatModel,
  type AppBeatModel,
  type ModelChoice,
} from '../../analysis/app-classifier';
import { leadMillivolts } from '../../analysis/signal';
import { findingsSummary, recordModelFor } from '../../analysis/findings-step';
import { probeFindings, type FindingProbe } from '../../findings/probe';
import type { FindingsSummary, FindingView } from '@common/types';
import { probeOptions, probeRecordingBeats, type ProbeResult } from '../../ml/probe/probe';
import type { BeatClassifier, ClassifiedBeat } from '../../analysis/classifier';
import { classifyInContext } from '../../analysis/rhythm-context';
import type { ParsedRecording } from '../../formats/types';
import { oneLine } from '../../import/messages';
import { parseCommandArgs } from '../args';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliCommand } from '../registry';

const NAME = 'ecg-desk analyze';
const MODELS = ['full', 'pruned', 'auto'] as const;

export interface AnalyzeJsonBeat {
  sample: number;
  label: string | null;
  confidence: number | null;
  probs: Record<string, number> | null;
  fragile?: boolean | null;
  flipEpsilon?: number | null;
}

export interface AnalyzeJson {
  record: string;
  fs: number;
  durationS: number;
  leads: string[];
  analysedLead: string;
  runtime: {
    backend: string | null;
    beatModel: string | null;
    /** Extension: what --model resolved to on this machine, and why. */
    beatModelChoice: BeatClassifier['choice'] | null;
    recordModel: string | null;
    ms: {
      total: number;
      read: number;
      detection: number;
      delineation: number;
      classification: number;
      findings: number;
      probe?: number;
    };
    /** Extension, with --probe: the method and the fragility threshold (null: no model). */
    probe?: { method: string; fragileThreshold: number } | null;
  };
  beats: AnalyzeJsonBeat[];
  measurements: AnalysisResult['measurements'];
  findings: (FindingView & { fragile?: boolean | null; flipEpsilon?: number | null })[];
  /** Extension: why findings are missing or partial (fewer than 12 leads, no model…). */
  findingsNote: string | null;
  rhythm: AnalysisResult['rhythm'];
  medianBeat: AnalysisResult['medianBeat'];
}

export interface BeatClassification {
  classifier: BeatClassifier;
  classes: ClassifiedBeat[];
  ms: number;
}

/** --probe: per-beat verdicts (same order as the beats) and how they were obtained. */
export interface BeatProbes {
  method: 'pgd' | 'spsa';
  fragileThreshold: number;
  results: ProbeResult[];
  ms: number;
}

/** --probe: per-finding verdicts of the record model's findings (main/findings/probe). */
export interface FindingProbes {
  results: FindingProbe[];
  ms: number;
}

/** The contract's JSON document from an analysis result (and the beat classes, if any). */
export function toAnalyzeJson(
  r: AnalysisResult,
  readMs: number,
  probe: boolean,
  classified: BeatClassification | null = null,
  probes: BeatProbes | null = null,
  findings: FindingsSummary | null = null,
  findingProbes: FindingProbes | null = null,
): AnalyzeJson {
  const classifyMs = classified ? classified.ms : 0;
  const probeMs = (probes ? probes.ms : 0) + (findingProbes ? findingProbes.ms : 0);
  return {
    record: r.record,
    fs: r.fs,
    durationS: r.durationS,
    leads: r.leads,
    analysedLead: r.analysedLead,
    runtime: {
      backend: classified?.classifier.backend ?? null,
      beatModel: classified?.classifier.version ?? null,
      beatModelChoice: classified?.classifier.choice ?? null,
      recordModel: findings?.recordModel ?? null,
      ms: {
        total: Math.round(readMs + r.runtime.ms.total + classifyMs + probeMs + (findings?.ms ?? 0)),
        read: Math.round(readMs),
        detection: r.runtime.ms.detection,
        delineation: r.runtime.ms.delineation,
        classification: classifyMs,
        findings: Math.round(findings?.ms ?? 0),
        ...(probe ? { probe: probeMs } : {}),
      },
      ...(probe
        ? {
            probe: probes
              ? { method: probes.method, fragileThreshold: probes.fragileThreshold }
              : null,
          }
        : {}),
    },
    beats: r.beats.map((b, i) => ({
      sample: b.sample,
      label: classified?.classes[i].label ?? b.label,
      confidence: classified ? round4(classified.classes[i].confidence) : b.confidence,
      probs: classified ? roundProbs(classified.classes[i].probs) : b.probs,
      ...(probe ? probeFields(probes?.results[i]) : {}),
    })),
    measurements: r.measurements,
    findings: (findings?.findings ?? []).map((f) =>
      probe ? { ...f, ...probeFields(findingProbes?.results.find((p) => p.code === f.code)) } : f,
    ),
    findingsNote: findings ? findings.unavailableReason : 'record-level findings were not computed',
    rhythm: r.rhythm,
    medianBeat: r.medianBeat,
  };
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'analyse one recording: beats, measurements, rhythm (no store)',
  usage:
    'ecg-desk analyze <record-file> [--model full|pruned|auto] [--lead NAME] [--probe] [--probe-method pgd|spsa] [--json]',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      model: { type: 'string' },
      lead: { type: 'string' },
      probe: { type: 'boolean' },
      'probe-method': { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one record file');
    const probeMethod = values['probe-method'] ?? 'pgd';
    if (probeMethod !== 'pgd' && probeMethod !== 'spsa')
      throw new UsageError('--probe-method must be pgd or spsa');
    if (values.model !== undefined && !(MODELS as readonly string[]).includes(values.model)) {
      throw new UsageError(`--model must be one of ${MODELS.join(', ')}`);
    }
    const path = resolve(io.cwd, positionals[0]);
    const t0 = performance.now();
    let result: AnalysisResult;
    let readMs: number;
    let parsed: ParsedRecording;
    try {
      parsed = readRecording(fileSourceFromDir(dirname(path)), basename(path));
      readMs = performance.now() - t0;
    } catch (err) {
      io.err(`${NAME}: ${oneLine(err)}\n`); // format errors name the file themselves
      return EXIT_FAILED;
    }
    try {
      result = analyzeRecording(parsed, { lead: values.lead });
    } catch (err) {
      io.err(`${NAME}: ${basename(path)}: ${oneLine(err)}\n`);
      return EXIT_FAILED;
    }
    let loaded: AppBeatModel | null;
    let classified: BeatClassification | null = null;
    try {
      loaded = await loadAppBeatModel((values.model ?? 'auto') as ModelChoice);
      if (loaded) classified = await classify(parsed, result, classifierFor(loaded));
    } catch (err) {
      io.err(`${NAME}: beat classification failed: ${oneLine(err)}\n`);
      return EXIT_FAILED;
    }
    if (!classified) io.err(`${NAME}: no beat model installed; beats are not labelled\n`);
    let probes: BeatProbes | null = null;
    if (values.probe && loaded && result.beats.length > 0) {
      try {
        let shown = -1; // progress in tenths, one stderr line each
        probes = await probeBeats(parsed, result, loaded, probeMethod, (done, total) => {
          const tenth = Math.floor((10 * done) / total);
          if (tenth === shown) return;
          shown = tenth;
          io.err(`${NAME}: probed ${done} of ${total} beats\n`);
        });
      } catch (err) {
        io.err(`${NAME}: probe failed: ${oneLine(err)}\n`);
        return EXIT_FAILED;
      }
    }
    let findings: FindingsSummary;
    let findingProbes: FindingProbes | null = null;
    try {
      const recordModel = await recordModelFor(parsed);
      findings = findingsSummary(parsed, result, recordModel);
      if (values.probe && recordModel && findings.recordModel) {
        const started = performance.now();
        try {
          const results = probeFindings(parsed, recordModel, findings.findings);
          findingProbes = { results, ms: Math.round(performance.now() - started) };
        } catch (err) {
          io.err(`${NAME}: findings probe failed: ${oneLine(err)}\n`);
          return EXIT_FAILED;
        }
      }
    } catch (err) {
      io.err(`${NAME}: record-level findings failed: ${oneLine(err)}\n`);
      return EXIT_FAILED;
    }
    const doc = toAnalyzeJson(
      result,
      readMs,
      values.probe === true,
      classified,
      probes,
      findings,
      findingProbes,
    );
    if (values.json) io.out(`${JSON.stringify(doc)}\n`);
    else io.out(humanSummary(doc));
    return EXIT_OK;
  },
};

function humanSummary(d: AnalyzeJson): string {
  const m = d.measurements;
  const v = (x: number | null, unit: string): string => (x === null ? '-' : `${x} ${unit}`);
  const lines = [
    `${d.record}: ${d.fs} Hz, ${d.leads.length} leads (${d.leads.join(' ')}), ${d.durationS} s; analysed lead ${d.analysedLead}`,
    `beats: ${d.beats.length}` +
      (d.runtime.beatModel
        ? ` (${countLabels(d.beats)}; ${d.runtime.beatModel} on ${d.runtime.backend}` +
          (d.runtime.beatModelChoice ? `, ${d.runtime.beatModelChoice.reason})` : ')')
        : ' (not labelled: no beat model installed)'),
    `rate ${v(m.heartRateBpm, 'bpm')}, RR ${v(m.rrMs, 'ms')}, PR ${v(m.prMs, 'ms')}, QRS ${v(m.qrsMs, 'ms')}, ` +
      `QT ${v(m.qtMs, 'ms')}, QTc ${v(m.qtcMs, 'ms')} (Bazett), ${v(m.qtcFridericiaMs, 'ms')} (Fridericia), axis ${v(m.axisDeg, 'deg')}`,
    `rhythm: ${d.rhythm.label}` +
      (d.rhythm.episodes.length > 1
        ? ` (${Object.entries(d.rhythm.burden)
            .map(([c, b]) => `${c} ${b?.beats ?? 0} beats`)
            .join(', ')})`
        : ''),
    d.findings.length
      ? `findings: ${
          d.findings
            .filter((f) => f.present)
            .map((f) => f.code)
            .join(', ') || 'none present'
        } (${d.runtime.recordModel ?? 'rules only'})`
      : `findings: none (${d.findingsNote ?? 'not computed'})`,
    `time: ${d.runtime.ms.total} ms`,
  ];
  return `${lines.join('\n')}\n`;
}

async function classify(
  parsed: ParsedRecording,
  result: AnalysisResult,
  classifier: BeatClassifier,
): Promise<BeatClassification> {
  const t0 = performance.now();
  const samples = Int32Array.from(result.beats.map((b) => b.sample));
  const classes = await classifyInContext(classifier, parsed, result, samples);
  return { classifier, classes, ms: Math.round(performance.now() - t0) };
}

/** The probe on every detected beat of the analysed lead, with the model that labelled them. */
async function probeBeats(
  parsed: ParsedRecording,
  result: AnalysisResult,
  loaded: AppBeatModel,
  method: 'pgd' | 'spsa',
  onProgress: (done: number, total: number) => void,
): Promise<BeatProbes> {
  const t0 = performance.now();
  const lead = parsed.leads[pickAnalysedLead(result.leads, result.analysedLead)];
  const samples = Int32Array.from(result.beats.map((b) => b.sample));
  const opts = probeOptions({ method });
  const results = await probeRecordingBeats(
    loaded.model,
    leadMillivolts(lead),
    parsed.fs,
    samples,
    opts,
    onProgress,
  );
  return {
    method,
    fragileThreshold: opts.fragileThreshold,
    results,
    ms: Math.round(performance.now() - t0),
  };
}

function probeFields(r: Pick<ProbeResult, 'fragile' | 'flipEpsilon'> | undefined): {
  fragile: boolean | null;
  flipEpsilon: number | null;
} {
  if (!r) return { fragile: null, flipEpsilon: null };
  return { fragile: r.fragile, flipEpsilon: r.flipEpsilon === null ? null : round4(r.flipEpsilon) };
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

function roundProbs(p: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, round4(v)]));
}

function countLabels(beats: AnalyzeJsonBeat[]): string {
  const counts = new Map<string, number>();
  for (const b of beats) if (b.label) counts.set(b.label, (counts.get(b.label) ?? 0) + 1);
  return [...counts].map(([l, n]) => `${l} ${n}`).join(', ');
}
