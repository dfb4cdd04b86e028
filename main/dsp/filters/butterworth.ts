/**
 * Butterworth low- and high-pass designs as second-order sections (bilinear transform with
 * pre-warping, so the -3 dB point of a single pass is exactly at `cutoffHz`).
 *
 * A Butterworth of even order N factors into N/2 biquads with the same pre-warped corner and
 * quality factors Q_k = 1 / (2 cos(psi_k)), psi_k the angle of the k-th analogue pole pair from
 * the negative real axis ((2k - 1) pi / 2N for even N, k pi / N for odd N); odd orders add the
 * real pole as one first-order section. This is the textbook factorisation and avoids general pole/zero bookkeeping.
 */
import type { Biquad, Sos } from './biquad';

type Kind = 'lowpass' | 'highpass';

function checkDesign(order: number, cutoffHz: number, fsHz: number): void {
  if (!Number.isInteger(order) || order < 1 || order > 12) {
    throw new RangeError(`Butterworth order must be an integer in 1..12, got ${order}`);
  }
  if (!(fsHz > 0)) throw new RangeError(`fsHz must be > 0, got ${fsHz}`);
  if (!(cutoffHz > 0 && cutoffHz < fsHz / 2)) {
    throw new RangeError(`cutoffHz must be in (0, fs/2 = ${fsHz / 2}), got ${cutoffHz}`);
  }
}

function secondOrder(kind: Kind, w0: number, q: number): Biquad {
  const cw = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * q);
  const a0 = 1 + alpha;
  const bScale = kind === 'lowpass' ? (1 - cw) / 2 : (1 + cw) / 2;
  const b1 = kind === 'lowpass' ? 2 * bScale : -2 * bScale;
  return {
    b0: bScale / a0,
    b1: b1 / a0,
    b2: bScale / a0,
    a1: (-2 * cw) / a0,
    a2: (1 - alpha) / a0,
  };
}

function firstOrder(kind: Kind, cutoffHz: number, fsHz: number): Biquad {
  const k = Math.tan((Math.PI * cutoffHz) / fsHz);
  const a1 = (k - 1) / (k + 1);
  if (kind === 'lowpass') return { b0: k / (1 + k), b1: k / (1 + k), b2: 0, a1, a2: 0 };
  return { b0: 1 / (1 + k), b1: -1 / (1 + k), b2: 0, a1, a2: 0 };
}

function design(kind: Kind, order: number, cutoffHz: number, fsHz: number): Sos {
  checkDesign(order, cutoffHz, fsHz);
  const w0 = (2 * Math.PI * cutoffHz) / fsHz;
  const sections: Biquad[] = [];
  for (let k = 1; k <= Math.floor(order / 2); k++) {
    const psi = ((2 * k - 1 + (order % 2)) * Math.PI) / (2 * order);
    const q = 1 / (2 * Math.cos(psi));
    sections.push(secondOrder(kind, w0, q));
  }
  if (order % 2 === 1) sections.push(firstOrder(kind, cutoffHz, fsHz));
  return sections;
}

export function butterLowpass(order: number, cutoffHz: number, fsHz: number): Sos {
  return design('lowpass', order, cutoffHz, fsHz);
}

export function butterHighpass(order: number, cutoffHz: number, fsHz: number): Sos {
  return design('highpass', order, cutoffHz, fsHz);
}
