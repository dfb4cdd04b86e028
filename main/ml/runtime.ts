/**
 * TensorFlow.js backend selection for Node and Electron's main process (no Electron imports).
 *
 * Order: tfjs-node (native libtensorflow, only if someone installed it; we never depend on it
 * because its install downloads libtensorflow) → wasm (XNNPACK + SIMD; one thread in Node) →
 * cpu (plain JS; ~200x slower to train the beat model: 15 vs 3000 samples/s on 2 cores).
 * The wasm backend cannot train convolutions out of the box (no Conv2DBackpropFilter, slow
 * Conv2DBackpropInput), so choosing it also registers the replacement kernels in ./kernels.
 */
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './kernels/register';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface BackendChoice {
  backend: string;
  /** Why the preferred backend was not used, when it was not. */
  reason?: string;
}

export interface InitOptions {
  /** Folder holding tfjs-backend-wasm's .wasm files; default: the installed package's dist/. */
  wasmDir?: string;
}

const ORDER: BackendName[] = ['tensorflow', 'wasm', 'cpu'];
const localRequire = createRequire(__filename);

/**
 * Initialises the first backend that works, starting at `prefer` (default: the fastest) and
 * falling back down ORDER. Idempotent: calling again with the same backend is cheap.
 */
export async function initBackend(
  prefer?: BackendName,
  opts: InitOptions = {},
): Promise<BackendChoice> {
  const start = prefer ? ORDER.indexOf(prefer) : 0;
  if (start < 0) throw new RangeError(`unknown backend "${String(prefer)}"`);
  const reasons: string[] = [];
  for (const name of ORDER.slice(start)) {
    const failure = await tryBackend(name, opts);
    if (failure === null) {
      return reasons.length > 0
        ? { backend: tf.getBackend(), reason: reasons.join('; ') }
        : { backend: tf.getBackend() };
    }
    reasons.push(`${name}: ${failure}`);
  }
  throw new Error(`no TensorFlow.js backend could start (${reasons.join('; ')})`);
}

/** Returns null on success, else why the backend could not be used. */
async function tryBackend(name: BackendName, opts: InitOptions): Promise<string | null> {
  try {
    if (name === 'tensorflow' && !loadTfjsNode()) return 'not installed';
    if (name === 'wasm') {
      setWasmPathsOnce(opts.wasmDir ?? defaultWasmDir());
      registerWasmTrainingKernels();
    }
    // engine().backendName, not getBackend(): the latter would auto-initialise some backend.
    if (tf.engine().backendName === name) return null;
    const ok = await tf.setBackend(name);
    if (!ok) return 'failed to initialise';
    await tf.ready();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Guarded require: tfjs-node is optional and absent in this project's installs. */
function loadTfjsNode(): boolean {
  if (tf.findBackend('tensorflow')) return true;
  const moduleName = '@tensorflow/tfjs-node'; // a variable, so bundlers do not try to resolve it
  try {
    localRequire(moduleName);
    return tf.findBackend('tensorflow') !== null;
  } catch {
    return false;
  }
}

let wasmPathsSet = false;
function setWasmPathsOnce(dir: string): void {
  if (wasmPathsSet) return;
  // A prefix ending in the separator: Emscripten appends the file name and reads it with fs.
  setWasmPaths(dir.endsWith(sep) || dir.endsWith('/') ? dir : dir + sep);
  wasmPathsSet = true;
}

/** dist/ of the installed tfjs-backend-wasm (its "main" lives there next to the .wasm files). */
export function defaultWasmDir(): string {
  return dirname(localRequire.resolve('@tensorflow/tfjs-backend-wasm'));
}
