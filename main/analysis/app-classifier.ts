/**
 * The shipped beat model as the analysis's `BeatClassifier`: finds the model folder under
 * resources/models, starts the fastest TensorFlow.js backend, and classifies the analysed lead.
 * Models are optional at run time: without one the analysis still finds beats, measures and
 * calls the rhythm, and says that no beat model was used.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '../config/project-root';
import type { ParsedRecording } from '../formats/types';
import { classifyBeats, loadBeatModel } from '../ml/beats/classify';
import { initBackend } from '../ml/runtime';
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

export async function loadAppClassifier(choice: ModelChoice): Promise<BeatClassifier | null> {
  const dir = beatModelDir(choice);
  if (!dir) return null;
  const { backend } = await initBackend();
  const model = await loadBeatModel(dir);
  const name = dir.split(/[\\/]/).pop() ?? 'beat';
  const version = `${name}@${String(model.config.training?.release ?? '1.0.0')}`;
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
