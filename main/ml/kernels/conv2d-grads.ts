/**
 * Conv2D gradients built only from ops that are fast on the wasm backend (forward conv2d via
 * XNNPACK, slice, concat, pad, transpose, reverse).
 *
 * dFilter: dW[kh,kw,ci,co] = Σ_{b,i,j} xp[b, i*sH+kh, j*sW+kw, ci] · dy[b,i,j,co] is itself a
 *   forward conv: the padded input with batch and channels swapped ([Ci, Hp, Wp, B]) convolved
 *   with dy used as a filter ([Ho, Wo, B, Co]) dilated by the forward stride. One XNNPACK conv
 *   (measured 16 ms vs 56 ms for im2col + transposed matMul at 256x36x32, and no strided
 *   slices, which are very slow on wasm).
 * dInput: the transposed convolution — dy dilated by the stride (s-1 zeros between samples),
 *   convolved ("full" padding minus the forward padding) with the filter rotated 180° in space
 *   and with in/out channels swapped. One forward conv2d.
 * Both are exact (same sums, different order), so they match the cpu backend to float error.
 */
import * as tf from '@tensorflow/tfjs';
import { convGeometry, type ConvGeometry, type ConvGradAttrs } from './conv-geometry';

type Shape4 = [number, number, number, number];

/** Gradient of conv2d with respect to its filter. */
export function conv2dFilterGrad(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: Shape4,
  attrs: ConvGradAttrs,
): tf.Tensor4D {
  const g = convGeometry('Conv2DBackpropFilter', x.shape, filterShape, attrs);
  checkDy('Conv2DBackpropFilter', dy, g);
  return tf.tidy(() => {
    // Only the input span the forward conv actually read: (out - 1) * stride + kernel.
    const xp = cropTo(
      padInput(x, g),
      (g.outH - 1) * g.strideH + g.kH,
      (g.outW - 1) * g.strideW + g.kW,
    );
    // Batch becomes channels and input channels become batch: [Ci, Hp, Wp, B].
    const xt = xp.transpose([3, 1, 2, 0]) as tf.Tensor4D;
    // dy as a filter [Ho, Wo, B, Co], its taps spaced by the forward stride (dilation).
    const ft = dy.transpose([1, 2, 0, 3]) as tf.Tensor4D;
    const dw = tf.conv2d(xt, ft, 1, 'valid', 'NHWC', [g.strideH, g.strideW]); // [Ci, KH, KW, Co]
    return dw.transpose([1, 2, 0, 3]) as tf.Tensor4D;
  });
}

/** Gradient of conv2d with respect to its input. */
export function conv2dInputGrad(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  inputShape: Shape4,
  attrs: ConvGradAttrs,
): tf.Tensor4D {
  const g = convGeometry('Conv2DBackpropInput', inputShape, filter.shape, attrs);
  checkDy('Conv2DBackpropInput', dy, g);
  return tf.tidy(() => {
    const dyd = dilate(dilate(dy, 1, g.strideH), 2, g.strideW);
    const rotated = tf.reverse(filter, [0, 1]).transpose([0, 1, 3, 2]) as tf.Tensor4D;
    const top = g.kH - 1 - g.padTop;
    const left = g.kW - 1 - g.padLeft;
    // Chosen so the output is exactly inH x inW; inputs the forward conv never read get 0.
    const bottom = g.inH + g.kH - 1 - dyd.shape[1] - top;
    const right = g.inW + g.kW - 1 - dyd.shape[2] - left;
    return tf.conv2d(dyd, rotated, 1, [
      [0, 0],
      [top, bottom],
      [left, right],
      [0, 0],
    ]);
  });
}

function checkDy(kernel: string, dy: tf.Tensor4D, g: ConvGeometry): void {
  const want = [g.batch, g.outH, g.outW, g.outC];
  if (dy.shape.some((d, i) => d !== want[i]))
    throw new Error(
      `${kernel}: dy shape [${dy.shape.join(',')}] does not match the conv's output [${want.join(',')}]`,
    );
}

function padInput(x: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
  if (g.padTop + g.padBottom + g.padLeft + g.padRight === 0) return x;
  return tf.pad(x, [
    [0, 0],
    [g.padTop, g.padBottom],
    [g.padLeft, g.padRight],
    [0, 0],
  ]);
}

function cropTo(x: tf.Tensor4D, h: number, w: number): tf.Tensor4D {
  if (x.shape[1] === h && x.shape[2] === w) return x;
  return tf.slice(x, [0, 0, 0, 0], [x.shape[0], h, w, x.shape[3]]);
}

/** Inserts (s - 1) zeros between consecutive samples along `axis` (1 = height, 2 = width). */
function dilate(t: tf.Tensor4D, axis: 1 | 2, s: number): tf.Tensor4D {
  if (s === 1) return t;
  const [b, h, w, c] = t.shape;
  const n = axis === 1 ? h : w;
  // Interleave via an extra axis of size s right after `axis`, then merge the two.
  const withSlot = axis === 1 ? t.reshape([b, h, 1, w, c]) : t.reshape([b, h, w, 1, c]);
  const zerosShape = axis === 1 ? [b, h, s - 1, w, c] : [b, h, w, s - 1, c];
  const merged = tf.concat([withSlot, tf.zeros(zerosShape)], axis + 1);
  const full: tf.Tensor4D =
    axis === 1 ? merged.reshape([b, h * s, w, c]) : merged.reshape([b, h, w * s, c]);
  const keep = (n - 1) * s + 1;
  return axis === 1
    ? tf.slice(full, [0, 0, 0, 0], [b, keep, w, c])
    : tf.slice(full, [0, 0, 0, 0], [b, h, keep, c]);
}
