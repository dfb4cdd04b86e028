/** Lead names from MDC codes (ISO/IEEE 11073-10102), e.g. MDC_ECG_LEAD_AVR → "aVR". */

const LEAD_PREFIX = 'MDC_ECG_LEAD_';

/** The augmented limb leads are written in capitals in MDC codes but "aVR" etc. in practice. */
const CONVENTIONAL: Record<string, string> = { AVR: 'aVR', AVL: 'aVL', AVF: 'aVF' };

/**
 * "I", "II", "III", "aVR", "aVL", "aVF", "V1".."V6" for the standard leads; other MDC leads
 * keep their code without the prefix (e.g. "V3R", "X", "ES"); non-MDC codes stay as written.
 */
export function leadName(code: string): string {
  if (!code.startsWith(LEAD_PREFIX) || code.length === LEAD_PREFIX.length) return code;
  const rest = code.slice(LEAD_PREFIX.length);
  return CONVENTIONAL[rest] ?? rest;
}
