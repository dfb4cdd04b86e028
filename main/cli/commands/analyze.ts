/**
 * `ecg-desk analyze <record-file> [--model full|pruned|auto] [--lead NAME] [--probe] [--json]`
 * (contract: ../shared/CLI-CONTRACT.md). Analyses one recording without touching any store.
 *
 * Until the beat and record classifiers land (later issues), the model-dependent parts are
 * documented placeholders, never made-up values: every beat's `label`, `confidence` and
 * `probs` are null, `findings` is [], `runtime.backend`/`beatModel`/`recordModel` are null,
 * and with --probe `fragile` and `flipEpsilon` are null. Detection, measurements and rhythm
 * are real. Extensions to the contract's shape: `analysedLead`, `rhythm`, `medianBeat`.
 */
import { basename, dirname, resolve } from 'node:path';
import { readRecording, isRecordingEntry } from '../../formats';
import { fileSourceFromDir } from '../../formats/fs-source';
import { analyzeRecording, type AnalysisResult } from '../../analysis/analyze';
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
    recordModel: string | null;
    ms: { total: number; read: number; detection: number; delineation: number };
  };
  beats: AnalyzeJsonBeat[];
  measurements: AnalysisResult['measurements'];
  findings: never[];
  rhythm: AnalysisResult['rhythm'];
  medianBeat: AnalysisResult['medianBeat'];
}

/** The contract's JSON document from an analysis result. */
export function toAnalyzeJson(r: AnalysisResult, readMs: number, probe: boolean): AnalyzeJson {
  return {
    record: r.record,
    fs: r.fs,
    durationS: r.durationS,
    leads: r.leads,
    analysedLead: r.analysedLead,
    runtime: {
      backend: null,
      beatModel: null,
      recordModel: null,
      ms: {
        total: Math.round(readMs + r.runtime.ms.total),
        read: Math.round(readMs),
        detection: r.runtime.ms.detection,
        delineation: r.runtime.ms.delineation,
      },
    },
    beats: r.beats.map((b) => ({
      sample: b.sample,
      label: b.label,
      confidence: b.confidence,
      probs: b.probs,
      ...(probe ? { fragile: null, flipEpsilon: null } : {}),
    })),
    measurements: r.measurements,
    findings: [],
    rhythm: r.rhythm,
    medianBeat: r.medianBeat,
  };
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'analyse one recording: beats, measurements, rhythm (no store)',
  usage:
    'ecg-desk analyze <record-file> [--model full|pruned|auto] [--lead NAME] [--probe] [--json]',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      model: { type: 'string' },
      lead: { type: 'string' },
      probe: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one record file');
    if (values.model !== undefined && !(MODELS as readonly string[]).includes(values.model)) {
      throw new UsageError(`--model must be one of ${MODELS.join(', ')}`);
    }
    const path = resolve(io.cwd, positionals[0]);
    if (!isRecordingEntry(path)) {
      io.err(`${NAME}: ${positionals[0]} is not a recording this version reads (WFDB .hea)\n`);
      return EXIT_FAILED;
    }
    const t0 = performance.now();
    let result: AnalysisResult;
    let readMs: number;
    try {
      const parsed = readRecording(fileSourceFromDir(dirname(path)), basename(path));
      readMs = performance.now() - t0;
      result = analyzeRecording(parsed, { lead: values.lead });
    } catch (err) {
      io.err(`${NAME}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
      return EXIT_FAILED;
    }
    const doc = toAnalyzeJson(result, readMs, values.probe === true);
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
    `beats: ${d.beats.length} (labels: none until a beat model is installed)`,
    `rate ${v(m.heartRateBpm, 'bpm')}, RR ${v(m.rrMs, 'ms')}, PR ${v(m.prMs, 'ms')}, QRS ${v(m.qrsMs, 'ms')}, ` +
      `QT ${v(m.qtMs, 'ms')}, QTc ${v(m.qtcMs, 'ms')} (Bazett), ${v(m.qtcFridericiaMs, 'ms')} (Fridericia), axis ${v(m.axisDeg, 'deg')}`,
    `rhythm: ${d.rhythm.label}` +
      (d.rhythm.episodes.length > 1
        ? ` (${Object.entries(d.rhythm.burden)
            .map(([c, b]) => `${c} ${b?.beats ?? 0} beats`)
            .join(', ')})`
        : ''),
    `time: ${d.runtime.ms.total} ms`,
  ];
  return `${lines.join('\n')}\n`;
}
