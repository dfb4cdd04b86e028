/**
 * Split BY RECORDING (never by beat: beats of one patient are near-duplicates) into
 * fine-tune and held-out sets: a fifth held out, at least one recording when there are two
 * or more; with a single recording nothing is held out (and the metrics say so).
 */
import { mulberry32 } from '../seed';

export interface RecordingSplit {
  tune: string[];
  heldOut: string[];
  note: string | null;
}

export function splitRecordings(
  ids: readonly string[],
  seed: number,
  heldOutShare = 0.2,
): RecordingSplit {
  const sorted = [...ids].sort();
  if (sorted.length < 2)
    return {
      tune: sorted,
      heldOut: [],
      note: 'only one signed recording: nothing could be held out, so there are no held-out metrics',
    };
  const rand = mulberry32(seed);
  for (let i = sorted.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [sorted[i], sorted[j]] = [sorted[j], sorted[i]];
  }
  const k = Math.min(sorted.length - 1, Math.max(1, Math.round(sorted.length * heldOutShare)));
  return { tune: sorted.slice(k).sort(), heldOut: sorted.slice(0, k).sort(), note: null };
}
