/**
 * Sanity limits: hostile or corrupt input fails with a clear message before anything large is
 * allocated. Real resting ECGs (12 leads, 10 s) are far below all of them.
 */

/** Section 3 stores the lead count in one byte; more than 64 leads is not an ECG we can show. */
export const MAX_LEADS = 64;

/** Total decoded samples (all leads together), as for WFDB: 2^28 Int32 values = 1 GiB. */
export const MAX_TOTAL_SAMPLES = 2 ** 28;

/** Bytes of the record header (CRC + length) plus one 16-byte section ID header. */
export const RECORD_HEADER_BYTES = 6;
export const SECTION_HEADER_BYTES = 16;
