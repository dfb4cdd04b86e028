/**
 * The training loop: a hand-written Adam loop (optimizer.minimize inside tf.tidy) rather than
 * model.fit, so batches come from BatchSampler and the best epoch on the validation records
 * can be kept. Everything random is seeded (see ../seed.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { mulberry32, seedMathRandom } from '../seed';
import {
  BatchSampler,
  centreWindows,
  type AugmentOptions,
  type Batch,
  type SamplingOptions,
} from './batches';
import type { BeatSet } from './dataset';
import { argmaxRows, predictProbs } from './classify';
import { BEAT_CLASSES } from './labels';
import { beatReport, confusionMatrix, type BeatReport } from './metrics';
import { N_CHANNELS, WINDOW_LEN } from './preprocess';
import { RR_DIM } from './rr';

export interface TrainOptions {
  seed: number;
  /** Upper bound; early stopping usually ends sooner when a validation set is given. */
  epochs: number;
  /** Samples drawn per epoch (with replacement). */
  epochSize: number;
  batchSize: number;
  learningRate: number;
  /** Learning rate is multiplied by lrDecay after every epoch. */
  lrDecay: number;
  /** L2 penalty on every kernel (not biases). */
  l2: number;
  /** Epochs without a better validation score before stopping. */
  patience: number;
  sampling: SamplingOptions;
  augment: AugmentOptions;
}

export const DEFAULT_TRAIN: TrainOptions = {
  seed: 20240601,
  epochs: 8,
  epochSize: 40_960,
  batchSize: 256,
  learningRate: 1e-3,
  lrDecay: 0.93,
  l2: 1e-4,
  patience: 8,
  sampling: { alpha: 0.3, maxOversample: 20, prematureN: 0.3 },
  augment: { log2Scale: 0.25, noise: 0.02, maxShift: 3, stretch: 0.1, syntheticS: 0.5 },
};

/**
 * Optional hook (off unless given): replaces a training batch's beats just before the step,
 * e.g. with adversarial examples (main/ml/robust). Called inside the step's tf.tidy with the
 * model being trained and the batch's labels (int32 class indices); returns the beats to train
 * on ([n, WINDOW_LEN, N_CHANNELS]). RR features and labels stay as they are.
 */
export type BatchTransform = (
  model: tf.LayersModel,
  beats: tf.Tensor3D,
  rr: tf.Tensor2D,
  labels: tf.Tensor1D,
) => tf.Tensor3D;

/**
 * Knowledge distillation (off unless given): the student also matches the teacher's class
 * probabilities on the same (possibly adversarial) batch, softened by a temperature:
 * loss = (1 − weight)·CE(labels) + weight·T²·CE(teacher_T, student_T), with p_T ∝ p^(1/T)
 * (the models end in a softmax, so log p stands in for the logits). Used when pruning: the
 * pruned model is fine-tuned to keep the unpruned model's decisions, not only the labels.
 */
export interface Distillation {
  teacher: tf.LayersModel;
  /** Share of the distillation term, 0..1. */
  weight: number;
  /** Softening temperature, ≥ 1 (Hinton et al. 2015 use 2–20). */
  temperature: number;
}

export interface TrainHooks {
  transformBatch?: BatchTransform;
  distill?: Distillation;
}

export interface EpochLog {
  epoch: number;
  loss: number;
  trainSeconds: number;
  samplesPerSec: number;
  val?: BeatReport;
  valScore?: number;
}

export interface TrainResult {
  history: EpochLog[];
  bestEpoch: number;
  /** Training throughput over all epochs (steps only, excluding validation). */
  samplesPerSec: number;
  trainSeconds: number;
}

/**
 * Model choice on validation: macro F1 over N, S and V. S and V are what the targets are
 * about; N's F1 is there because it falls whenever normal beats are called anything else
 * (S in atrial fibrillation, F for unusual normal morphology), which S and V F1 alone miss.
 */
export function validationScore(r: BeatReport): number {
  return (r.perClass.N.f1 + r.perClass.S.f1 + r.perClass.V.f1) / 3;
}

export async function trainBeatModel(
  model: tf.LayersModel,
  train: BeatSet,
  val: BeatSet | null,
  opts: TrainOptions,
  onEpoch: (log: EpochLog, model: tf.LayersModel) => void = () => {},
  hooks: TrainHooks = {},
): Promise<TrainResult> {
  const restoreRandom = seedMathRandom(opts.seed);
  const sampler = new BatchSampler(train, opts.sampling, opts.augment, mulberry32(opts.seed));
  const kernels = model.trainableWeights
    .filter((w) => w.name.includes('kernel'))
    .map((w) => w.read());
  const history: EpochLog[] = [];
  let best: { epoch: number; score: number; weights: tf.Tensor[] } | null = null;
  let totalSeconds = 0;
  const steps = Math.ceil(opts.epochSize / opts.batchSize);
  try {
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      const optimizer = tf.train.adam(opts.learningRate * Math.pow(opts.lrDecay, epoch - 1));
      const t0 = performance.now();
      let lossSum = 0;
      for (let s = 0; s < steps; s++)
        lossSum += step(model, optimizer, sampler.next(opts.batchSize), kernels, opts.l2, hooks);
      optimizer.dispose();
      const seconds = (performance.now() - t0) / 1000;
      totalSeconds += seconds;
      const log: EpochLog = {
        epoch,
        loss: lossSum / steps,
        trainSeconds: seconds,
        samplesPerSec: (steps * opts.batchSize) / seconds,
      };
      if (val) {
        log.val = evaluateSet(model, val);
        log.valScore = validationScore(log.val);
        if (!best || log.valScore > best.score) {
          best?.weights.forEach((w) => w.dispose());
          best = { epoch, score: log.valScore, weights: model.getWeights().map((w) => w.clone()) };
        }
      }
      history.push(log);
      onEpoch(log, model);
      if (best && epoch - best.epoch >= opts.patience) break;
    }
  } finally {
    restoreRandom();
  }
  if (best) {
    model.setWeights(best.weights);
    best.weights.forEach((w) => w.dispose());
  }
  const trained = history.length * steps * opts.batchSize;
  return {
    history,
    bestEpoch: best?.epoch ?? history.length,
    samplesPerSec: trained / totalSeconds,
    trainSeconds: totalSeconds,
  };
}

/**
 * One Adam step; returns the batch loss. A new optimizer per epoch resets Adam's moments,
 * which is harmless here and is how the learning-rate decay is applied (tfjs optimizers have
 * no public learning-rate setter).
 */
function step(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  batch: Batch,
  kernels: tf.Tensor[],
  l2: number,
  hooks: TrainHooks,
): number {
  const n = batch.labels.length;
  const loss = tf.tidy(() => {
    const beats = tf.tensor3d(batch.beats, [n, WINDOW_LEN, N_CHANNELS]);
    const r = tf.tensor2d(batch.rr, [n, RR_DIM]);
    const labels = tf.tensor1d(batch.labels, 'int32');
    const y = tf.oneHot(labels, BEAT_CLASSES.length);
    const x = hooks.transformBatch ? hooks.transformBatch(model, beats, r, labels) : beats;
    const kd = hooks.distill;
    const soft = kd ? softened(kd.teacher.predict([x, r]) as tf.Tensor2D, kd.temperature) : null;
    return optimizer.minimize(() => {
      const p = (model.apply([x, r], { training: true }) as tf.Tensor).clipByValue(1e-7, 1);
      const ce = tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(p)), 1)));
      let data: tf.Tensor = ce;
      if (kd && soft) {
        const logQ = tf.logSoftmax(tf.div(tf.log(p), kd.temperature));
        const kdLoss = tf.neg(tf.mean(tf.sum(tf.mul(soft, logQ), 1)));
        const t2 = kd.temperature * kd.temperature;
        data = tf.add(tf.mul(1 - kd.weight, ce), tf.mul(kd.weight * t2, kdLoss));
      }
      const penalty =
        l2 > 0 ? tf.mul(l2, tf.addN(kernels.map((k) => tf.sum(tf.square(k))))) : tf.scalar(0);
      return tf.add(data, penalty) as tf.Scalar;
    }, true) as tf.Scalar;
  });
  const value = loss.dataSync()[0];
  loss.dispose();
  return value;
}

/** The teacher's probabilities softened by temperature t: p^(1/t), renormalised. */
export function softened(p: tf.Tensor2D, t: number): tf.Tensor2D {
  return tf.tidy(() => tf.softmax(tf.div(tf.log(tf.clipByValue(p, 1e-7, 1)), t)) as tf.Tensor2D);
}

export function evaluateSet(model: tf.LayersModel, set: BeatSet): BeatReport {
  const probs = predictProbs(model, centreWindows(set), set.rr, set.labels.length);
  return beatReport(confusionMatrix(set.labels, argmaxRows(probs, BEAT_CLASSES.length)));
}
