/** A tiny beat model config and random beat sets, for training-loop tests (no data needed). */
import type { BeatSet } from '../../main/ml/beats/dataset';
import { BEAT_CLASSES } from '../../main/ml/beats/labels';
import { DEFAULT_BEAT_MODEL, type BeatModelConfig } from '../../main/ml/beats/model';
import { N_CHANNELS, WINDOW_LEN } from '../../main/ml/beats/preprocess';
import { RR_DIM } from '../../main/ml/beats/rr';
import { mulberry32 } from '../../main/ml/seed';

/** Two small conv layers and small dense layers: trains in well under a second. */
export const SMALL_BEAT_MODEL: BeatModelConfig = {
  ...DEFAULT_BEAT_MODEL,
  convFilters: [4, 8],
  kernelSizes: [5, 3],
  denseUnits: 8,
  rrUnits: 4,
  headUnits: 8,
};

/** n random beats (seeded), windows with `margin` extra samples each side, labels cycling N…Q. */
export function tinyBeatSet(n: number, margin = 0, seed = 3): BeatSet {
  const rand = mulberry32(seed);
  const len = WINDOW_LEN + 2 * margin;
  return {
    windowLen: len,
    margin,
    windows: Float32Array.from({ length: n * len * N_CHANNELS }, () => rand() - 0.5),
    rr: Float32Array.from({ length: n * RR_DIM }, () => 0.5 + rand()),
    labels: Uint8Array.from({ length: n }, (_, i) => i % BEAT_CLASSES.length),
    records: new Array<string>(n).fill('x'),
    samples: Int32Array.from({ length: n }, (_, i) => i * 300),
  };
}
