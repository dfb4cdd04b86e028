/**
 * The robust DS1 hold-out reference: the hold-out reference (main/ml/prune/holdout.ts)
 * fine-tuned adversarially exactly as scripts/train-robust.ts fine-tunes beat-full, so that
 * choices made after beat-robust (e.g. pruning it) compare against a like-for-like model that
 * never saw the held-out records. Cached in a folder keyed by the facts that define it.
 */
import type * as tf from '@tensorflow/tfjs';
import type { BeatModelConfig } from '../beats/model';
import { trainBeatModel, type EpochLog, type TrainOptions } from '../beats/train';
import { cachedBeatModel, type HoldOut } from '../prune/holdout';
import { copyModel } from '../prune/prune';
import { adversarialBatches, type AdversarialOptions } from './adversarial';

/**
 * `ref` (the hold-out reference, not changed) copied and fine-tuned on the hold-out's training
 * records with `opts` and mixed PGD batches; loaded from `cacheDir` when the same facts match.
 */
export async function robustHoldOutReference(
  ref: tf.LayersModel,
  split: HoldOut,
  config: BeatModelConfig,
  opts: TrainOptions,
  adversarial: AdversarialOptions,
  cacheDir: string,
  onEpoch: (log: EpochLog) => void = () => {},
): Promise<tf.LayersModel> {
  const facts = { holdOut: split.records, options: opts, adversarial };
  return cachedBeatModel(cacheDir, config, facts, async () => {
    const model = copyModel(ref);
    await trainBeatModel(model, split.train, null, opts, onEpoch, {
      transformBatch: adversarialBatches(adversarial),
    });
    return model;
  });
}
