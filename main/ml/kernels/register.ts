/**
 * Registers ECG Desk's training kernels on the wasm backend: Conv2DBackpropFilter (missing in
 * tfjs-backend-wasm 4.22, so training any conv fails), Conv2DBackpropInput (present but ~9x
 * slower than a forward conv) and MaxPoolGrad (present but scalar; replaced for 1-D pooling
 * only, other configs go to the stock kernel). Every other op our training uses already has a
 * wasm kernel; see TRAINING_KERNELS and missingKernels().
 *
 * The kernels are written with tf ops. That is allowed inside a kernel: the engine turns the
 * gradient tape off while a kernel runs (kernelDepth > 0), and tf.tidy frees the intermediates.
 */
import * as tf from '@tensorflow/tfjs';
import type { ConvGradAttrs } from './conv-geometry';
import { conv2dFilterGrad, conv2dInputGrad } from './conv2d-grads';
import { fastMaxPoolGeometry, maxPoolGrad1d, type MaxPoolGradAttrs } from './maxpool-grad';

type Shape4 = [number, number, number, number];

/**
 * Kernels one training step of the beat model runs on wasm (forward, backward, Adam, dropout,
 * the loss), as listed by tf.profile over trainBeatModel; checked by the tests.
 */
export const TRAINING_KERNELS = [
  'Add',
  'AddN',
  'BatchMatMul',
  'Cast',
  'ClipByValue',
  'Concat',
  'Conv2D',
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'Equal',
  'Floor',
  'GreaterEqual',
  'Identity',
  'LessEqual',
  'Log',
  'LogicalAnd',
  'MaxPool',
  'MaxPoolGrad',
  'Mean',
  'Multiply',
  'Neg',
  'OneHot',
  'PadV2',
  'RealDiv',
  'Relu',
  'Reshape',
  'Reverse',
  'Select',
  'Slice',
  'Softmax',
  'SplitV',
  'Sqrt',
  'Square',
  'Step',
  'Sub',
  'Sum',
  'Transpose',
  'ZerosLike',
  '_FusedMatMul',
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
  const stockMaxPoolGrad = tf.getKernel('MaxPoolGrad', 'wasm');
  replaceKernel(
    'MaxPoolGrad',
    (args) => {
      const { dy, input, output } = args.inputs as {
        dy: tf.TensorInfo;
        input: tf.TensorInfo;
        output: tf.TensorInfo;
      };
      const geom = fastMaxPoolGeometry(
        input.shape as Shape4,
        args.attrs as unknown as MaxPoolGradAttrs,
      );
      if (geom) return maxPoolGrad1d(asTensor4D(dy), asTensor4D(input), asTensor4D(output), geom);
      if (!stockMaxPoolGrad)
        throw new Error('MaxPoolGrad: only 1-D non-overlapping pooling is supported on wasm');
      return stockMaxPoolGrad.kernelFunc(args) as tf.TensorInfo;
    },
    stockMaxPoolGrad?.setupFunc,
  );
  registered = true;
}

/** Names from `names` with no kernel registered for `backend`. */
export function missingKernels(names: readonly string[], backend = 'wasm'): string[] {
  return names.filter((n) => tf.getKernel(n, backend) === undefined);
}

/**
 * Swaps in our kernel. `setupFunc` keeps the stock kernel's wasm bindings alive when we fall
 * back to it (the engine runs setup functions of registered kernels at backend init).
 */
function replaceKernel(
  kernelName: string,
  kernelFunc: tf.KernelFunc,
  setupFunc?: tf.KernelSetupFunc,
): void {
  if (tf.getKernel(kernelName, 'wasm')) tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({
    kernelName,
    backendName: 'wasm',
    kernelFunc,
    ...(setupFunc ? { setupFunc } : {}),
  });
}

/** Ops hand kernels real Tensors; anything else would mean an engine path we never tested. */
function asTensor4D(t: tf.TensorInfo): tf.Tensor4D {
  if (!(t instanceof tf.Tensor) || t.rank !== 4)
    throw new Error('ECG Desk conv kernels expect rank-4 Tensor inputs');
  return t as tf.Tensor4D;
}
