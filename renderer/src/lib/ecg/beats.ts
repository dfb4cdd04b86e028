/**
 * Beat classes (AAMI EC57) as the viewer shows them: names, colour roles, provenance text and
 * the low-confidence rule.
 */
import type { BeatLabel, BeatRow } from '@common/types';
import { LOW_CONFIDENCE } from '@common/constants';

export const BEAT_LABELS: readonly BeatLabel[] = ['N', 'S', 'V', 'F', 'Q'];

export const BEAT_CLASS_NAMES: Record<BeatLabel, string> = {
  N: 'Normal (incl. bundle branch block)',
  S: 'Supraventricular ectopic',
  V: 'Ventricular ectopic',
  F: 'Fusion',
  Q: 'Unclassifiable / paced',
};

/** Short names for tight spaces. */
export const BEAT_SHORT_NAMES: Record<BeatLabel, string> = {
  N: 'Normal',
  S: 'SVEB',
  V: 'VEB',
  F: 'Fusion',
  Q: 'Unclass.',
};

/**
 * A model label with confidence below this is shown as uncertain (dashed marker with "?") and
 * can be stepped through with the "low confidence" filter. People's and reference labels are
 * never "uncertain": a person decided them.
 */
export { LOW_CONFIDENCE };

export function isBeatLabel(v: unknown): v is BeatLabel {
  return typeof v === 'string' && (BEAT_LABELS as readonly string[]).includes(v);
}

/**
 * The label comes from the model and the model is unsure. A reference or person's label is
 * never "uncertain", whatever the model thinks of it (its opinion shows in the detail panel).
 * `beats.find({ maxConfidence, unconfirmedOnly })` also returns reference beats with a low
 * model confidence; callers skip those.
 */
export function isLowConfidence(b: BeatRow): boolean {
  return b.source === 'model' && b.confidence !== null && b.confidence < LOW_CONFIDENCE;
}

/** The model's opinion when it differs from the current (person's or reference) label. */
export function modelDisagrees(b: BeatRow): boolean {
  return b.source !== 'model' && b.modelLabel !== null && b.modelLabel !== b.label;
}

export function pct(v: number | null): string {
  return v === null ? '—' : `${Math.round(v * 100)}%`;
}

/** Who set the label, in one line: "model beat-full@1.0.0, 93 %", "reference (file)", "user anna". */
export function provenance(b: BeatRow): string {
  switch (b.source) {
    case 'model':
      return `Model ${b.modelVersion ?? '(unknown version)'} · confidence ${pct(b.confidence)}`;
    case 'reference':
      return 'Reference annotation from the file';
    case 'user':
      return `Labelled by ${b.user ?? 'unknown user'}`;
  }
}

/**
 * Hover text of a beat marker: class, time, provenance, the model's opinion if it differs.
 * `epsilonName`: what the newest probe run's flipEpsilon is ("ε", or "NSR" for pgd-nsr).
 */
export function beatTitle(b: BeatRow, fs: number, epsilonName = 'ε'): string {
  const lines = [
    `${b.label} — ${BEAT_CLASS_NAMES[b.label]} at ${(b.sample / fs).toFixed(3)} s`,
    provenance(b),
  ];
  if (isLowConfidence(b)) lines.push(`Low confidence (< ${pct(LOW_CONFIDENCE)}): check this beat`);
  if (b.source !== 'model' && b.modelLabel !== null) {
    lines.push(
      `Model ${b.modelVersion ?? ''} says ${b.modelLabel} (${pct(b.confidence)})${
        b.modelLabel !== b.label ? ' — disagrees' : ''
      }`,
    );
  }
  if (b.fragile) {
    const eps = b.flipEpsilon !== null ? ` (${epsilonName} = ${b.flipEpsilon.toFixed(3)})` : '';
    lines.push(`⚠ Fragile${eps}: a tiny change of the signal flips the model’s label: check it`);
  }
  return lines.join('\n');
}
