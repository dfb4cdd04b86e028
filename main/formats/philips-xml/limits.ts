/**
 * Sanity limits, checked before anything large is allocated, so that hostile or corrupt files
 * fail with a clear message instead of a hang or a huge allocation. Real resting ECGs (12 to
 * 16 leads, 10 s at 500 Hz, a few hundred KB of XML) are far below all of them.
 */

/** Bytes of XML. The samples are < 0.5 MB; 64 MiB leaves room for long rhythm strips. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export const MAX_LEADS = 64;

/** Same budget as the WFDB reader: 2^28 Int32 samples (1 GiB) over all leads. */
export const MAX_TOTAL_SAMPLES = 2 ** 28;

export const MIN_SAMPLING_FREQUENCY = 1;
export const MAX_SAMPLING_FREQUENCY = 100_000;
