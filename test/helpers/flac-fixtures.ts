/**
 * The signals behind the committed FLAC fixtures (test/fixtures/flac), made again from their
 * seeds so a test can compare every decoded sample. `scripts/make-flac-fixtures.ts` encodes them
 * with the reference encoder (Debian's `flac`), each with settings that make it use a different
 * part of the format.
 */
import { mulberry32 } from '../../main/ml/seed';

export interface FlacFixture {
  /** File name under test/fixtures/flac. */
  name: string;
  channels: number;
  bitsPerSample: 8 | 16 | 24;
  sampleRateHz: number;
  /** Options for `flac` beyond the raw-input description. */
  encoderArgs: string[];
  /** What the settings are for (the coding feature the fixture exercises). */
  exercises: string;
  /** Channel-major samples, made from the seed. */
  samples: () => Int32Array[];
}

/** ECG-like beats (a narrow Gaussian every 0.8 s) plus seeded noise, in digital units. */
function ecgLike(n: number, fsHz: number, amp: number, noise: number, seed: number): Int32Array {
  const rand = mulberry32(seed);
  return Int32Array.from({ length: n }, (_, t) => {
    const phase = ((t / fsHz) % 0.8) / 0.8;
    const beat =
      Math.exp(-((phase - 0.4) ** 2) / 0.0006) - 0.15 * Math.exp(-((phase - 0.7) ** 2) / 0.004);
    return Math.round(amp * beat + noise * (rand() - 0.5));
  });
}

export const FLAC_FIXTURES: FlacFixture[] = [
  {
    name: 'stereo16-midside.flac',
    channels: 2,
    bitsPerSample: 16,
    sampleRateHz: 500,
    encoderArgs: ['-8', '--mid-side', '--blocksize=1152'],
    exercises: 'two correlated channels: left/side, side/right and mid/side frames',
    samples: () => {
      // The clean channel is left for the first half, right for the second: the encoder then
      // codes the noisier one as the side channel on either side.
      const clean = ecgLike(12_000, 500, 12_000, 300, 1);
      const rand = mulberry32(2);
      const noisy = clean.map((v) => Math.round(0.7 * v + 400 * (rand() - 0.5)));
      const half = (x: Int32Array, y: Int32Array) =>
        Int32Array.from(x.map((v, t) => (t < 6_000 ? v : y[t])));
      return [half(clean, noisy), half(noisy, clean)];
    },
  },
  {
    name: 'mono24-lpc32.flac',
    channels: 1,
    bitsPerSample: 24,
    sampleRateHz: 1000,
    encoderArgs: ['--lax', '-l', '32', '-p', '-e', '--blocksize=4096'],
    exercises: '24-bit LPC up to order 32, then full-scale noise (verbatim subframes)',
    samples: () => {
      const smooth = ecgLike(16_384, 1000, 3_000_000, 2_000, 3);
      const rand = mulberry32(4);
      const noise = Int32Array.from({ length: 4096 }, () => Math.floor((rand() - 0.5) * 2 ** 24));
      const out = new Int32Array(smooth.length + noise.length);
      out.set(smooth);
      out.set(noise, smooth.length);
      return [out];
    },
  },
  {
    name: 'three8-wasted.flac',
    channels: 3,
    bitsPerSample: 8,
    sampleRateHz: 250,
    encoderArgs: ['-5', '--blocksize=576'],
    exercises: 'three independent 8-bit channels; one constant, one with 2 wasted low bits',
    samples: () => {
      const a = ecgLike(5_000, 250, 100, 10, 5);
      const b = a.map((v) => 4 * Math.round(v / 4));
      const c = new Int32Array(5_000).fill(-17);
      return [a, b, c];
    },
  },
];
