import type { FindingView } from '@common/types';

/** Plain names of the finding codes (Ribeiro et al. 2020's six, then the PTB-XL superclasses). */
export const FINDING_NAMES: Record<FindingView['code'], string> = {
  '1dAVb': '1st-degree AV block',
  RBBB: 'Right bundle branch block',
  LBBB: 'Left bundle branch block',
  SB: 'Sinus bradycardia',
  AF: 'Atrial fibrillation',
  ST: 'Sinus tachycardia',
  NORM: 'Normal ECG',
  MI: 'Myocardial infarction',
  STTC: 'ST/T change',
  CD: 'Conduction disturbance',
  HYP: 'Hypertrophy',
};

/** Rhythm and conduction codes (Ribeiro et al. 2020); the rest are PTB-XL superclasses. */
export const RIBEIRO_CODES: ReadonlySet<string> = new Set([
  '1dAVb',
  'RBBB',
  'LBBB',
  'SB',
  'AF',
  'ST',
]);
