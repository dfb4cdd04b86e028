/**
 * npm run bench:infer — beat classification speed of the shipped model: raw model
 * throughput (batched predict) per backend, and end-to-end beats/s of classifyBeats on an
 * MIT-BIH record (resampling, filtering, windows, RR features, model). Writes
 * bench-results/infer.json.
 *
 *   npx tsx scripts/bench-infer.ts [--model DIR] [--record 208]
 */
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ecgDataDir, hasEcgData } from '../main/config/data-dir';
import { readRecording } from '../main/formats';
import { fileSourceFromDir } from '../main/formats/fs-source';
import {
  classifyBeats,
  loadBeatModel,
  predictProbs,
  type BeatModel,
} from '../main/ml/beats/classify';
import { beatAnnotations, mlIILead, physical } from '../main/ml/beats/dataset';
import { N_CHANNELS, WINDOW_LEN } from '../main/ml/beats/preprocess';
import { RR_DIM } from '../main/ml/beats/rr';
import { initBackend } from '../main/ml/runtime';
import { machineFacts, parseArgs, runMain, writeJson } from '../main/ml/script-util';
import { mulberry32 } from '../main/ml/seed';

const MODEL_BEATS = 8192;

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), { model: 'value', record: 'value' });
  const modelDir = resolve(
    args.get('model') ?? resolve(__dirname, '..', 'resources', 'models', 'beat-full'),
  );
  const record = args.get('record') ?? '208';
  const results: Record<string, unknown>[] = [];
  for (const name of ['tensorflow', 'wasm', 'cpu'] as const) {
    const choice = await initBackend(name);
    if (choice.backend !== name) {
      console.log(`${name}: skipped (${choice.reason})`);
      results.push({ backend: name, skipped: choice.reason });
      continue;
    }
    const model = await loadBeatModel(modelDir);
    const modelPerSec = modelThroughput(model, name === 'cpu' ? MODEL_BEATS / 8 : MODEL_BEATS);
    const endToEnd = hasEcgData('mitdb') ? recordThroughput(model, record) : null;
    model.model.dispose();
    results.push({ backend: name, modelBeatsPerSec: Math.round(modelPerSec), endToEnd });
    console.log(
      `${name}: model ${modelPerSec.toFixed(0)} beats/s` +
        (endToEnd
          ? `, record ${record} end to end ${endToEnd.beatsPerSec} beats/s (${endToEnd.beats} beats in ${endToEnd.seconds} s)`
          : ''),
    );
  }
  const out = resolve(__dirname, '..', 'bench-results', 'infer.json');
  writeJson(out, {
    benchmark: 'infer',
    command: 'npm run bench:infer',
    at: new Date().toISOString(),
    ...machineFacts(),
    model: modelDir,
    results,
  });
  console.log(`wrote ${out}`);
});

/** Batched predictProbs on random inputs, after one warm-up batch. */
function modelThroughput(model: BeatModel, beats: number): number {
  const rand = mulberry32(5);
  const windows = Float32Array.from(
    { length: beats * WINDOW_LEN * N_CHANNELS },
    () => rand() - 0.5,
  );
  const rr = Float32Array.from({ length: beats * RR_DIM }, () => 0.5 + rand());
  predictProbs(
    model.model,
    windows.subarray(0, 1024 * WINDOW_LEN * N_CHANNELS),
    rr.subarray(0, 1024 * RR_DIM),
    1024,
  );
  const t0 = performance.now();
  predictProbs(model.model, windows, rr, beats);
  const perSec = beats / ((performance.now() - t0) / 1000);
  if (tf.memory().numTensors > 1000) throw new Error('tensor leak in predictProbs'); // cheap sanity check
  return perSec;
}

function recordThroughput(
  model: BeatModel,
  record: string,
): { beats: number; seconds: number; beatsPerSec: number } {
  const rec = readRecording(fileSourceFromDir(join(ecgDataDir(), 'mitdb')), `${record}.hea`);
  const beats = Int32Array.from(beatAnnotations(rec), (a) => a.sample);
  const signal = physical(mlIILead(rec));
  const t0 = performance.now();
  classifyBeats(model, signal, rec.fs, beats);
  const seconds = (performance.now() - t0) / 1000;
  return {
    beats: beats.length,
    seconds: Math.round(seconds * 1000) / 1000,
    beatsPerSec: Math.round(beats.length / seconds),
  };
}
