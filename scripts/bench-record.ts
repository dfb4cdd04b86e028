/**
 * npm run bench:record — speed of the 12-lead record findings on real 10-s recordings:
 * the model's part (preprocessing + inference, predictRecording) and the whole service
 * (computeFindings with the analysis and the rules), in ms per record. Prints the figures and
 * writes them as JSON (default bench-results/record.json).
 *
 *   npx tsx scripts/bench-record.ts [--model DIR] [--records 50] [--out FILE] [--backend wasm|cpu]
 */
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ecgDataDir } from '../main/config/data-dir';
import { computeFindings, recordModelDir } from '../main/findings/service';
import {
  ludbRecordNames,
  readLudbRecording,
  readPtbxlIndex,
  readPtbxlRecording,
  splitRows,
  type LabelledRecording,
} from '../main/ml/record/dataset';
import { percentile } from '../main/ml/record/metrics';
import { predictRecording } from '../main/ml/record/predict';
import { loadRecordModelDir, type LoadedRecordModel } from '../main/ml/record/saved';
import { initBackend, type BackendName } from '../main/ml/runtime';
import { machineFacts, numberArg, parseArgs, runMain, writeJson } from '../main/ml/script-util';

const WARMUP = 3;

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), {
    model: 'value',
    records: 'value',
    out: 'value',
    backend: 'value',
  });
  const n = numberArg(args, 'records', 50);
  const out = resolve(args.get('out') ?? resolve(__dirname, '..', 'bench-results', 'record.json'));
  const choice = await initBackend((args.get('backend') as BackendName | undefined) ?? 'wasm');
  const model = await loadRecordModelDir(args.get('model') ?? recordModelDir());
  const ptbxlDir = join(ecgDataDir(), 'ptbxl');
  const ludbDir = join(ecgDataDir(), 'ludb', 'data');
  const sets = {
    'PTB-XL fold 10 (100 Hz)': splitRows(readPtbxlIndex(ptbxlDir), 'test')
      .slice(0, n)
      .map((r) => readPtbxlRecording(ptbxlDir, r)),
    'LUDB (500 Hz)': ludbRecordNames(ludbDir)
      .slice(0, n)
      .map((name) => readLudbRecording(ludbDir, name)),
  };
  const results = Object.entries(sets).map(([set, items]) => ({
    set,
    records: items.length,
    modelMs: timeEach(
      items,
      (it) => void predictRecording(model.model, model.labels, it.recording),
    ),
    serviceMs: timeEach(items, (it) => void computeFindings(it.recording, model, undefined)),
  }));
  const leaked = tensorsAfterRuns(model, sets['PTB-XL fold 10 (100 Hz)']);
  model.model.dispose();
  const report = {
    date: new Date().toISOString(),
    machine: machineFacts(),
    backend: choice.backend,
    model: model.version,
    parameters: model.model.countParams(),
    targetMsPerRecord: 300,
    results,
    tensorsLeakedOver10Runs: leaked,
  };
  for (const r of results)
    console.log(
      `${r.set}: model ${r.modelMs.mean.toFixed(1)} ms/record (median ${r.modelMs.median.toFixed(1)}, p95 ${r.modelMs.p95.toFixed(1)}); ` +
        `computeFindings incl. analysis ${r.serviceMs.mean.toFixed(1)} ms/record (p95 ${r.serviceMs.p95.toFixed(1)})`,
    );
  console.log(`backend ${choice.backend}; tensors leaked over 10 runs: ${leaked}`);
  writeJson(out, report);
  console.log(`wrote ${out}`);
});

function timeEach(
  items: readonly LabelledRecording[],
  run: (item: LabelledRecording) => void,
): { mean: number; median: number; p95: number } {
  for (const it of items.slice(0, WARMUP)) run(it);
  const ms = items.map((it) => {
    const t0 = performance.now();
    run(it);
    return performance.now() - t0;
  });
  const sorted = [...ms].sort((a, b) => a - b);
  const round = (v: number): number => Math.round(v * 10) / 10;
  return {
    mean: round(ms.reduce((a, b) => a + b, 0) / ms.length),
    median: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
  };
}

function tensorsAfterRuns(model: LoadedRecordModel, items: readonly LabelledRecording[]): number {
  const before = tf.memory().numTensors;
  for (const it of items.slice(0, 10)) computeFindings(it.recording, model);
  return tf.memory().numTensors - before;
}
