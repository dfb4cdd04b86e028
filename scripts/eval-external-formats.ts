/**
 * ECG Desk's findings and measurements on the clinical-format files of ../shared/data/formats
 * (Philips carts, ECG Toolkit, a DICOM export from an Italian cart), beside what each file's
 * own device wrote: its interpretation statements and, where present, its measurements. These
 * are other manufacturers' and hospitals' recordings, none seen in training or any choice; the
 * comparison is qualitative (a handful of ECGs, machine statements rather than a cardiologist's
 * reading). Files holding the same ECG (one subject exported to several formats) are listed
 * once.
 *
 *   npx tsx scripts/eval-external-formats.ts [--out bench-results/external-formats.json]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { analyzeRecording } from '../main/analysis/analyze';
import { ecgDataDir } from '../main/config/data-dir';
import { computeFindings, coreMeasurements, loadRecordModel } from '../main/findings/service';
import { fileSourceFromMap, isRecordingFile, readRecording } from '../main/formats';
import { leadMillivolts } from '../main/analysis/signal';
import type { ParsedRecording } from '../main/formats/types';
import { initBackend } from '../main/ml/runtime';
import { parseArgs, runMain, writeJson } from '../main/ml/script-util';

interface Row {
  files: string[];
  /** Lead II in mV, to recognise the same ECG in another file. */
  leadII: Float32Array;
  format: string;
  fs: number;
  patient: string;
  findings: string[];
  device: string[];
  ours: Record<string, number | null>;
}

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), { out: 'value' });
  const root = join(ecgDataDir(), 'formats');
  const backend = await initBackend('wasm');
  const model = await loadRecordModel();
  const rows: Row[] = [];
  for (const file of walk(root)) {
    const name = relative(root, file);
    let rec: ParsedRecording;
    try {
      rec = readRecording(fileSourceFromMap(new Map([[name, readFileSync(file)]])), name);
    } catch {
      continue; // the broken fixtures; the import tests cover their messages
    }
    if (rec.leads.length < 12) continue;
    const leadII = leadMillivolts(rec.leads.find((l) => l.name === 'II') ?? rec.leads[0]);
    const seen = rows.find((r) => sameEcg(r.leadII, leadII));
    if (seen) {
      seen.files.push(name);
      continue;
    }
    const analysis = analyzeRecording(rec);
    const result = computeFindings(rec, model, analysis);
    rows.push({
      files: [name],
      leadII,
      format: rec.format,
      fs: rec.fs,
      patient: [rec.patient.sex ?? '?', rec.patient.age ?? '?'].join(' '),
      findings: result.findings
        .filter((f) => f.present)
        .map((f) => `${f.code} ${f.probability.toFixed(2)}`),
      device: rec.comments.filter((c) => !/^(aECG id|aECG code|Philips documentversion)/.test(c)),
      ours: coreMeasurements(analysis),
    });
  }
  const list = rows.map(({ files, format, fs, patient, findings, device, ours }) => ({
    files,
    format,
    fs,
    patient,
    findings,
    device,
    ours,
  }));
  console.log(
    `backend ${backend.backend}; record model ${model.version}; ${list.length} distinct ECGs\n`,
  );
  console.log(
    '| File(s) | Sex, age | ECG Desk findings present | Device statements | ECG Desk HR / PR / QRS / QT / QTc / axis |',
  );
  console.log('|---|---|---|---|---|');
  for (const r of list) {
    const o = r.ours;
    const v = (x: number | null): string => (x === null ? '–' : String(Math.round(x)));
    console.log(
      `| ${r.files.join('<br>')} | ${r.patient} | ${r.findings.join(', ') || 'none'} | ${r.device.join('; ') || '–'} | ` +
        `${v(o.heartRateBpm)} / ${v(o.prMs)} / ${v(o.qrsMs)} / ${v(o.qtMs)} / ${v(o.qtcMs)} / ${v(o.axisDeg)} |`,
    );
  }
  const out = args.get('out');
  if (out)
    writeJson(resolve(out), { backend: backend.backend, recordModel: model.version, rows: list });
});

/** Every file under `dir` that a folder import would read. */
function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const full = join(dir, n);
      if (statSync(full).isDirectory()) return walk(full);
      return isRecordingFile(n, () => readFileSync(full)) ? [full] : [];
    });
}

/**
 * Same ECG, whatever the format: lead II equal within 0.05 mV at every sample (exports of one
 * recording differ by rounding only: 20 µV between Philips XML and its aECG conversion).
 */
function sameEcg(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!(Math.abs(a[i] - b[i]) <= 0.05)) return false;
  return true;
}
