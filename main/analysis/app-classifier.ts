/**
 * The shipped beat model as the analysis's `BeatClassifier`: finds the model folder under
 * resources/models, starts the fastest TensorFlow.js backend, and classifies the analysed lead.
 * Models are optional at run time: without one the analysis still finds beats, measures and
 * calls the rhythm, and says that no beat model was used.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findProjectRoot } from '../config/project-root';
import type { ParsedRecording } from '../formats/types';
import { classifyBeats, loadBeatModel } from '../ml/beats/classify';
import { initBackend } from '../ml/runtime';
import type { Store } from '../store';
import { leadMillivolts } from './signal';
import type { BeatClass, BeatClassifier, ClassifiedBeat } from './classifier';

export type ModelChoice = 'full' | 'pruned' | 'auto';

/** resources/models of the checkout (or ECG_DESK_MODELS). */
export function modelsDir(): string {
  const fromEnv = process.env.ECG_DESK_MODELS;
  if (fromEnv && fromEnv.trim() !== '') return fromEnv;
  return join(findProjectRoot() ?? process.cwd(), 'resources', 'models');
}

/** The model folder for a choice; "auto" prefers the full model until a pruned one ships. */
export function beatModelDir(choice: ModelChoice, root: string = modelsDir()): string | null {
  const order =
    choice === 'pruned'
      ? ['beat-pruned']
      : choice === 'full'
        ? ['beat-full']
        : ['beat-full', 'beat-pruned'];
  for (const name of order) {
    const dir = join(root, name);
    if (existsSync(join(dir, 'model.json'))) return dir;
  }
  return null;
}

/** The version string of a model folder: "<folder name>@<release>" (release 1.0.0 by default). */
export function modelFolderVersion(dir: string): string {
  let release = '1.0.0';
  try {
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as {
      training?: { release?: unknown };
    };
    if (config.training?.release !== undefined) release = String(config.training.release);
  } catch {
    // unreadable config: loading the model will say why
  }
  return `${basename(dir)}@${release}`;
}

/** The full model shipped with the app (resources/models/beat-full), if present. */
export function shippedModel(): { dir: string; version: string } | null {
  const dir = beatModelDir('full');
  return dir ? { dir, version: modelFolderVersion(dir) } : null;
}

export interface ClassifierOptions {
  /**
   * The store whose ACTIVE model version (main/ml/finetune, `active_model`) to use: its folder
   * when a fine-tuned version is active, the shipped model otherwise. Ignored for "pruned".
   */
  store?: Store;
}

/** The folder and version of the store's active fine-tuned model, or null (shipped model). */
export function activeModelFolder(store: Store): { dir: string; version: string } | null {
  const active = store.models.active();
  if (!active || active.folder === null) return null;
  if (!existsSync(join(active.folder, 'model.json')))
    throw new Error(`the active beat model ${active.version} is missing from ${active.folder}`);
  return { dir: active.folder, version: active.version };
}

export async function loadAppClassifier(
  choice: ModelChoice,
  opts: ClassifierOptions = {},
): Promise<BeatClassifier | null> {
  const active = opts.store && choice !== 'pruned' ? activeModelFolder(opts.store) : null;
  const dir = active?.dir ?? beatModelDir(choice);
  if (!dir) return null;
  const { backend } = await initBackend();
  const model = await loadBeatModel(dir);
  const version = active?.version ?? modelFolderVersion(dir);
  return {
    version,
    backend,
    classify: (recording: ParsedRecording, leadIndex: number, beatSamples: Int32Array) =>
      Promise.resolve(
        classifyBeats(
          model,
          leadMillivolts(recording.leads[leadIndex]),
          recording.fs,
          beatSamples,
        ).map((r): ClassifiedBeat => ({
          label: r.label as BeatClass,
          confidence: r.confidence,
          probs: Object.fromEntries(model.labels.map((l, i) => [l, r.probs[i]])) as Record<
            BeatClass,
            number
          >,
        })),
      ),
  };
}
