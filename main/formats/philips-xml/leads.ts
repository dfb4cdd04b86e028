/**
 * Limb-lead reconstruction for XLI data. The cart stores leads III, aVR, aVL and aVF not as
 * signals but as residuals against what Einthoven/Goldberger predict from I and II (mostly
 * zeros, which compress well):
 *
 *   III = II − I − r3          aVR = −r4 − ⌊(I + II) / 2⌋
 *   aVL = ⌊(I − III) / 2⌋ − r5  aVF = ⌊(II + III) / 2⌋ − r6
 *
 * (aVL and aVF use the reconstructed III.) Floor division as in sierra-ecg-tools' JavaScript
 * reader, whose published sample values this reproduces.
 */

/** The limb leads, in the positions the reconstruction expects. */
export const LIMB_LEADS = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF'] as const;

/** True when the first six labels are I, II, III, aVR, aVL, aVF (case-insensitive). */
export function hasStandardLimbLeads(labels: readonly string[]): boolean {
  return LIMB_LEADS.every((name, i) => labels[i]?.toLowerCase() === name.toLowerCase());
}

/** Replaces the stored residuals of leads 2..5 by the actual III, aVR, aVL, aVF (in place). */
export function reconstructLimbLeads(leads: Int32Array[]): void {
  const [i, ii, iii, avr, avl, avf] = leads;
  for (let t = 0; t < i.length; t++) {
    iii[t] = ii[t] - i[t] - iii[t];
    avr[t] = -avr[t] - Math.floor((i[t] + ii[t]) / 2);
    avl[t] = Math.floor((i[t] - iii[t]) / 2) - avl[t];
    avf[t] = Math.floor((ii[t] + iii[t]) / 2) - avf[t];
  }
}
