/**
 * Paired comparison of two beat models on DS2 at the reference beat positions, with
 * percentile-bootstrap 95 % intervals over records (the unit that varies: patients), for the
 * difference B − A in accuracy and macro F1 over N, S, V. Reporting only; nothing is chosen.
 *
 *   npx tsx scripts/compare-beat-models.ts [--a resources/models/beat-robust]
 *     [--b resources/models/beat-pruned] [--replicates 2000] [--out FILE.json]
 */
import { join, resolve } from 'node:path';
import { ecgDataDir } from '../main/config/data-dir';
import { loadBeatModel } from '../main/ml/beats/classify';
import { evaluateAtReference } from '../main/ml/beats/evaluate';
import { BEAT_CLASSES, DS2 } from '../main/ml/beats/labels';
import { beatReport } from '../main/ml/beats/metrics';
import { validationScore } from '../main/ml/beats/train';
import { bootstrap } from '../main/ml/record/metrics';
import { initBackend } from '../main/ml/runtime';
import { numberArg, parseArgs, runMain, writeJson } from '../main/ml/script-util';

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), {
    a: 'value',
    b: 'value',
    replicates: 'value',
    out: 'value',
  });
  const dirs = [
    args.get('a') ?? 'resources/models/beat-robust',
    args.get('b') ?? 'resources/models/beat-pruned',
  ].map((d) => resolve(d));
  const choice = await initBackend('wasm');
  const data = join(ecgDataDir(), 'mitdb');
  const perRecord: Record<string, number[][]>[] = [];
  for (const dir of dirs) {
    const model = await loadBeatModel(dir);
    perRecord.push(evaluateAtReference(model, data, DS2).perRecord);
    model.model.dispose();
  }
  const records = [...DS2];
  const k = BEAT_CLASSES.length;
  const pooled = (m: Record<string, number[][]>, idx: Int32Array): number[][] => {
    const sum = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    for (const i of idx) m[records[i]].forEach((row, r) => row.forEach((v, c) => (sum[r][c] += v)));
    return sum;
  };
  const stats = (idx: Int32Array): number[] => {
    const [a, b] = perRecord.map((m) => beatReport(pooled(m, idx)));
    return [
      a.accuracy,
      b.accuracy,
      b.accuracy - a.accuracy,
      validationScore(a),
      validationScore(b),
      validationScore(b) - validationScore(a),
    ];
  };
  const replicates = numberArg(args, 'replicates', 2000);
  const iv = bootstrap(records.length, stats, { replicates, seed: 20240601 });
  const names = [
    'accuracy A',
    'accuracy B',
    'accuracy B − A',
    'macro F1 A',
    'macro F1 B',
    'macro F1 B − A',
  ];
  const pts = (v: number): string => (100 * v).toFixed(1);
  console.log(
    `backend ${choice.backend}; A ${dirs[0]}; B ${dirs[1]}; DS2 ${records.length} records, ${replicates} bootstrap replicates over records`,
  );
  iv.forEach((x, i) =>
    console.log(`${names[i]}: ${pts(x.value)} (95 % CI ${pts(x.lo)} to ${pts(x.hi)})`),
  );
  const out = args.get('out');
  if (out)
    writeJson(resolve(out), {
      a: dirs[0],
      b: dirs[1],
      replicates,
      backend: choice.backend,
      intervals: Object.fromEntries(names.map((n, i) => [n, iv[i]])),
    });
});
