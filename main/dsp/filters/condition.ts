/**
 * The standard conditioning chain for display and analysis: baseline-wander removal, optional
 * mains notch, optional low-pass — all zero phase, so waves keep their positions.
 */
import { removeBaselineWander } from './baseline';
import { lowPass } from './lowpass';
import { removePowerline, type MainsHz } from './notch';

export interface ConditionOptions {
  /** High-pass -3 dB point; null skips it. Default 0.5 Hz. */
  baselineCutoffHz?: number | null;
  /** Mains frequency to notch; null skips it. Default null. */
  mainsHz?: MainsHz | null;
  /** Low-pass -3 dB point (typically 40, 100 or 150 Hz); null skips it. Default null. */
  lowPassHz?: number | null;
}

export function conditionEcg(
  x: Float32Array,
  fsHz: number,
  opts: ConditionOptions = {},
): Float32Array {
  let y = x;
  const hp = opts.baselineCutoffHz === undefined ? 0.5 : opts.baselineCutoffHz;
  if (hp !== null) y = removeBaselineWander(y, fsHz, { cutoffHz: hp });
  if (opts.mainsHz) y = removePowerline(y, fsHz, opts.mainsHz);
  if (opts.lowPassHz) y = lowPass(y, fsHz, opts.lowPassHz);
  return y === x ? Float32Array.from(x) : y;
}
