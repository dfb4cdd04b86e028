/**
 * AAMI beat classes ↔ MIT-BIH annotation symbols and codes (ecgcodes.h). Reading maps every
 * MIT-BIH beat symbol of the AAMI EC57 table to its class (main/ml/beats/labels.ts); writing
 * maps each class back to one symbol: N → N, S → A, V → V, F → F, Q → Q.
 */
import type { BeatLabel } from '@common/types';
import { aamiClass } from '../ml/beats/labels';

export const BEAT_LABELS: readonly BeatLabel[] = ['N', 'S', 'V', 'F', 'Q'];

export function isBeatLabel(x: unknown): x is BeatLabel {
  return typeof x === 'string' && (BEAT_LABELS as readonly string[]).includes(x);
}

/** The MIT-BIH symbol a label is written as. */
export const MIT_SYMBOL: Readonly<Record<BeatLabel, string>> = {
  N: 'N',
  S: 'A',
  V: 'V',
  F: 'F',
  Q: 'Q',
};

/** The MIT annotation type code of that symbol (NORMAL 1, APC 8, PVC 5, FUSION 6, UNKNOWN 13). */
export const MIT_CODE: Readonly<Record<BeatLabel, number>> = {
  N: 1,
  S: 8,
  V: 5,
  F: 6,
  Q: 13,
};

/** The AAMI class of an MIT-BIH symbol; null for non-beats and unclassifiable beats. */
export function labelForSymbol(symbol: string): BeatLabel | null {
  return aamiClass(symbol);
}
