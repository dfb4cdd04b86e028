/**
 * Shared geometry for the conv2d gradient kernels: validates the attributes we can serve and
 * resolves padding to explicit numbers (the same numbers the forward conv used).
 */
import { backend_util } from '@tensorflow/tfjs';

export interface ConvGeometry {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  kH: number;
  kW: number;
  outC: number;
  outH: number;
  outW: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padBottom: number;
  padLeft: number;
  padRight: number;
}

/** Attributes of Conv2DBackpropFilter / Conv2DBackpropInput that affect geometry. */
export interface ConvGradAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** Thrown for configurations these kernels do not implement (instead of returning wrong numbers). */
export class UnsupportedConvError extends Error {
  constructor(kernel: string, what: string) {
    super(`${kernel} (ECG Desk wasm kernel): unsupported ${what}`);
    this.name = 'UnsupportedConvError';
  }
}

export function convGeometry(
  kernel: string,
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  attrs: ConvGradAttrs,
): ConvGeometry {
  if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC')
    throw new UnsupportedConvError(kernel, `dataFormat ${attrs.dataFormat} (only NHWC)`);
  // Gradients of dilated convs are refused by tfjs-core itself, so dilation is always 1 here.
  const info = backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  const g: ConvGeometry = {
    batch: info.batchSize,
    inH: info.inHeight,
    inW: info.inWidth,
    inC: info.inChannels,
    kH: info.filterHeight,
    kW: info.filterWidth,
    outC: info.outChannels,
    outH: info.outHeight,
    outW: info.outWidth,
    strideH: info.strideHeight,
    strideW: info.strideWidth,
    padTop: info.padInfo.top,
    padBottom: info.padInfo.bottom,
    padLeft: info.padInfo.left,
    padRight: info.padInfo.right,
  };
  // The transposed conv below needs every pad within the kernel's reach (true for 'same',
  // 'valid' and any sane explicit padding).
  if (
    g.padTop > g.kH - 1 ||
    g.padBottom > g.kH - 1 ||
    g.padLeft > g.kW - 1 ||
    g.padRight > g.kW - 1
  )
    throw new UnsupportedConvError(kernel, 'padding wider than filter - 1');
  if (g.outH < 1 || g.outW < 1) throw new UnsupportedConvError(kernel, 'empty output');
  return g;
}
