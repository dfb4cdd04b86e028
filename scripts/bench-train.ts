/**
 * npm run bench:train — training and inference samples/s of the shipped beat-model
 * architecture on each available backend (tfjs-node if installed, wasm with ECG Desk's
 * kernels, cpu). Writes bench-results/train.json.
 *
 *   npx tsx scripts/bench-train.ts [--samples 512] [--cpu-samples 512] [--batch 256]
 */
import { resolve } from 'node:path';
import { measureSpeed, type SpeedResult } from '../main/ml/bench';
import { initBackend, type BackendName } from '../main/ml/runtime';
import { machineFacts, numberArg, parseArgs, runMain, writeJson } from '../main/ml/script-util';

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), {
    samples: 'value',
    'cpu-samples': 'value',
    batch: 'value',
  });
  const samples = numberArg(args, 'samples', 512);
  const cpuSamples = numberArg(args, 'cpu-samples', 512);
  const batch = numberArg(args, 'batch', 256);
  const results: (SpeedResult | { backend: BackendName; skipped: string })[] = [];
  for (const name of ['tensorflow', 'wasm', 'cpu'] as const) {
    const choice = await initBackend(name);
    if (choice.backend !== name) {
      results.push({ backend: name, skipped: choice.reason ?? `got ${choice.backend}` });
      console.log(`${name}: skipped (${choice.reason})`);
      continue;
    }
    const n = name === 'cpu' ? cpuSamples : samples;
    const r = await measureSpeed(n, Math.max(n, 4 * batch), batch);
    results.push(r);
    console.log(
      `${name}: train ${r.trainSamplesPerSec.toFixed(1)} samples/s (${r.trainSamples} samples), infer ${r.inferSamplesPerSec.toFixed(0)} samples/s`,
    );
  }
  const out = resolve(__dirname, '..', 'bench-results', 'train.json');
  writeJson(out, {
    benchmark: 'train',
    command: 'npm run bench:train',
    at: new Date().toISOString(),
    ...machineFacts(),
    note: 'Beat model (main/ml/beats/model.ts defaults), batch of random inputs; train = forward + backward + Adam step; wasm runs single-threaded with main/ml/kernels registered.',
    results,
  });
  console.log(`wrote ${out}`);
});
