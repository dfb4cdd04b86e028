/**
 * Multistage pruning (prune a little, fine-tune, repeat) and one-shot pruning (prune to the
 * final size at once, then fine-tune for the same total number of epochs), so the two can be
 * compared at equal final size and equal fine-tuning budget.
 *
 * Multistage removes the same fraction of each layer's remaining units at every stage
 * (sizes follow a geometric path from the full to the final size): a small step leaves the
 * surviving units able to take over from the removed ones before the next cut, and the
 * importance ranking is recomputed on the fine-tuned weights each time.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BeatSet } from '../beats/dataset';
import { trainBeatModel, type EpochLog, type TrainHooks, type TrainOptions } from '../beats/train';
import { countFlops, type PruneSizes } from './flops';
import { modelConfigOf, pruneModel, type PrunedModel } from './prune';

/** Fine-tunes `model` in place for `epochs` epochs; `stage` counts from 1. */
export type FineTune = (model: tf.LayersModel, stage: number, epochs: number) => Promise<void>;

export interface StageLog {
  stage: number;
  sizes: PruneSizes;
  flops: number;
  params: number;
  epochs: number;
}

export interface ScheduleResult extends Omit<PrunedModel, 'kept'> {
  stages: StageLog[];
}

/**
 * Sizes after each of `stages` stages: size_s = round(from · (to/from)^(s/stages)), never
 * below the final size and never growing; the last stage is exactly `to`.
 */
export function stageSizes(from: PruneSizes, to: PruneSizes, stages: number): PruneSizes[] {
  if (!Number.isInteger(stages) || stages < 1) throw new RangeError('stages must be ≥ 1');
  const at = (a: number, b: number, s: number): number =>
    s === stages ? b : Math.max(b, Math.min(a, Math.round(a * Math.pow(b / a, s / stages))));
  return Array.from({ length: stages }, (_, i) => ({
    convFilters: from.convFilters.map((f, j) => at(f, to.convFilters[j], i + 1)),
    denseUnits: at(from.denseUnits, to.denseUnits, i + 1),
    rrUnits: at(from.rrUnits, to.rrUnits, i + 1),
    headUnits: at(from.headUnits, to.headUnits, i + 1),
  }));
}

/** Prune → fine-tune, `stages` times. `model` is not changed; the result is a new model. */
export async function multistagePrune(
  model: tf.LayersModel,
  target: PruneSizes,
  stages: number,
  epochsPerStage: number,
  fineTune: FineTune,
): Promise<ScheduleResult> {
  const logs: StageLog[] = [];
  let current: PrunedModel | null = null;
  for (const [i, sizes] of stageSizes(modelConfigOf(model), target, stages).entries()) {
    const next = pruneModel(current?.model ?? model, sizes);
    current?.model.dispose();
    current = next;
    await fineTune(current.model, i + 1, epochsPerStage);
    logs.push(stageLog(i + 1, current, epochsPerStage));
  }
  return { model: current!.model, config: current!.config, stages: logs };
}

/** Prune to `target` at once, then fine-tune for `epochs`. `model` is not changed. */
export async function oneShotPrune(
  model: tf.LayersModel,
  target: PruneSizes,
  epochs: number,
  fineTune: FineTune,
): Promise<ScheduleResult> {
  const pruned = pruneModel(model, target);
  await fineTune(pruned.model, 1, epochs);
  return { model: pruned.model, config: pruned.config, stages: [stageLog(1, pruned, epochs)] };
}

function stageLog(stage: number, p: PrunedModel, epochs: number): StageLog {
  const cost = countFlops(p.config);
  const { convFilters, denseUnits, rrUnits, headUnits } = p.config;
  return {
    stage,
    sizes: { convFilters, denseUnits, rrUnits, headUnits },
    flops: cost.flops,
    params: cost.params,
    epochs,
  };
}

/**
 * A FineTune that runs trainBeatModel on `train` (no validation set: every stage trains its
 * fixed number of epochs, so a hold-out run and the final run on all of DS1 do the same thing).
 * Each stage gets its own seed so stages do not replay the same batches. `hooks` (e.g. the
 * adversarial `transformBatch` of main/ml/robust) are passed to every stage's training.
 */
export function fineTuneWith(
  train: BeatSet,
  opts: TrainOptions,
  onEpoch: (stage: number, log: EpochLog) => void = () => {},
  hooks: TrainHooks = {},
): FineTune {
  return async (model, stage, epochs) => {
    const seed = opts.seed + 1000 * stage;
    await trainBeatModel(
      model,
      train,
      null,
      { ...opts, seed, epochs },
      (l) => onEpoch(stage, l),
      hooks,
    );
  };
}
