/**
 * npm run cv:record — out-of-fold scores on PTB-XL folds 1–8 for the record model's decisions.
 *
 *   npx tsx scripts/cv-record.ts [--hold 1,2] [--epochs 24] [--seed N] [--out DIR] [--force]
 *
 * Why: fold 9 alone has 5–7 positives of most Ribeiro codes, so thresholds and the model/rule
 * combination chosen on it are coarse. Training the same recipe without the held-out folds and
 * scoring them gives honest (out-of-fold) model probabilities for training records; pooled with
 * the shipped model's fold-9 scores the decisions see ~1 750 records instead of 245. Run it
 * once per pair (1,2 · 3,4 · 5,6 · 7,8); without --hold it runs the four pairs itself, two at a
 * time (wasm is one thread per process; 2 cores), skipping pairs already written. Then `npx tsx scripts/train-record.ts --evaluate-only --decide-on cv`.
 * Each run keeps its best epoch by fold-9 macro AUC, as the shipped model did. Fold 10 and LUDB
 * are never read here.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ecgDataDir } from '../main/config/data-dir';
import { collectOutputs } from '../main/findings/evaluate';
import { RECORD_CV_DIR, writeOutputsFile } from '../main/findings/outputs-file';
import {
  buildRecordSet,
  readPtbxlIndex,
  readPtbxlRecording,
  splitRows,
  TRAIN_FOLDS,
} from '../main/ml/record/dataset';
import { buildRecordModel, DEFAULT_RECORD_MODEL } from '../main/ml/record/model';
import { DEFAULT_RECORD_TRAIN, trainRecordModel } from '../main/ml/record/train';
import { initBackend } from '../main/ml/runtime';
import { numberArg, parseArgs, runMain } from '../main/ml/script-util';
import { seedMathRandom } from '../main/ml/seed';

const PAIRS = ['1,2', '3,4', '5,6', '7,8'];

const oofFile = (dir: string, pair: string): string =>
  join(dir, `oof-${pair.replace(/,/g, '-')}.json`);

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), {
    hold: 'value',
    epochs: 'value',
    seed: 'value',
    out: 'value',
    force: 'flag',
  });
  if (!args.has('hold')) {
    const outDir = resolve(args.get('out') ?? RECORD_CV_DIR);
    const todo = PAIRS.filter((p) => args.has('force') || !existsSync(oofFile(outDir, p)));
    console.log(`pairs to run: ${todo.join(' · ') || 'none (all written; --force reruns)'}`);
    await runAllPairs(
      todo,
      process.argv.slice(2).filter((a) => a !== '--force'),
    );
    return;
  }
  const hold = (args.get('hold') ?? '')
    .split(',')
    .map(Number)
    .filter((f) => f > 0);
  if (!hold.length || hold.some((f) => !(TRAIN_FOLDS as readonly number[]).includes(f))) {
    throw new RangeError(
      `--hold needs training folds (1–8), e.g. --hold 1,2; got "${args.get('hold') ?? ''}"`,
    );
  }
  const opts = {
    ...DEFAULT_RECORD_TRAIN,
    epochs: numberArg(args, 'epochs', DEFAULT_RECORD_TRAIN.epochs),
    seed: numberArg(args, 'seed', DEFAULT_RECORD_TRAIN.seed),
  };
  const outDir = resolve(args.get('out') ?? RECORD_CV_DIR);
  const choice = await initBackend('wasm');
  console.log(`backend ${choice.backend}; holding out folds ${hold.join(',')}`);

  const ptbxlDir = join(ecgDataDir(), 'ptbxl');
  const rows = readPtbxlIndex(ptbxlDir);
  const trainRows = splitRows(rows, 'train');
  const read = (rs: typeof rows) => rs.map((r) => readPtbxlRecording(ptbxlDir, r));
  const held = read(trainRows.filter((r) => hold.includes(r.fold)));
  const train = buildRecordSet(read(trainRows.filter((r) => !hold.includes(r.fold))));
  const val = buildRecordSet(read(splitRows(rows, 'val')));
  console.log(`${train.n} training, ${val.n} validation, ${held.length} held-out records`);

  const restore = seedMathRandom(opts.seed);
  const model = buildRecordModel(DEFAULT_RECORD_MODEL);
  restore();
  const result = await trainRecordModel(model, train, val, opts, (l) =>
    console.log(
      `epoch ${l.epoch} loss ${l.loss.toFixed(4)} ${l.seconds.toFixed(0)} s; fold-9 macro AUC ${l.valScore?.toFixed(3)}`,
    ),
  );
  console.log(`best epoch ${result.bestEpoch}; ${(result.trainSeconds / 60).toFixed(1)} min`);
  const outputs = collectOutputs(held, model);
  model.dispose();
  mkdirSync(outDir, { recursive: true });
  const file = oofFile(outDir, hold.join(','));
  writeOutputsFile(file, outputs, {
    heldOutFolds: hold,
    bestEpoch: result.bestEpoch,
    trainRecords: train.n,
    options: opts,
  });
  console.log(`wrote ${file} (${outputs.length} records)`);
});

/** The four hold-out pairs as child processes, two at a time; fails when any fails. */
async function runAllPairs(pairs: string[], passOn: string[]): Promise<void> {
  const queue = [...pairs];
  const runOne = async (): Promise<void> => {
    for (let pair = queue.shift(); pair; pair = queue.shift()) {
      const code = await new Promise<number | null>((done) => {
        const child = spawn(
          process.execPath,
          [...process.execArgv, __filename, '--hold', pair, ...passOn],
          {
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        child.stdout.on('data', (b: Buffer) =>
          process.stdout.write(b.toString().replace(/^(?=.)/gm, `[${pair}] `)),
        );
        child.on('close', done);
      });
      if (code !== 0) throw new Error(`cv-record --hold ${pair} exited with ${code}`);
    }
  };
  await Promise.all([runOne(), runOne()]);
}
