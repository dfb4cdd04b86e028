/**
 * Facts about the WFDB signal file formats (signal(5)): how many bytes n samples occupy, what
 * value marks an invalid sample, default ADC resolution.
 */

/** FLAC-compressed 8, 16 and 24-bit samples (flac-signals.ts). */
export const FLAC_FORMATS: ReadonlySet<number> = new Set([508, 516, 524]);

export const SUPPORTED_FORMATS: ReadonlySet<number> = new Set([
  8,
  16,
  24,
  32,
  61,
  80,
  160,
  212,
  310,
  311,
  ...FLAC_FORMATS,
]);

/** Format 0: a "null signal" with no stored samples (layout headers, placeholders). */
export const NULL_FORMAT = 0;

/** Bytes needed to hold the first `n` samples of a stream in `format`. */
export function bytesForSamples(format: number, n: number): number {
  switch (format) {
    case 8:
    case 80:
      return n;
    case 16:
    case 61:
    case 160:
      return 2 * n;
    case 24:
      return 3 * n;
    case 32:
      return 4 * n;
    case 212: {
      // Pairs of 12-bit samples in 3 bytes; a lone last sample needs 2 of them.
      const rest = n % 2;
      return 3 * ((n - rest) / 2) + (rest ? 2 : 0);
    }
    case 310:
    case 311: {
      // Triplets of 10-bit samples in 4 bytes. A partial triplet's 1st sample needs 2 bytes;
      // its 2nd needs all 4 in 310 (high bits live in byte 3) but only 3 in 311.
      const rest = n % 3;
      const partial = rest === 0 ? 0 : rest === 1 ? 2 : format === 310 ? 4 : 3;
      return 4 * ((n - rest) / 3) + partial;
    }
    default:
      throw new RangeError(`no byte layout for format ${format}`);
  }
}

/** How many whole samples `nBytes` bytes of `format` contain (inverse of bytesForSamples). */
export function samplesInBytes(format: number, nBytes: number): number {
  switch (format) {
    case 8:
    case 80:
      return nBytes;
    case 16:
    case 61:
    case 160:
      return Math.floor(nBytes / 2);
    case 24:
      return Math.floor(nBytes / 3);
    case 32:
      return Math.floor(nBytes / 4);
    case 212: {
      const rest = nBytes % 3;
      return 2 * ((nBytes - rest) / 3) + (rest >= 2 ? 1 : 0);
    }
    case 310:
    case 311: {
      const rest = nBytes % 4;
      const partial = rest < 2 ? 0 : format === 311 && rest === 3 ? 2 : 1;
      return 3 * ((nBytes - rest) / 4) + partial;
    }
    default:
      throw new RangeError(`no byte layout for format ${format}`);
  }
}

/** The stored value that means "no sample" in `format`; null for format 8 (has none). */
export function invalidValue(format: number): number | null {
  switch (format) {
    case 80:
    case 508:
      return -128;
    case 310:
    case 311:
      return -512;
    case 212:
      return -2048;
    case 16:
    case 61:
    case 160:
    case 516:
      return -32768;
    case 24:
    case 524:
      return -8388608;
    case 32:
      return -2147483648;
    default:
      return null;
  }
}

/** ADC resolution WFDB assumes when the header gives 0 or none. */
export function defaultAdcResolution(format: number): number | null {
  switch (format) {
    case 8:
    case 80:
    case 508:
      return 8;
    case 310:
    case 311:
      return 10;
    case 212:
      return 12;
    case 16:
    case 61:
    case 160:
    case 516:
      return 16;
    case 24:
    case 524:
      return 24;
    case 32:
      return 32;
    default:
      return null;
  }
}
