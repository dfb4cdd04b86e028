/**
 * AAMI EC57 beat classes, the MIT-BIH symbol mapping and the de Chazal (2004) inter-patient
 * split. Pure data, shared by training, evaluation and inference.
 */

/** Class order of the model's softmax. Saved with the model (labels.json) and checked on load. */
export const BEAT_CLASSES = ['N', 'S', 'V', 'F', 'Q'] as const;
export type BeatClass = (typeof BEAT_CLASSES)[number];

/** MIT-BIH beat symbol → AAMI class. Beat symbols not listed (B, r, n, ?) are left unlabelled. */
const AAMI_BY_SYMBOL: Readonly<Record<string, BeatClass>> = {
  N: 'N',
  L: 'N',
  R: 'N',
  e: 'N',
  j: 'N',
  A: 'S',
  a: 'S',
  J: 'S',
  S: 'S',
  V: 'V',
  E: 'V',
  F: 'F',
  '/': 'Q',
  f: 'Q',
  Q: 'Q',
};

export function aamiClass(symbol: string): BeatClass | null {
  return AAMI_BY_SYMBOL[symbol] ?? null;
}

export function classIndex(c: BeatClass): number {
  return BEAT_CLASSES.indexOf(c);
}

/** Paced records, excluded from both sets (AAMI EC57). */
export const PACED_RECORDS = ['102', '104', '107', '217'] as const;

/** de Chazal et al. 2004, DS1: training (and, split by record, validation). */
export const DS1 = [
  '101', '106', '108', '109', '112', '114', '115', '116', '118', '119', '122',
  '124', '201', '203', '205', '207', '208', '209', '215', '220', '223', '230',
] as const; // prettier-ignore

/** de Chazal et al. 2004, DS2: test only. Never used to choose anything. */
export const DS2 = [
  '100', '103', '105', '111', '113', '117', '121', '123', '200', '202', '210',
  '212', '213', '214', '219', '221', '222', '228', '231', '232', '233', '234',
] as const; // prettier-ignore
