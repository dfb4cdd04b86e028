/**
 * Sanity limits, checked before anything large is allocated, so that a hostile or corrupt
 * file fails with a clear message instead of exhausting memory. Real aECGs (10 s, 12 leads,
 * 500–1000 Hz) are far below all of them.
 */
export interface Hl7AecgLimits {
  /** Leads in the chosen series (all sequence sets together). */
  maxLeads: number;
  /** Digital samples of the output, all leads together (leads × longest lead). */
  maxTotalSamples: number;
  /** Sampling rate in Hz. */
  maxFs: number;
}

export const DEFAULT_LIMITS: Readonly<Hl7AecgLimits> = {
  maxLeads: 64,
  // 2^28 Int32 values = 1 GiB, the same ceiling the WFDB reader uses.
  maxTotalSamples: 2 ** 28,
  maxFs: 100_000,
};

/** A single digit token longer than this cannot be a 32-bit integer (nor a sane float). */
export const MAX_TOKEN_CHARS = 32;

/** Interpretation statements kept as comments; a file with more is not a plausible report. */
export const MAX_INTERPRETATION_COMMENTS = 200;
