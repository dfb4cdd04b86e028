/** Meaning and display class of MIT-BIH / WFDB annotation symbols. */

const MEANING: Record<string, string> = {
  N: 'Normal beat',
  L: 'Left bundle branch block beat',
  R: 'Right bundle branch block beat',
  B: 'Bundle branch block beat (unspecified)',
  A: 'Atrial premature beat',
  a: 'Aberrated atrial premature beat',
  J: 'Nodal (junctional) premature beat',
  S: 'Supraventricular premature or ectopic beat',
  V: 'Premature ventricular contraction',
  r: 'R-on-T premature ventricular contraction',
  F: 'Fusion of ventricular and normal beat',
  e: 'Atrial escape beat',
  j: 'Nodal (junctional) escape beat',
  n: 'Supraventricular escape beat',
  E: 'Ventricular escape beat',
  '/': 'Paced beat',
  f: 'Fusion of paced and normal beat',
  Q: 'Unclassifiable beat',
  '?': 'Beat not classified during learning',
  '[': 'Start of ventricular flutter/fibrillation',
  '!': 'Ventricular flutter wave',
  ']': 'End of ventricular flutter/fibrillation',
  x: 'Non-conducted P-wave (blocked APC)',
  '(': 'Waveform onset',
  ')': 'Waveform end',
  p: 'Peak of P-wave',
  t: 'Peak of T-wave',
  u: 'Peak of U-wave',
  '`': 'PQ junction',
  "'": 'J-point',
  '^': '(Non-captured) pacemaker artifact',
  '|': 'Isolated QRS-like artifact',
  '~': 'Change in signal quality',
  '+': 'Rhythm change',
  s: 'ST segment change',
  T: 'T-wave change',
  '*': 'Systole',
  D: 'Diastole',
  '=': 'Measurement annotation',
  '"': 'Comment annotation',
  '@': 'Link to external data',
};

export type AnnotationKind = 'normal' | 'supra' | 'ventricular' | 'other-beat' | 'rhythm' | 'note';

const KIND: Record<string, AnnotationKind> = {
  N: 'normal',
  L: 'normal',
  R: 'normal',
  e: 'normal',
  j: 'normal',
  B: 'normal',
  A: 'supra',
  a: 'supra',
  J: 'supra',
  S: 'supra',
  n: 'supra',
  V: 'ventricular',
  E: 'ventricular',
  r: 'ventricular',
  '!': 'ventricular',
  '[': 'ventricular',
  ']': 'ventricular',
  F: 'other-beat',
  '/': 'other-beat',
  f: 'other-beat',
  Q: 'other-beat',
  '?': 'other-beat',
  '+': 'rhythm',
};

export function annotationMeaning(symbol: string): string {
  return MEANING[symbol] ?? 'Annotation';
}

export function annotationKind(symbol: string): AnnotationKind {
  return KIND[symbol] ?? 'note';
}

/** Rhythm annotations carry the rhythm in `aux`, e.g. "(N" or "(AFIB"; show it without the "(". */
export function annotationLabel(symbol: string, aux: string): string {
  const a = aux.replace(/\0/g, '').trim();
  if (symbol === '+' && a) return a.replace(/^\(/, '');
  return symbol;
}
