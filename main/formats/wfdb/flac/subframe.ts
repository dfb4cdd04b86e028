/**
 * One channel of one FLAC frame (RFC 9639 §9.2): a constant, verbatim samples, or a fixed or
 * LPC predictor plus Rice-coded residuals, with optional "wasted" low bits.
 */
import type { BitReader } from './bits';
import { FlacError } from './errors';

/**
 * Decodes `blockSize` samples of `bps` bits into `out` (from index 0). `bps` already includes
 * the extra bit of a side channel.
 */
export function decodeSubframe(
  r: BitReader,
  blockSize: number,
  bps: number,
  out: Int32Array,
): void {
  if (r.bits(1) !== 0) throw new FlacError('subframe padding bit is set (corrupt frame)');
  const type = r.bits(6);
  let wasted = 0;
  if (r.bits(1) === 1) wasted = r.unary() + 1;
  const width = bps - wasted;
  if (width < 1) throw new FlacError(`subframe has ${wasted} wasted bits of ${bps}`);
  if (type === 0) {
    out.fill(r.signed(width), 0, blockSize);
  } else if (type === 1) {
    for (let i = 0; i < blockSize; i++) out[i] = r.signed(width);
  } else if (type >= 8 && type <= 12) {
    fixed(r, type - 8, blockSize, width, out);
  } else if (type >= 32) {
    lpc(r, type - 31, blockSize, width, out);
  } else {
    throw new FlacError(`reserved subframe type ${type}`);
  }
  if (wasted > 0) for (let i = 0; i < blockSize; i++) out[i] *= 2 ** wasted;
}

function warmUp(r: BitReader, order: number, blockSize: number, width: number, out: Int32Array) {
  if (order > blockSize)
    throw new FlacError(`predictor order ${order} exceeds block size ${blockSize}`);
  for (let i = 0; i < order; i++) out[i] = r.signed(width);
}

/** Fixed polynomial predictors of order 0–4: residuals are successive differences. */
function fixed(r: BitReader, order: number, blockSize: number, width: number, out: Int32Array) {
  warmUp(r, order, blockSize, width, out);
  residual(r, order, blockSize, out);
  // Each prediction is exact integer arithmetic on ≤ 33-bit values (no int32 overflow here).
  for (let i = order; i < blockSize; i++) {
    const e = out[i];
    switch (order) {
      case 1:
        out[i] = e + out[i - 1];
        break;
      case 2:
        out[i] = e + 2 * out[i - 1] - out[i - 2];
        break;
      case 3:
        out[i] = e + 3 * (out[i - 1] - out[i - 2]) + out[i - 3];
        break;
      case 4:
        out[i] = e + 4 * (out[i - 1] + out[i - 3]) - 6 * out[i - 2] - out[i - 4];
        break;
    }
  }
}

/** Linear prediction with quantised coefficients of `precision` bits, shifted right by `shift`. */
function lpc(r: BitReader, order: number, blockSize: number, width: number, out: Int32Array) {
  warmUp(r, order, blockSize, width, out);
  const precisionCode = r.bits(4);
  if (precisionCode === 15) throw new FlacError('invalid LPC coefficient precision');
  const precision = precisionCode + 1;
  const shift = r.signed(5);
  if (shift < 0) throw new FlacError(`negative LPC shift ${shift}`);
  const coefs = new Float64Array(order);
  for (let j = 0; j < order; j++) coefs[j] = r.signed(precision);
  residual(r, order, blockSize, out);
  const scale = 2 ** shift;
  // Sums reach 24 + 15 + 5 bits: exact in doubles, but too wide for int32 shifts.
  for (let i = order; i < blockSize; i++) {
    let sum = 0;
    for (let j = 0; j < order; j++) sum += coefs[j] * out[i - 1 - j];
    out[i] += Math.floor(sum / scale);
  }
}

/** Rice-coded residuals (partitioned), written into out[order..blockSize). */
function residual(r: BitReader, order: number, blockSize: number, out: Int32Array) {
  const method = r.bits(2);
  if (method > 1) throw new FlacError(`reserved residual coding method ${method}`);
  const paramBits = method === 0 ? 4 : 5;
  const escape = (1 << paramBits) - 1;
  const partitionOrder = r.bits(4);
  const partitions = 1 << partitionOrder;
  const perPartition = blockSize >> partitionOrder;
  if (perPartition << partitionOrder !== blockSize || perPartition < order) {
    throw new FlacError(
      `residual partition order ${partitionOrder} does not fit block size ${blockSize}`,
    );
  }
  let i = order;
  for (let p = 0; p < partitions; p++) {
    const end = (p + 1) * perPartition;
    const param = r.bits(paramBits);
    if (param === escape) {
      const raw = r.bits(5);
      for (; i < end; i++) out[i] = raw === 0 ? 0 : r.signed(raw);
      continue;
    }
    for (; i < end; i++) {
      const folded = r.unary() * 2 ** param + r.bits(param);
      // Zigzag: 0, -1, 1, -2, 2, …
      out[i] = folded % 2 === 0 ? folded / 2 : -(folded + 1) / 2;
    }
  }
}
