import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../main/ml/runtime';
import { missingKernels, TRAINING_KERNELS } from '../../../main/ml/kernels/register';
import { conv2dFilterGrad, conv2dInputGrad } from '../../../main/ml/kernels/conv2d-grads';
import { UnsupportedConvError } from '../../../main/ml/kernels/conv-geometry';

type Shape4 = [number, number, number, number];

/** Deterministic pseudo-random data (mulberry32), so failures reproduce. */
function randomData(n: number, seed: number): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  }
  return out;
}

const size = (s: number[]): number => s.reduce((a, b) => a * b, 1);

interface ConvCase {
  x: Shape4;
  f: Shape4;
  stride: number | [number, number];
  pad: 'same' | 'valid';
}

/** Gradients of sum(conv(x, f) * w) for a fixed random w (so every output element matters). */
async function convGrads(
  backend: string,
  c: ConvCase,
  seed: number,
): Promise<[Float32Array, Float32Array]> {
  await tf.setBackend(backend);
  const x = tf.tensor4d(randomData(size(c.x), seed), c.x);
  const f = tf.tensor4d(randomData(size(c.f), seed + 1), c.f);
  const outShape = tf.conv2d(x, f, c.stride, c.pad).shape;
  const w = tf.tensor(randomData(size(outShape), seed + 2), outShape);
  const g = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
    tf
      .conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad)
      .mul(w)
      .sum(),
  );
  const [gx, gf] = g([x, f]);
  const res: [Float32Array, Float32Array] = [
    (await gx.data()) as Float32Array,
    (await gf.data()) as Float32Array,
  ];
  tf.dispose([x, f, w, gx, gf]);
  return res;
}

function relDiff(a: Float32Array, b: Float32Array): number {
  let maxAbs = 1e-12;
  let maxDiff = 0;
  for (let i = 0; i < a.length; i++) {
    maxAbs = Math.max(maxAbs, Math.abs(b[i]));
    maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
  }
  return maxDiff / maxAbs;
}

describe('wasm training kernels', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('every kernel the beat model trains with exists on wasm', () => {
    expect(missingKernels(TRAINING_KERNELS)).toEqual([]);
  });

  const cases: ConvCase[] = [
    { x: [3, 1, 37, 2], f: [1, 7, 2, 5], stride: 1, pad: 'same' },
    { x: [3, 1, 37, 2], f: [1, 7, 2, 5], stride: 1, pad: 'valid' },
    { x: [2, 1, 40, 4], f: [1, 5, 4, 3], stride: [1, 2], pad: 'same' },
    { x: [2, 1, 41, 4], f: [1, 4, 4, 3], stride: [1, 2], pad: 'valid' },
    { x: [2, 1, 41, 4], f: [1, 3, 4, 3], stride: [1, 3], pad: 'same' },
    { x: [2, 9, 11, 3], f: [3, 2, 3, 4], stride: 2, pad: 'same' },
    { x: [2, 9, 11, 3], f: [2, 3, 3, 4], stride: [2, 1], pad: 'valid' },
  ];
  cases.forEach((c, i) => {
    it(`conv2d gradients match cpu: x ${c.x} f ${c.f} stride ${c.stride} ${c.pad}`, async () => {
      const [wx, wf] = await convGrads('wasm', c, 100 + i * 10);
      const [cx, cf] = await convGrads('cpu', c, 100 + i * 10);
      await tf.setBackend('wasm');
      expect(relDiff(wx, cx)).toBeLessThan(1e-4);
      expect(relDiff(wf, cf)).toBeLessThan(1e-4);
    });
  });

  it('maxPool1d gradient matches cpu, including ties and a ragged tail', async () => {
    const shape: Shape4 = [2, 11, 1, 3];
    const data = randomData(size(shape), 7).map((v, i) => (i % 5 === 0 ? 0 : Math.max(0, v))); // ReLU-like ties
    const grad = async (backend: string): Promise<Float32Array> => {
      await tf.setBackend(backend);
      const x = tf.tensor4d(data, shape);
      const w = tf.tensor(randomData(2 * 5 * 3, 8), [2, 5, 1, 3]);
      const g = tf.grad((a: tf.Tensor) =>
        tf
          .maxPool(a as tf.Tensor4D, [2, 1], [2, 1], 'valid')
          .mul(w)
          .sum(),
      )(x);
      const out = (await g.data()) as Float32Array;
      tf.dispose([x, w, g]);
      return out;
    };
    const cpu = await grad('cpu');
    const wasm = await grad('wasm');
    expect(relDiff(wasm, cpu)).toBeLessThan(1e-6);
  });

  it('refuses configurations it cannot compute instead of returning wrong numbers', () => {
    const x = tf.zeros([1, 1, 10, 1]) as tf.Tensor4D;
    const dy = tf.zeros([1, 1, 12, 1]) as tf.Tensor4D;
    const wide:
      ConvCase['pad'] | [[number, number], [number, number], [number, number], [number, number]] = [
      [0, 0],
      [0, 0],
      [3, 3],
      [0, 0],
    ];
    expect(() => conv2dFilterGrad(x, dy, [1, 3, 1, 1], { strides: 1, pad: wide })).toThrow(
      UnsupportedConvError,
    );
    expect(() =>
      conv2dInputGrad(dy, tf.zeros([1, 3, 1, 1]) as tf.Tensor4D, [1, 1, 10, 1], {
        strides: 1,
        pad: 'same',
        dataFormat: 'NCHW',
      }),
    ).toThrow(UnsupportedConvError);
  });
});
