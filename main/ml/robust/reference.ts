/**
 * The robust DS1 hold-out reference: the hold-out reference (main/ml/prune/holdout.ts)
 * fine-tuned adversarially exactly as scripts/train-robust.ts fine-tunes beat-full, so that
 * choices made after beat-robust (e.g. pruning it) compare against a like-for-like model that
 * never saw the held-out records. Cached in a folder keyed by the facts that define it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { BEAT_CLASSES } from '../beats/labels';
import {
  INPUT_CONTRACT,
  loadBeatModelDir,
  saveBeatModel,
  type BeatModelConfig,
} from '../beats/model';
import { trainBeatModel, type EpochLog, type TrainOptions } from '../beats/train';
import type { HoldOut } from '../prune/holdout';
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
  if (readFacts(cacheDir) === JSON.stringify({ model: config, ...facts })) {
    return (await loadBeatModelDir(cacheDir)).model;
  }
  const model = copyModel(ref);
  await trainBeatModel(model, split.train, null, opts, onEpoch, {
    transformBatch: adversarialBatches(adversarial),
  });
  await saveBeatModel(model, cacheDir, {
    version: 1,
    labels: [...BEAT_CLASSES],
    input: INPUT_CONTRACT,
    model: config,
    training: facts,
  });
  return model;
}

function readFacts(dir: string): string | null {
  const path = join(dir, 'config.json');
  if (!existsSync(path)) return null;
  try {
    const c = JSON.parse(readFileSync(path, 'utf8')) as {
      model?: unknown;
      training?: Record<string, unknown>;
    };
    return JSON.stringify({ model: c.model, ...c.training });
  } catch {
    return null;
  }
}
