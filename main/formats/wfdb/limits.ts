/**
 * Sanity limits. They exist so that a hostile or corrupt header fails with a clear message
 * instead of a hang or a multi-gigabyte allocation; real records are far below all of them.
 */

/** Headers are a few KB; even multi-segment masters with thousands of segments stay well under. */
export const MAX_HEADER_BYTES = 4 * 1024 * 1024;

export const MAX_SIGNALS = 1024;

export const MAX_SEGMENTS = 100_000;

/** wave_4 uses 1000 samples per frame; nothing plausible needs more than this. */
export const MAX_SAMPLES_PER_FRAME = 65_536;

/** Hz. Audio-rate evoked potentials are 48 kHz; 10 MHz leaves ample room. */
export const MAX_SAMPLING_FREQUENCY = 10_000_000;

/**
 * Total digital samples (all leads together) one recording may decode to: 2^28 Int32 values
 * = 1 GiB. A 24 h, 2-lead Holter at 360 Hz is 62 M; a 12-lead 24 h at 500 Hz is 518 M and is
 * refused rather than risking the app's memory.
 */
export const MAX_TOTAL_SAMPLES = 2 ** 28;

/**
 * Annotations per file. A 24 h record annotated beat by beat has ~100 k; LUDB-style wave
 * delineation of 24 h at ~10 marks per beat ~1 M. Each becomes an object, so cap the count.
 */
export const MAX_ANNOTATIONS = 2_000_000;
