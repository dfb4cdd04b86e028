/**
 * Whether a fine-tuned version may be offered for activation: only when it was verified on
 * MIT-BIH DS2 and its accuracy there is at most MAX_DS2_DROP (1 percentage point) below its
 * parent's on the same beats. A site's corrections must not buy local gains with a general
 * loss the site cannot see. Without DS2 the version cannot be verified: it stays a candidate.
 */
import type { ModelMetrics, ModelVersionStatus } from '@common/types';

export const MAX_DS2_DROP = 0.01;

export interface GateDecision {
  status: ModelVersionStatus;
  reason: string;
}

const pts = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(100 * v).toFixed(2)} points`;

export function gateDecision(ds2: ModelMetrics['ds2']): GateDecision {
  if (!ds2 || ds2.accuracyDelta === null)
    return {
      status: 'candidate',
      reason:
        'not verified: the MIT-BIH DS2 test records were not available, so this version is not offered for activation',
    };
  const delta = ds2.accuracyDelta;
  // A tiny tolerance, so that exactly −1.00 point (rounding in the sums) still passes.
  if (delta < -MAX_DS2_DROP - 1e-9)
    return {
      status: 'rejected',
      reason: `DS2 accuracy ${pts(delta)} vs its parent: worse by more than ${100 * MAX_DS2_DROP} point`,
    };
  return { status: 'available', reason: `DS2 accuracy ${pts(delta)} vs its parent` };
}
