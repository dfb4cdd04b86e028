import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../../main/ml/runtime';

describe('initBackend', () => {
  it('falls back from tfjs-node (not installed here) to wasm and says why', async () => {
    const choice = await initBackend();
    expect(choice.backend).toBe('wasm');
    expect(choice.reason).toMatch(/tensorflow: not installed/);
    expect(tf.getBackend()).toBe('wasm');
  });

  it('honours an explicit preference and reports no reason when it got it', async () => {
    expect(await initBackend('cpu')).toEqual({ backend: 'cpu' });
    expect(await initBackend('wasm')).toEqual({ backend: 'wasm' });
  });

  it('rejects unknown names', async () => {
    // @ts-expect-error: deliberately wrong at runtime
    await expect(initBackend('webgpu')).rejects.toThrow(RangeError);
  });

  it('does not leak tensors across repeated inference in tf.tidy', async () => {
    await initBackend('wasm');
    const model = tf.sequential({
      layers: [
        tf.layers.conv1d({
          inputShape: [32, 1],
          filters: 4,
          kernelSize: 5,
          padding: 'same',
          activation: 'relu',
        }),
        tf.layers.maxPooling1d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    const x = tf.randomNormal([8, 32, 1]);
    const run = (): Float32Array =>
      tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync() as Float32Array);
    run(); // first call may create lazily-initialised state
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) run();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  });
});
