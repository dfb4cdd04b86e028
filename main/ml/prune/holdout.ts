/**
 * A DS1 record-level hold-out for choices made after the shipped model was trained (pruning
 * schedule, adversarial ε, ...). beat-full was trained on all of DS1, so its scores on any DS1
 * record are optimistic; choices are therefore made by repeating the procedure from a
 * reference model trained exactly like beat-full but without the held-out records, and
 * scoring on those records. DS2 is not involved.
 *
 * Training the reference takes minutes, so it is cached in a folder (keyed by the held-out
 * records, architecture and training options) and shared by the scripts that need it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { centreWindows } from '../beats/batches';
import { argmaxRows, predictProbs } from '../beats/classify';
import { concatSets, type BeatSet } from '../beats/dataset';
import { BEAT_CLASSES } from '../beats/labels';
import {
  buildBeatModel,
  INPUT_CONTRACT,
  loadBeatModelDir,
  saveBeatModel,
  type BeatModelConfig,
} from '../beats/model';
import { trainBeatModel, type EpochLog, type TrainOptions } from '../beats/train';
import { seedMathRandom } from '../seed';

export interface HoldOut {
  /** Held-out DS1 records. */
  records: string[];
  train: BeatSet;
  val: BeatSet;
}

export function holdOutSplit(sets: ReadonlyMap<string, BeatSet>, held: readonly string[]): HoldOut {
  const missing = held.filter((r) => !sets.has(r));
  if (missing.length) throw new Error(`hold-out records not loaded: ${missing.join(', ')}`);
  return {
    records: [...held],
    train: concatSets([...sets].filter(([r]) => !held.includes(r)).map(([, s]) => s)),
    val: concatSets(held.map((r) => sets.get(r)!)),
  };
}

/**
 * The reference model for a hold-out: built and trained like the shipped model (same config,
 * options and seed) on the hold-out's training records. Loaded from `cacheDir` when a model
 * trained with the same facts is there, else trained and saved there.
 */
export async function holdOutReference(
  split: HoldOut,
  config: BeatModelConfig,
  opts: TrainOptions,
  cacheDir: string,
  onEpoch: (log: EpochLog) => void = () => {},
): Promise<tf.LayersModel> {
  const facts = { holdOut: split.records, options: opts };
  return cachedBeatModel(cacheDir, config, facts, async () => {
    const restore = seedMathRandom(opts.seed);
    const model = buildBeatModel(config);
    restore();
    await trainBeatModel(model, split.train, null, opts, onEpoch);
    return model;
  });
}

/**
 * The beat model saved in `cacheDir` when it was made from the same `config` and `facts`
 * (the training facts in its config.json), else `make()`'s model, saved there with them.
 */
export async function cachedBeatModel(
  cacheDir: string,
  config: BeatModelConfig,
  facts: Record<string, unknown>,
  make: () => Promise<tf.LayersModel>,
): Promise<tf.LayersModel> {
  if (readFacts(cacheDir) === JSON.stringify({ model: config, ...facts })) {
    return (await loadBeatModelDir(cacheDir)).model;
  }
  const model = await make();
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

/**
 * Share of the set's beats on which two models choose the same class (argmax), overall and
 * among the beats the reference calls S or V: how faithfully a pruned model keeps the
 * unpruned one's decisions, labels aside.
 */
export function agreement(
  reference: tf.LayersModel,
  other: tf.LayersModel,
  set: BeatSet,
): { all: number; refSV: number } {
  const k = BEAT_CLASSES.length;
  const windows = centreWindows(set);
  const a = argmaxRows(predictProbs(reference, windows, set.rr, set.labels.length), k);
  const b = argmaxRows(predictProbs(other, windows, set.rr, set.labels.length), k);
  const S = BEAT_CLASSES.indexOf('S');
  const V = BEAT_CLASSES.indexOf('V');
  let same = 0;
  let sv = 0;
  let svSame = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) same++;
    if (a[i] === S || a[i] === V) {
      sv++;
      if (a[i] === b[i]) svSame++;
    }
  }
  return { all: same / Math.max(1, a.length), refSV: svSame / Math.max(1, sv) };
}
