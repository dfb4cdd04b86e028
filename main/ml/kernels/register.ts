/**
 * Registers ECG Desk's training kernels on the wasm backend: Conv2DBackpropFilter (missing in
 * tfjs-backend-wasm 4.22, so training any conv fails) and Conv2DBackpropInput (present but ~9x
 * slower than a forward conv). Every other op our training uses already has a wasm kernel; see
 * TRAINING_KERNELS and missingWasmKernels().
 *
 * The kernels are written with tf ops. That is allowed inside a kernel: the engine turns the
 * gradient tape off while a kernel runs (kernelDepth > 0), and tf.tidy frees the intermediates.
 */
import * as tf from '@tensorflow/tfjs';
import type { ConvGradAttrs } from './conv-geometry';
import { conv2dFilterGrad, conv2dInputGrad } from './conv2d-grads';

type Shape4 = [number, number, number, number];

/** Kernels the beat model's forward, backward and Adam steps run (checked by the tests). */
export const TRAINING_KERNELS = [
  'Conv2D',
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'BatchMatMul',
  'Add',
  'AddN',
  'Sub',
  'Multiply',
  'RealDiv',
  'Relu',
  'Step',
  'MaxPool',
  'MaxPoolGrad',
  'Reshape',
  'Concat',
  'Slice',
  'StridedSlice',
  'PadV2',
  'Reverse',
  'Transpose',
  'Sum',
  'Max',
  'Exp',
  'Log',
  'Neg',
  'Sqrt',
  'Square',
  'Maximum',
  'Cast',
  'Fill',
] as const;

let registered = false;

export function registerWasmTrainingKernels(): void {
  if (registered) return;
  replaceKernel('Conv2DBackpropFilter', ({ inputs, attrs }) => {
    const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
    const a = attrs as unknown as ConvGradAttrs & { filterShape: Shape4 }; // engine passes NamedAttrMap
    return conv2dFilterGrad(asTensor4D(x), asTensor4D(dy), a.filterShape, a);
  });
  replaceKernel('Conv2DBackpropInput', ({ inputs, attrs }) => {
    const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const a = attrs as unknown as ConvGradAttrs & { inputShape: Shape4 };
    return conv2dInputGrad(asTensor4D(dy), asTensor4D(filter), a.inputShape, a);
  });
  registered = true;
}

/** Names from `names` with no kernel registered for `backend`. */
export function missingKernels(names: readonly string[], backend = 'wasm'): string[] {
  return names.filter((n) => tf.getKernel(n, backend) === undefined);
}

function replaceKernel(kernelName: string, kernelFunc: tf.KernelFunc): void {
  if (tf.getKernel(kernelName, 'wasm')) tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
}

/** Ops hand kernels real Tensors; anything else would mean an engine path we never tested. */
function asTensor4D(t: tf.TensorInfo): tf.Tensor4D {
  if (!(t instanceof tf.Tensor) || t.rank !== 4) throw new Error('ECG Desk conv kernels expect rank-4 Tensor inputs');
  return t as tf.Tensor4D;
}
