/**
 * MaxPoolGrad for the common 1-D pooling case (window == stride along one axis, window 1 along
 * the other, 'valid' padding), which is what tf.layers.maxPooling1d produces. The stock wasm
 * kernel is scalar C++ (~30 % of a training step for the beat model); this version is a few
 * elementwise ops over contiguous slices.
 *
 * Exactness: like the cpu kernel, the gradient goes to the FIRST maximum of each window (ties
 * matter after ReLU, where whole windows are 0).
 */
import * as tf from '@tensorflow/tfjs';
import { backend_util } from '@tensorflow/tfjs';

export interface MaxPoolGradAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** Window geometry when this kernel applies, else null (caller falls back to the stock kernel). */
export function fastMaxPoolGeometry(
  inputShape: [number, number, number, number],
  attrs: MaxPoolGradAttrs,
) {
  const info = backend_util.computePool2DInfo(
    inputShape,
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const p = info.padInfo;
  if (p.top + p.bottom + p.left + p.right !== 0) return null;
  if (info.filterHeight !== info.strideHeight || info.filterWidth !== info.strideWidth) return null;
  if (info.filterHeight > 1 && info.filterWidth > 1) return null;
  return {
    alongHeight: info.filterHeight > 1,
    window: Math.max(info.filterHeight, info.filterWidth),
    outH: info.outHeight,
    outW: info.outWidth,
  };
}

export function maxPoolGrad1d(
  dy: tf.Tensor4D,
  input: tf.Tensor4D,
  output: tf.Tensor4D,
  geom: NonNullable<ReturnType<typeof fastMaxPoolGeometry>>,
): tf.Tensor4D {
  const [b, h, w, c] = input.shape;
  const p = geom.window;
  return tf.tidy(() => {
    // Regroup as [groups, p, inner] where each window's p members are slices along axis 1.
    const usedH = geom.alongHeight ? geom.outH * p : h;
    const usedW = geom.alongHeight ? w : geom.outW * p;
    const used =
      usedH === h && usedW === w ? input : tf.slice(input, [0, 0, 0, 0], [b, usedH, usedW, c]);
    const groups = geom.alongHeight ? b * geom.outH : b * h * geom.outW;
    const inner = geom.alongHeight ? w * c : c;
    const x3 = used.reshape([groups, p, inner]);
    const m3 = output.reshape([groups, 1, inner]);
    const dy3 = dy.reshape([groups, 1, inner]);
    let taken: tf.Tensor = tf.zerosLike(m3);
    const parts: tf.Tensor[] = [];
    for (let j = 0; j < p; j++) {
      const hit = tf.equal(tf.slice(x3, [0, j, 0], [groups, 1, inner]), m3).cast('float32');
      const sel = j === 0 ? hit : tf.mul(hit, tf.sub(1, taken));
      if (j < p - 1) taken = j === 0 ? sel : tf.add(taken, sel);
      parts.push(tf.mul(dy3, sel));
    }
    const dxUsed = tf.concat(parts, 1).reshape([b, usedH, usedW, c]);
    if (usedH === h && usedW === w) return dxUsed as tf.Tensor4D;
    // Rows/columns 'valid' pooling never read get zero gradient.
    return tf.pad(dxUsed as tf.Tensor4D, [
      [0, 0],
      [0, h - usedH],
      [0, w - usedW],
      [0, 0],
    ]);
  });
}
