/**
 * Out-of-fold beat probabilities on DS1 (leave-records-out, the folds of main/ml/beats/cv.ts),
 * for choosing decision rules after the network without touching DS2: every epoch's softmax
 * rows, and those of weight averages over the last epochs (SWA, "averaged from epoch e").
 *
 *   npx tsx scripts/cv-beats-oof.ts --folds 0,1 [--epochs 10] [--seed N] [--swa 3,4,5]
 *     [--out bench-results/beat-oof]
 *
 * Writes OUT/seed-S/fold-F.json (records, labels, and per variant the rows as numbers).
 * Two processes (folds 0,1 and 2,3) use both cores (tfjs-wasm runs one thread per process).
 */
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ecgDataDir } from '../main/config/data-dir';
import { centreWindows } from '../main/ml/beats/batches';
import { predictProbs } from '../main/ml/beats/classify';
import { DS1_FOLDS } from '../main/ml/beats/cv';
import { concatSets, loadRecordBeats, type BeatSet } from '../main/ml/beats/dataset';
import { DS1 } from '../main/ml/beats/labels';
import { buildBeatModel, DEFAULT_BEAT_MODEL } from '../main/ml/beats/model';
import { DEFAULT_TRAIN, trainBeatModel } from '../main/ml/beats/train';
import { initBackend } from '../main/ml/runtime';
import { numberArg, parseArgs, runMain, writeJson } from '../main/ml/script-util';
import { seedMathRandom } from '../main/ml/seed';

const MARGIN = 8; // as train-beats.ts

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), {
    folds: 'value',
    epochs: 'value',
    seed: 'value',
    swa: 'value',
    out: 'value',
  });
  const folds = (args.get('folds') ?? '0,1,2,3').split(',').map(Number);
  const epochs = numberArg(args, 'epochs', 10);
  const seed = numberArg(args, 'seed', DEFAULT_TRAIN.seed);
  const swaStarts = (args.get('swa') ?? '3,4,5').split(',').map(Number);
  const out = resolve(args.get('out') ?? 'bench-results/beat-oof', `seed-${seed}`);
  await initBackend('wasm');
  const dir = join(ecgDataDir(), 'mitdb');
  const sets = new Map<string, BeatSet>(DS1.map((r) => [r, loadRecordBeats(dir, r, MARGIN)]));
  for (const f of folds) {
    const held = DS1_FOLDS[f];
    const trainSet = concatSets([...sets].filter(([r]) => !held.includes(r)).map(([, s]) => s));
    const test = concatSets(held.map((r) => sets.get(r)!));
    const windows = centreWindows(test);
    const n = test.labels.length;
    const restore = seedMathRandom(seed + f);
    const net = buildBeatModel(DEFAULT_BEAT_MODEL);
    restore();
    const variants: Record<string, number[]> = {};
    const sums = new Map<number, tf.Tensor[]>();
    await trainBeatModel(
      net,
      trainSet,
      null,
      { ...DEFAULT_TRAIN, epochs, seed: seed + f },
      (l, m) => {
        variants[`e${l.epoch}`] = Array.from(predictProbs(m, windows, test.rr, n));
        const current = m.getWeights().map((w) => w.clone());
        for (const s of swaStarts) {
          if (l.epoch < s) continue;
          const prev = sums.get(s);
          sums.set(
            s,
            prev ? prev.map((p, i) => add(p, current[i])) : current.map((w) => w.clone()),
          );
          const count = l.epoch - s + 1;
          const mean = sums.get(s)!.map((w) => tf.tidy(() => tf.div(w, count)));
          m.setWeights(mean);
          variants[`swa${s}-e${l.epoch}`] = Array.from(predictProbs(m, windows, test.rr, n));
          mean.forEach((w) => w.dispose());
        }
        m.setWeights(current);
        current.forEach((w) => w.dispose());
        console.log(`seed ${seed} fold ${f} epoch ${l.epoch} loss ${l.loss.toFixed(4)}`);
      },
    );
    for (const s of sums.values()) s.forEach((w) => w.dispose());
    net.dispose();
    writeJson(join(out, `fold-${f}.json`), {
      fold: f,
      records: test.records,
      labels: Array.from(test.labels),
      variants,
    });
  }
});

function add(acc: tf.Tensor, w: tf.Tensor): tf.Tensor {
  const next = tf.add(acc, w);
  acc.dispose();
  return next;
}
