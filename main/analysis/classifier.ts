/**
 * What the analysis needs from a beat classifier. The model runtime (main/ml) provides one;
 * analysis code depends only on this shape, so it runs (and is tested) without TensorFlow.
 */
import type { ParsedRecording } from '../formats/types';

export type BeatClass = 'N' | 'S' | 'V' | 'F' | 'Q';

export interface ClassifiedBeat {
  label: BeatClass;
  confidence: number;
  probs: Record<BeatClass, number>;
}

export interface BeatClassifier {
  /** e.g. "beat-full@1.0.0" */
  version: string;
  /** The tfjs backend in use: "tensorflow", "wasm" or "cpu". */
  backend: string;
  /** Which model the Full/Pruned/Auto setting picked, and why (absent for test doubles). */
  choice?: { setting: 'full' | 'pruned' | 'auto'; model: 'full' | 'pruned'; reason: string };
  /** One result per beat, in order. `leadIndex` is the analysed lead. */
  classify(
    recording: ParsedRecording,
    leadIndex: number,
    beatSamples: Int32Array,
  ): Promise<ClassifiedBeat[]>;
}
