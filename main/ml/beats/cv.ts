/**
 * Leave-records-out cross-validation on DS1: every DS1 beat is predicted by a model that
 * never saw its patient, at every epoch, so the number of epochs and the prior-correction
 * strength are chosen on all 22 DS1 patients rather than on a handful (DS2 stays untouched).
 */
import type * as tf from '@tensorflow/tfjs';
import { buildBeatModel, type BeatModelConfig } from './model';
import { centreWindows, classProbabilities } from './batches';
import { argmaxRows, predictProbs } from './classify';
import { concatSets, type BeatSet } from './dataset';
import { BEAT_CLASSES } from './labels';
import { beatReport, confusionMatrix, type BeatReport } from './metrics';
import { priorLogWeights, reweightProbs } from './priors';
import { trainBeatModel, validationScore, type TrainOptions } from './train';
import { seedMathRandom } from '../seed';

/**
 * Four folds balanced by hand for S-rich (209, 201, 207, 118, 220, 223, 124), V-rich and
 * atrial-fibrillation (201, 203) records.
 */
export const DS1_FOLDS: readonly (readonly string[])[] = [
  ['209', '106', '101', '112', '122'],
  ['201', '118', '119', '109', '115', '230'],
  ['207', '220', '208', '114', '116'],
  ['223', '124', '203', '215', '205', '108'],
];

export interface CvPoint {
  epoch: number;
  strength: number;
  report: BeatReport;
  score: number;
}

export interface CvOptions {
  strengths: number[];
  log?: (line: string) => void;
}

export async function crossValidate(
  sets: ReadonlyMap<string, BeatSet>,
  folds: readonly (readonly string[])[],
  train: TrainOptions,
  model: BeatModelConfig,
  cv: CvOptions,
): Promise<CvPoint[]> {
  const k = BEAT_CLASSES.length;
  // confusion[epoch][strength] summed over folds
  const pooled = new Map<string, number[][]>();
  for (const [f, held] of folds.entries()) {
    const trainSet = concatSets([...sets].filter(([r]) => !held.includes(r)).map(([, s]) => s));
    const test = concatSets(held.map((r) => sets.get(r)!));
    const natural = classProbabilities(trainSet.labels, {
      alpha: 1,
      maxOversample: Infinity,
      prematureN: 0,
    });
    const sampled = classProbabilities(trainSet.labels, train.sampling);
    const restore = seedMathRandom(train.seed + f);
    const net = buildBeatModel(model);
    restore();
    const windows = centreWindows(test);
    await trainBeatModel(net, trainSet, null, { ...train, seed: train.seed + f }, (log, m) => {
      const probs = predictProbs(m, windows, test.rr, test.labels.length);
      for (const s of cv.strengths) {
        const pred = argmaxRows(
          reweightProbs(Float32Array.from(probs), priorLogWeights(natural, sampled, s)),
          k,
        );
        add(pooled, `${log.epoch}|${s}`, confusionMatrix(test.labels, pred));
      }
      cv.log?.(
        `fold ${f + 1} epoch ${log.epoch} loss ${log.loss.toFixed(4)} ${log.samplesPerSec.toFixed(0)}/s`,
      );
    });
    logPerRecord(net, test, held, cv.log);
    net.dispose();
  }
  return [...pooled].map(([key, m]) => {
    const [epoch, strength] = key.split('|').map(Number);
    const report = beatReport(m);
    return { epoch, strength, report, score: validationScore(report) };
  });
}

/** Final-epoch confusion per held-out record (rows N S V F Q), for seeing where errors come from. */
function logPerRecord(
  net: tf.LayersModel,
  test: BeatSet,
  held: readonly string[],
  log: ((line: string) => void) | undefined,
): void {
  if (!log) return;
  const pred = argmaxRows(
    predictProbs(net, centreWindows(test), test.rr, test.labels.length),
    BEAT_CLASSES.length,
  );
  for (const r of held) {
    const idx = test.records.flatMap((x, i) => (x === r ? [i] : []));
    const m = confusionMatrix(
      idx.map((i) => test.labels[i]),
      idx.map((i) => pred[i]),
    );
    log(`  record ${r}: ${JSON.stringify(m)}`);
  }
}

function add(acc: Map<string, number[][]>, key: string, m: number[][]): void {
  const cur = acc.get(key);
  if (!cur) acc.set(key, m);
  else m.forEach((row, i) => row.forEach((v, j) => (cur[i][j] += v)));
}
