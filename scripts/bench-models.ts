/**
 * npm run bench:models — inference speed of the shipped beat models (beat-full, beat-pruned,
 * beat-robust: whichever are present) measured in ONE run, so they share the machine's load.
 * Writes bench-results/models.json and prints it.
 *
 *   npx tsx scripts/bench-models.ts [--models beat-full,beat-pruned,beat-robust]
 *     [--beats 8192] [--rounds 7] [--record 208]
 *
 * Per model: model-only beats/s through the app's predictProbs and as one 1024-beat forward
 * pass per call (main/ml/prune/speed.ts), and end to end on an MIT-BIH record through
 * classifyBeats (preprocessing + model), rounds interleaved, medians reported.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ecgDataDir, hasEcgData } from '../main/config/data-dir';
import { readRecording } from '../main/formats';
import { fileSourceFromDir } from '../main/formats/fs-source';
import { classifyBeats, loadBeatModel, type BeatModel } from '../main/ml/beats/classify';
import { beatAnnotations, mlIILead, physical } from '../main/ml/beats/dataset';
import { countFlops } from '../main/ml/prune/flops';
import { compareInferenceSpeed } from '../main/ml/prune/speed';
import { initBackend } from '../main/ml/runtime';
import { machineFacts, numberArg, parseArgs, runMain, writeJson } from '../main/ml/script-util';

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), {
    models: 'value',
    beats: 'value',
    rounds: 'value',
    record: 'value',
  });
  const modelsRoot = resolve(__dirname, '..', 'resources', 'models');
  const names = (args.get('models') ?? 'beat-full,beat-pruned,beat-robust').split(',');
  const rounds = numberArg(args, 'rounds', 7);
  const record = args.get('record') ?? '208';
  const backend = (await initBackend('wasm')).backend;
  const present = names.filter((n) => existsSync(join(modelsRoot, n, 'model.json')));
  const missing = names.filter((n) => !present.includes(n));
  const models: { name: string; loaded: BeatModel }[] = [];
  for (const name of present)
    models.push({ name, loaded: await loadBeatModel(join(modelsRoot, name)) });

  const speed = compareInferenceSpeed(
    models.map((m) => ({ name: m.name, model: m.loaded.model })),
    { beats: numberArg(args, 'beats', 8192), rounds },
  );
  const endToEnd = hasEcgData('mitdb') ? recordSpeed(models, record, rounds) : null;
  const full = speed.find((s) => s.name === 'beat-full');
  const results = models.map((m, i) => {
    const cost = countFlops(m.loaded.config.model);
    return {
      model: m.name,
      flops: cost.flops,
      params: cost.params,
      appBeatsPerSec: speed[i].appBeatsPerSec,
      forwardBeatsPerSec: speed[i].forwardBeatsPerSec,
      endToEndBeatsPerSec: endToEnd?.[i] ?? null,
      vsFull: full
        ? {
            app: round2(speed[i].appBeatsPerSec / full.appBeatsPerSec),
            forward: round2(speed[i].forwardBeatsPerSec / full.forwardBeatsPerSec),
            endToEnd: endToEnd ? round2(endToEnd[i] / endToEnd[0]) : null,
          }
        : null,
    };
  });
  const report = {
    benchmark: 'models',
    command: 'npm run bench:models',
    at: new Date().toISOString(),
    ...machineFacts(),
    backend,
    note:
      'One run, rounds interleaved, medians. app = predictProbs (chunks of 1024, one predict batch each); ' +
      'forward = one predict of 1024 beats per call; endToEnd = classifyBeats on the record (preprocessing included).',
    record: endToEnd ? record : null,
    rounds,
    missing,
    results,
  };
  const out = resolve(__dirname, '..', 'bench-results', 'models.json');
  writeJson(out, report);
  console.log(JSON.stringify(report, null, 2));
  console.log(`wrote ${out}`);
  models.forEach((m) => m.loaded.model.dispose());
});

/** Median end-to-end beats/s of classifyBeats on one record, per model, rounds interleaved. */
function recordSpeed(models: { loaded: BeatModel }[], record: string, rounds: number): number[] {
  const rec = readRecording(fileSourceFromDir(join(ecgDataDir(), 'mitdb')), `${record}.hea`);
  const beats = Int32Array.from(beatAnnotations(rec), (a) => a.sample);
  const signal = physical(mlIILead(rec));
  const run = (m: BeatModel): number => {
    const t0 = performance.now();
    classifyBeats(m, signal, rec.fs, beats);
    return (performance.now() - t0) / 1000;
  };
  models.forEach((m) => run(m.loaded)); // warm-up
  const times = models.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) models.forEach((m, i) => times[i].push(run(m.loaded)));
  return times.map((t) => {
    const s = [...t].sort((a, b) => a - b);
    return Math.round(beats.length / s[s.length >> 1]);
  });
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
