/**
 * `ecg-desk eval qrs <folder>`: EC57-style beat-by-beat evaluation of the QRS detector on
 * every WFDB record of a folder (see main/analysis/ec57.ts for the rules).
 *
 * Reference beats: the `atr` annotations when a record has them (MIT-BIH, NSTDB); otherwise
 * the QRS peaks ('N') of a per-lead wave annotation file (LUDB: `--ref ii` by default),
 * scored only between the first and last annotation of that file, since LUDB annotates only
 * the middle of each 10 s record. Records with neither are skipped (and listed).
 */
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readRecording } from '../../formats';
import { fileSourceFromDir } from '../../formats/fs-source';
import type { ParsedAnnotation, ParsedRecording } from '../../formats/types';
import {
  compareBeats,
  formatEc57Table,
  grossStats,
  type Ec57Gross,
  type Ec57RecordResult,
} from '../../analysis/ec57';
import { pickAnalysedLead } from '../../analysis/analyze';
import { leadMillivolts } from '../../analysis/signal';
import { detectQrs } from '../../dsp/qrs';
import { parseCommandArgs } from '../args';
import type { CliIO } from '../io';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliCommand } from '../registry';

const USAGE =
  'ecg-desk eval qrs <folder> [--ref EXT] [--lead NAME] [--single-lead] [--records A,B,...] [--out FILE] [--json] [--details]\n' +
  '  EC57 beat-by-beat Se/+P of the QRS detector on every record of <folder> (150 ms window;\n' +
  '  first 5 min unscored on records of 10 min or more; VF episodes unscored).\n' +
  '  --ref EXT      reference annotation file when a record has no .atr (default: ii)\n' +
  '  --lead NAME    lead the fiducial points are placed on (default: II/MLII, else the first)\n' +
  '  --single-lead  detect on that lead only (default: all leads, fused)\n' +
  '  --out FILE     also write the JSON report to FILE\n' +
  '  --details      include the samples of every FN and FP in the JSON';

export interface QrsEvalOptions {
  ref?: string;
  lead?: string;
  singleLead?: boolean;
  records?: string[];
  onRecord?: (name: string, index: number, total: number) => void;
}

export interface QrsEvalReport {
  folder: string;
  reference: string;
  matchWindowMs: number;
  detector: string;
  records: Array<
    Omit<Ec57RecordResult, 'fnSamples' | 'fpSamples'> & {
      reference: string;
      fs: number;
      fnSamples?: number[];
      fpSamples?: number[];
    }
  >;
  skipped: Array<{ record: string; reason: string }>;
  gross: Ec57Gross;
  /** Detection throughput over the whole folder (reading excluded). */
  samplesPerSecond: number;
}

function numericAware(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** The reference annotations of one record and the part of it that is scored. */
export function referenceFor(
  rec: ParsedRecording,
  refExt: string,
): { ext: string; annotations: ParsedAnnotation[]; from?: number; to?: number } | null {
  if (rec.annotations.atr && rec.annotations.atr.length > 0)
    return { ext: 'atr', annotations: rec.annotations.atr };
  const ann = rec.annotations[refExt];
  if (!ann || ann.length === 0) return null;
  // Wave annotation files mark 'N' at every QRS peak (and '(' ')' around it, p and t waves).
  const beats = ann.filter((a) => a.symbol === 'N');
  if (beats.length === 0) return null;
  return { ext: refExt, annotations: beats, from: ann[0].sample, to: ann[ann.length - 1].sample };
}

export function evaluateQrsFolder(folder: string, opts: QrsEvalOptions = {}): QrsEvalReport {
  const dir = resolve(folder);
  const refExt = opts.ref ?? 'ii';
  let names = readdirSync(dir)
    .filter((f) => /\.hea$/i.test(f))
    .map((f) => f.replace(/\.hea$/i, ''))
    .sort(numericAware);
  if (opts.records) {
    const want = new Set(opts.records);
    names = names.filter((n) => want.has(n));
  }
  const source = fileSourceFromDir(dir);
  const records: QrsEvalReport['records'] = [];
  const skipped: QrsEvalReport['skipped'] = [];
  let samples = 0;
  let ms = 0;
  names.forEach((name, i) => {
    opts.onRecord?.(name, i, names.length);
    let rec: ParsedRecording;
    try {
      rec = readRecording(source, `${name}.hea`);
    } catch (err) {
      skipped.push({ record: name, reason: err instanceof Error ? err.message : String(err) });
      return;
    }
    const ref = referenceFor(rec, refExt);
    if (!ref) {
      skipped.push({ record: name, reason: `no .atr and no .${refExt} reference annotations` });
      return;
    }
    const leadNames = rec.leads.map((l) => l.name);
    const lead = pickAnalysedLead(leadNames, opts.lead);
    const leads = rec.leads.map(leadMillivolts);
    const t0 = performance.now();
    const det = opts.singleLead
      ? detectQrs([leads[lead]], rec.fs)
      : detectQrs(leads, rec.fs, { fiducialLead: lead });
    ms += performance.now() - t0;
    samples += rec.samples * (opts.singleLead ? 1 : leads.length);
    const r = compareBeats(name, ref.annotations, det.samples, rec.fs, {
      recordSamples: rec.samples,
      scoreFromSample: ref.from,
      scoreToSample: ref.to,
    });
    records.push({ ...r, reference: ref.ext, fs: rec.fs });
  });
  return {
    folder: dir,
    reference: `atr, else ${refExt}`,
    matchWindowMs: 150,
    detector: opts.singleLead ? 'single lead' : 'all leads fused',
    records,
    skipped,
    gross: grossStats(records),
    samplesPerSecond: ms > 0 ? Math.round((samples / ms) * 1000) : 0,
  };
}

export async function runEvalQrs(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ref: { type: 'string' },
    lead: { type: 'string' },
    'single-lead': { type: 'boolean' },
    records: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
    details: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('give exactly one folder');
  const folder = resolve(io.cwd, positionals[0]);
  let report: QrsEvalReport;
  try {
    report = evaluateQrsFolder(folder, {
      ref: values.ref,
      lead: values.lead,
      singleLead: values['single-lead'],
      records: values.records ? values.records.split(',').map((s) => s.trim()) : undefined,
      onRecord: (name, i, total) => io.err(`\r[${i + 1}/${total}] ${name}   `),
    });
  } catch (err) {
    io.err(`\necg-desk eval qrs: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT_FAILED;
  }
  io.err('\n');
  if (!values.details) {
    for (const r of report.records) {
      delete r.fnSamples;
      delete r.fpSamples;
    }
  }
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (values.out) {
    const out = resolve(io.cwd, values.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, json);
  }
  if (values.json) io.out(json);
  else {
    const table = formatEc57Table(
      report.records.map((r) => ({ ...r, fnSamples: [], fpSamples: [] })),
      report.gross,
    );
    io.out(`${table}\n`);
    for (const s of report.skipped) io.out(`skipped ${s.record}: ${s.reason}\n`);
    io.out(
      `detection: ${(report.samplesPerSecond / 1e6).toFixed(1)} M samples/s (${report.detector})\n`,
    );
  }
  if (report.records.length === 0) {
    io.err(`ecg-desk eval qrs: no record with reference annotations in ${folder}\n`);
    return EXIT_FAILED;
  }
  return EXIT_OK;
}

export const evalQrsCommand: CliCommand & { sub: 'qrs' } = {
  name: 'eval',
  sub: 'qrs',
  summary: 'evaluations on annotated data (eval qrs: EC57 Se/+P of the QRS detector)',
  usage: USAGE,
  async run(args, io) {
    // Registered as `eval`, the first argument names the evaluation (`eval qrs <folder>`);
    // called directly (scripts/eval-qrs.ts), the folder comes first.
    return runEvalQrs(args[0] === 'qrs' ? args.slice(1) : args, io);
  },
};
