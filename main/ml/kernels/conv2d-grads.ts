/**
 * Conv2D gradients built only from ops that are fast on the wasm backend (forward conv2d via
 * XNNPACK, matMul, slice/stridedSlice, concat, pad, transpose, reverse).
 *
 * dFilter: im2col — KH*KW shifted (strided) slices of the padded input, concatenated along
 *   channels, give cols[B*Ho*Wo, KH*KW*Ci] whose column order matches the filter layout
 *   [KH, KW, Ci, Co]; then dW = colsᵀ · dy as ONE matMul.
 * dInput: the transposed convolution — dy dilated by the stride (s-1 zeros between samples),
 *   convolved ("full" padding minus the forward padding) with the filter rotated 180° in space
 *   and with in/out channels swapped. One forward conv2d.
 * Both are exact (same sums, different order), so they match the cpu backend to float error.
 */
import * as tf from '@tensorflow/tfjs';
import { convGeometry, type ConvGeometry, type ConvGradAttrs } from './conv-geometry';

type Shape4 = [number, number, number, number];

/** Gradient of conv2d with respect to its filter. */
export function conv2dFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: Shape4, attrs: ConvGradAttrs): tf.Tensor4D {
  const g = convGeometry('Conv2DBackpropFilter', x.shape, filterShape, attrs);
  checkDy('Conv2DBackpropFilter', dy, g);
  return tf.tidy(() => {
    const xp = padInput(x, g);
    const cols = im2col(xp, g);
    const rows = g.batch * g.outH * g.outW;
    const dw = tf.matMul(cols.reshape([rows, g.kH * g.kW * g.inC]), dy.reshape([rows, g.outC]), true, false);
    return dw.reshape(filterShape);
  });
}

/** Gradient of conv2d with respect to its input. */
export function conv2dInputGrad(dy: tf.Tensor4D, filter: tf.Tensor4D, inputShape: Shape4, attrs: ConvGradAttrs): tf.Tensor4D {
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
    throw new Error(`${kernel}: dy shape [${dy.shape.join(',')}] does not match the conv's output [${want.join(',')}]`);
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

/** [B, Ho, Wo, KH*KW*Ci]: for each filter tap, the input samples it multiplies. */
function im2col(xp: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
  const taps: tf.Tensor4D[] = [];
  const spanH = g.strideH * (g.outH - 1) + 1;
  const spanW = g.strideW * (g.outW - 1) + 1;
  for (let kh = 0; kh < g.kH; kh++) {
    for (let kw = 0; kw < g.kW; kw++) {
      if (g.strideH === 1 && g.strideW === 1) {
        taps.push(tf.slice(xp, [0, kh, kw, 0], [g.batch, g.outH, g.outW, g.inC]));
      } else {
        taps.push(
          tf.stridedSlice(xp, [0, kh, kw, 0], [g.batch, kh + spanH, kw + spanW, g.inC], [1, g.strideH, g.strideW, 1]) as tf.Tensor4D,
        );
      }
    }
  }
  return taps.length === 1 ? taps[0] : tf.concat(taps, 3);
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
  const full = axis === 1 ? merged.reshape([b, h * s, w, c]) : merged.reshape([b, h, w * s, c]);
  const keep = (n - 1) * s + 1;
  return axis === 1 ? tf.slice(full, [0, 0, 0, 0], [b, keep, w, c]) : tf.slice(full, [0, 0, 0, 0], [b, h, keep, c]);
}
