/**
 * The 12-lead record model: a residual 1-D CNN in the spirit of Ribeiro et al. 2020 (Nat
 * Commun 11:1760), scaled down for CPU inference at 100 Hz.
 *
 *   ecg [1000, 12] ─ conv k ─ BN ─ ReLU ─ residual block × B ─ global avg ‖ global max ─┐
 *   amplitude [1] (log2 scale, mV) ─────────────────────────────────────────────────── concat ─ dense 11 ─ sigmoid
 *
 * Residual block (Ribeiro's): skip = maxPool(ds) [+ 1×1 conv when the width changes];
 * main = conv k ─ BN ─ ReLU ─ dropout ─ conv k stride ds; out = main + skip, then BN ─ ReLU ─
 * dropout for the next block (the un-normalised sum is the next skip). Global average and max
 * pooling replace Ribeiro's flatten so the head does not depend on where in the 10 s a
 * finding sits. conv1d is conv2d of height 1 for tfjs, which main/ml/kernels trains fast on
 * wasm. Sigmoid outputs: the codes are not exclusive.
 */
import * as tf from '@tensorflow/tfjs';
import { N_CODES } from './labels';
import { N_LEADS, WINDOW_LEN } from './preprocess';

export interface RecordModelConfig {
  /** Filters of the first convolution, 8..128. Default 16. */
  stemFilters: number;
  /** Kernel size of every convolution, odd, 3..17. Default 9 (90 ms at 100 Hz). */
  kernelSize: number;
  /** Filters of each residual block, 1..6 blocks of 8..256. Default [16, 32, 64, 96]. */
  blockFilters: number[];
  /**
   * Downsampling of each block (same length as blockFilters), 1..8; their product must
   * divide WINDOW_LEN so pooling and strided convs line up. Default [4, 2, 5, 5] (1000 → 5):
   * downsampling early keeps training at ~85 records/s on one wasm thread (a [2, 4, 5, 5]
   * stack of 32–128 filters trains at ~28/s).
   */
  downsample: number[];
  /** Dropout inside the blocks during training, 0..0.5. Default 0.2 (Ribeiro's). */
  dropout: number;
}

export const DEFAULT_RECORD_MODEL: RecordModelConfig = {
  stemFilters: 16,
  kernelSize: 9,
  blockFilters: [16, 32, 64, 96],
  downsample: [4, 2, 5, 5],
  dropout: 0.2,
};

export function validateRecordConfig(c: RecordModelConfig): void {
  const bad = (what: string): never => {
    throw new RangeError(`record model config: ${what}`);
  };
  const int = (v: number, lo: number, hi: number): boolean =>
    Number.isInteger(v) && v >= lo && v <= hi;
  if (!int(c.stemFilters, 8, 128)) bad('stemFilters in 8..128');
  if (!int(c.kernelSize, 3, 17) || c.kernelSize % 2 === 0) bad('kernelSize odd in 3..17');
  if (c.blockFilters.length < 1 || c.blockFilters.length > 6) bad('1..6 blocks');
  if (c.downsample.length !== c.blockFilters.length) bad('downsample must match blockFilters');
  if (c.blockFilters.some((f) => !int(f, 8, 256))) bad('blockFilters in 8..256');
  if (c.downsample.some((d) => !int(d, 1, 8))) bad('downsample in 1..8');
  if (WINDOW_LEN % c.downsample.reduce((a, b) => a * b, 1) !== 0)
    bad(`the product of downsample must divide ${WINDOW_LEN}`);
  if (!(c.dropout >= 0 && c.dropout <= 0.5)) bad('dropout in 0..0.5');
}

type Sym = tf.SymbolicTensor;
const apply = (layer: tf.layers.Layer, x: Sym | Sym[]): Sym => layer.apply(x) as Sym;

function bnRelu(x: Sym, name: string, dropout: number): Sym {
  let h = apply(tf.layers.batchNormalization({ name: `${name}_bn` }), x);
  h = apply(tf.layers.reLU({ name: `${name}_relu` }), h);
  return dropout > 0 ? apply(tf.layers.dropout({ rate: dropout, name: `${name}_drop` }), h) : h;
}

function conv(filters: number, kernelSize: number, strides: number, name: string): tf.layers.Layer {
  return tf.layers.conv1d({
    filters,
    kernelSize,
    strides,
    padding: 'same',
    useBias: false,
    kernelInitializer: 'heNormal',
    name,
  });
}

function residualBlock(
  x: Sym,
  skip: Sym,
  filters: number,
  ds: number,
  c: RecordModelConfig,
  i: number,
): { x: Sym; skip: Sym } {
  const n = `block${i}`;
  let s = ds > 1 ? apply(tf.layers.maxPooling1d({ poolSize: ds, name: `${n}_pool` }), skip) : skip;
  if ((s.shape[2] as number) !== filters) s = apply(conv(filters, 1, 1, `${n}_skip`), s);
  let h = apply(conv(filters, c.kernelSize, 1, `${n}_conv1`), x);
  h = bnRelu(h, `${n}_a`, c.dropout);
  h = apply(conv(filters, c.kernelSize, ds, `${n}_conv2`), h);
  const sum = apply(tf.layers.add({ name: `${n}_add` }), [h, s]);
  return { x: bnRelu(sum, `${n}_b`, c.dropout), skip: sum };
}

export function buildRecordModel(
  config: RecordModelConfig = DEFAULT_RECORD_MODEL,
  nCodes = N_CODES,
): tf.LayersModel {
  validateRecordConfig(config);
  const ecg = tf.input({ shape: [WINDOW_LEN, N_LEADS], name: 'ecg' });
  const amplitude = tf.input({ shape: [1], name: 'amplitude' });
  let x = apply(conv(config.stemFilters, config.kernelSize, 1, 'stem_conv'), ecg);
  x = bnRelu(x, 'stem', 0);
  let skip = x;
  config.blockFilters.forEach((filters, i) => {
    ({ x, skip } = residualBlock(x, skip, filters, config.downsample[i], config, i + 1));
  });
  const avg = apply(tf.layers.globalAveragePooling1d({ name: 'gap' }), x);
  const max = apply(tf.layers.globalMaxPooling1d({ name: 'gmp' }), x);
  const joined = apply(tf.layers.concatenate({ name: 'join' }), [avg, max, amplitude]);
  const out = apply(
    tf.layers.dense({ units: nCodes, activation: 'sigmoid', name: 'probs' }),
    joined,
  );
  return tf.model({ inputs: [ecg, amplitude], outputs: out, name: 'record_12lead' });
}
