/**
 * npm run bench:probe — speed of the adversarial-sensitivity probe (main/ml/probe) with the
 * shipped beat model: one beat (median over ~50 beats spread over the record; the record's
 * preprocessing done once beforehand, as the app does) and a whole 30-min MIT-BIH record
 * end to end, for PGD, SPSA and PGD-NSR. Writes bench-results/probe.json and prints it.
 *
 *   npx tsx scripts/bench-probe.ts [--model DIR] [--record 100] [--beats 50]
 *                                  [--methods pgd,spsa,pgd-nsr] [--out FILE]
 */
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ecgDataDir } from '../main/config/data-dir';
import { readRecording } from '../main/formats';
import { fileSourceFromDir } from '../main/formats/fs-source';
import { loadBeatModel } from '../main/ml/beats/classify';
import { beatAnnotations, mlIILead, physical } from '../main/ml/beats/dataset';
import {
  SINGLE_BEAT_SEARCH,
  kindOptions,
  prepareBeats,
  probeOneBeat,
  probeOptionsFor,
  probeRecordingBeats,
  type ProbeKind,
  type ProbeResult,
} from '../main/ml/probe/probe';
import { initBackend } from '../main/ml/runtime';
import { machineFacts, numberArg, parseArgs, runMain, writeJson } from '../main/ml/script-util';

const loadAtStart = round2(loadavg()[0]);

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), {
    model: 'value',
    record: 'value',
    beats: 'value',
    methods: 'value',
    out: 'value',
  });
  const modelDir = resolve(
    args.get('model') ?? resolve(__dirname, '..', 'resources', 'models', 'beat-full'),
  );
  const record = args.get('record') ?? '100';
  const nBeats = numberArg(args, 'beats', 50);
  const methods = (args.get('methods') ?? 'pgd,spsa,pgd-nsr').split(',') as ProbeKind[];
  for (const m of methods)
    if (!['pgd', 'spsa', 'pgd-nsr'].includes(m)) throw new Error(`--methods: unknown "${m}"`);
  const out = resolve(args.get('out') ?? resolve(__dirname, '..', 'bench-results', 'probe.json'));
  const { backend } = await initBackend('wasm');
  const model = await loadBeatModel(modelDir);
  const rec = readRecording(fileSourceFromDir(join(ecgDataDir(), 'mitdb')), `${record}.hea`);
  const beats = Int32Array.from(beatAnnotations(rec), (a) => a.sample);
  const signal = physical(mlIILead(rec));
  let t0 = performance.now();
  const prepared = prepareBeats(signal, rec.fs, beats);
  const prepareMs = performance.now() - t0;
  const results: Record<string, unknown>[] = [];
  for (const method of methods) {
    const opts = probeOptionsFor(method);
    // Only the kind: probeOneBeat's own defaults (7 ε per round, 2 rounds) must apply.
    const only = kindOptions(method);
    probeOneBeat(model, prepared, 0, only); // warm-up: kernel set-up for these shapes
    const picks = Array.from({ length: nBeats }, (_, i) =>
      Math.floor(((i + 0.5) * beats.length) / nBeats),
    );
    const ms = picks.map((i) => {
      const s = performance.now();
      probeOneBeat(model, prepared, i, only);
      return performance.now() - s;
    });
    console.error(`${method}: single beat done; whole record ${record} (${beats.length} beats)…`);
    t0 = performance.now();
    const all = await probeRecordingBeats(model, signal, rec.fs, beats, opts, progress(method));
    const seconds = (performance.now() - t0) / 1000;
    process.stderr.write('\n');
    results.push({
      method,
      options: opts,
      singleBeatSearch: SINGLE_BEAT_SEARCH,
      singleBeatMs: {
        median: round(median(ms), 1),
        p90: round(quantile(ms, 0.9), 1),
        beats: ms.length,
      },
      record: {
        record,
        beats: beats.length,
        seconds: round(seconds, 1),
        beatsPerSec: round(beats.length / seconds, 1),
      },
      flips: summary(all),
    });
  }
  const report = {
    benchmark: 'probe',
    command: 'npm run bench:probe',
    at: new Date().toISOString(),
    ...machineFacts(),
    // Other jobs share the CPU: the 1-min load average before and after puts timings in context.
    loadAverage1m: { start: loadAtStart, end: round2(loadavg()[0]) },
    backend,
    model: modelDir,
    prepareRecordMs: Math.round(prepareMs),
    results,
  };
  model.model.dispose();
  if (tf.memory().numTensors > 0) throw new Error(`${tf.memory().numTensors} tensors leaked`);
  writeJson(out, report);
  console.log(JSON.stringify(report, null, 2));
  console.log(`wrote ${out}`);
});

function progress(method: string): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    const pct = Math.floor((100 * done) / total);
    if (pct !== last && process.stderr.isTTY) process.stderr.write(`\r${method} ${pct} %`);
    last = pct;
  };
}

/** What the probe found on the record: how many beats flip, how many are fragile, median ε. */
function summary(all: ProbeResult[]): Record<string, number | null> {
  const eps = all.flatMap((r) => (r.flipEpsilon === null ? [] : [r.flipEpsilon]));
  return {
    flipped: eps.length,
    none: all.length - eps.length,
    fragile: all.filter((r) => r.fragile).length,
    medianFlipEpsilon: eps.length ? median(eps) : null,
  };
}

function quantile(v: number[], q: number): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
