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
import { classifyBeats, loadBeatModel, type BeatModel } from '../ml/beats/classify';
import { initBackend } from '../ml/runtime';
import { machineProfile, type MachineProfile } from '../config/machine';
import type { Store } from '../store';
import { leadMillivolts } from './signal';
import type { BeatClass, BeatClassifier, ClassifiedBeat } from './classifier';
import {
  resolveModelChoice,
  type BeatModelKind,
  type BeatModelSetting,
  type ResolvedModelChoice,
} from './model-choice';

export type ModelChoice = BeatModelSetting;

/** resources/models of the checkout (or ECG_DESK_MODELS). */
export function modelsDir(): string {
  const fromEnv = process.env.ECG_DESK_MODELS;
  if (fromEnv && fromEnv.trim() !== '') return fromEnv;
  return join(findProjectRoot() ?? process.cwd(), 'resources', 'models');
}

/**
 * Model folders per kind, preferred first. "Full" is the full-size network: the adversarially
 * trained beat-robust when installed (chosen over the standard beat-full on a DS1 hold-out:
 * clean accuracy 97.1 vs 96.7 %, macro-F1 80.4 vs 76.6 %, PGD ε 0.05 89.2 vs 62.6 %; see its
 * MODEL_CARD.md), else beat-full. "Pruned" is beat-pruned.
 */
const FOLDERS: Record<BeatModelKind, readonly string[]> = {
  full: ['beat-robust', 'beat-full'],
  pruned: ['beat-pruned'],
};

/** The installed model folder of a kind, or null. */
export function beatModelDir(kind: BeatModelKind, root: string = modelsDir()): string | null {
  for (const name of FOLDERS[kind]) {
    const dir = join(root, name);
    if (existsSync(join(dir, 'model.json'))) return dir;
  }
  return null;
}

/** Which model a setting means on this machine (see model-choice.ts), or null when none is installed. */
export function chooseBeatModel(
  setting: ModelChoice,
  machine: MachineProfile = machineProfile(),
  root: string = modelsDir(),
): (ResolvedModelChoice & { dir: string }) | null {
  const dirs = { full: beatModelDir('full', root), pruned: beatModelDir('pruned', root) };
  const choice = resolveModelChoice(setting, machine, {
    full: dirs.full !== null,
    pruned: dirs.pruned !== null,
  });
  const dir = dirs[choice.model];
  return dir ? { ...choice, dir } : null;
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

/** The full-size model shipped with the app (beat-robust, else beat-full), if present. */
export function shippedModel(): { dir: string; version: string } | null {
  const dir = beatModelDir('full');
  return dir ? { dir, version: modelFolderVersion(dir) } : null;
}

export interface ClassifierOptions {
  /**
   * The store whose ACTIVE model version (main/ml/finetune, `active_model`) to use: its folder
   * when a fine-tuned version is active, the shipped model otherwise. Fine-tunes are of the
   * full model, so this applies only when the choice resolves to the full model.
   */
  store?: Store;
  /** This machine (cores, memory, battery); measured when absent. */
  machine?: MachineProfile;
}

/** The folder and version of the store's active fine-tuned model, or null (shipped model). */
export function activeModelFolder(store: Store): { dir: string; version: string } | null {
  const active = store.models.active();
  if (!active || active.folder === null) return null;
  if (!existsSync(join(active.folder, 'model.json')))
    throw new Error(`the active beat model ${active.version} is missing from ${active.folder}`);
  return { dir: active.folder, version: active.version };
}

/** A loaded beat model with what the app reports about it. */
export interface AppBeatModel {
  model: BeatModel;
  version: string;
  backend: string;
  choice: NonNullable<BeatClassifier['choice']>;
}

/**
 * The beat model a Full / Pruned / Auto setting means here (honouring the store's activated
 * fine-tune), loaded on the fastest backend; null when none is installed.
 */
export async function loadAppBeatModel(
  choice: ModelChoice,
  opts: ClassifierOptions = {},
): Promise<AppBeatModel | null> {
  // A fine-tune the site activated is a decision about its own patients: Full and Auto both
  // honour it (it is a full-size model); only an explicit Pruned setting bypasses it.
  const active = opts.store && choice !== 'pruned' ? activeModelFolder(opts.store) : null;
  const chosen = active
    ? {
        setting: choice,
        model: 'full' as const,
        reason: `${choice === 'auto' ? 'auto' : 'full'}: the site's fine-tuned model is active`,
        dir: active.dir,
      }
    : chooseBeatModel(choice, opts.machine ?? machineProfile());
  if (!chosen) return null;
  const { backend } = await initBackend();
  const model = await loadBeatModel(chosen.dir);
  return {
    model,
    version: active?.version ?? modelFolderVersion(chosen.dir),
    backend,
    choice: { setting: chosen.setting, model: chosen.model, reason: chosen.reason },
  };
}

export async function loadAppClassifier(
  choice: ModelChoice,
  opts: ClassifierOptions = {},
): Promise<BeatClassifier | null> {
  const loaded = await loadAppBeatModel(choice, opts);
  return loaded ? classifierFor(loaded) : null;
}

/** The analysis's BeatClassifier over a loaded model. */
export function classifierFor(loaded: AppBeatModel): BeatClassifier {
  const { model, version, backend } = loaded;
  return {
    version,
    backend,
    choice: loaded.choice,
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
