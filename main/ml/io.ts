/**
 * Saving and loading tfjs Layers models as files (model.json + weights.bin), without tfjs-node
 * (whose file:// handler is the only built-in one for Node). The layout is the standard tfjs
 * one, so the same folder loads in a browser with tf.loadLayersModel(url).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

export async function saveLayersModel(model: tf.LayersModel, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      if (!artifacts.weightSpecs || !artifacts.weightData)
        throw new Error('model has no weights to save');
      const weights = tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const json: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology as object,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs }],
      };
      writeFileSync(join(dir, WEIGHTS_BIN), new Uint8Array(weights));
      writeFileSync(join(dir, MODEL_JSON), JSON.stringify(json));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
}

export async function loadLayersModelFromDir(dir: string): Promise<tf.LayersModel> {
  const json = JSON.parse(readFileSync(join(dir, MODEL_JSON), 'utf8')) as tf.io.ModelJSON;
  const manifest = json.weightsManifest ?? [];
  const specs = manifest.flatMap((g) => g.weights);
  // Paths are written by us, but read them as untrusted: plain file names in `dir` only.
  const buffers = manifest
    .flatMap((g) => g.paths)
    .map((p) => {
      if (!/^[\w.-]+$/.test(p)) throw new Error(`${MODEL_JSON}: refusing weights path "${p}"`);
      const b = readFileSync(join(dir, p));
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    });
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: specs,
      weightData: tf.io.CompositeArrayBuffer.join(buffers),
      format: json.format,
      generatedBy: json.generatedBy,
      convertedBy: json.convertedBy,
    }),
  );
}

/** What every saved model folder's config.json holds besides its own fields. */
interface FolderConfig {
  labels?: string[];
  input?: unknown;
}

/**
 * Reads labels.json and config.json of a model folder and refuses it unless its labels equal
 * `expectedLabels` (in both files) and it was trained with this code's `inputContract`.
 * `kind` names the model in the messages ("beat model", "record model").
 */
export function readCheckedFolderConfig<C extends FolderConfig>(
  dir: string,
  kind: string,
  expectedLabels: readonly string[],
  inputContract: unknown,
): { labels: string[]; config: C } {
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as unknown;
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as C;
  if (!Array.isArray(labels) || labels.join(',') !== expectedLabels.join(','))
    throw new Error(
      `${kind} labels ${JSON.stringify(labels)} differ from the expected ${JSON.stringify(expectedLabels)}`,
    );
  if (config.labels?.join(',') !== labels.join(','))
    throw new Error(`${kind}: labels.json and config.json disagree`);
  if (JSON.stringify(config.input) !== JSON.stringify(inputContract))
    throw new Error(
      `${kind} was trained with different preprocessing: ${JSON.stringify(config.input)}`,
    );
  return { labels: labels as string[], config };
}
