/**
 * The DS1 hold-out decision: which final size and which schedule (multistage or one-shot).
 * The aim mirrors the issue's: accuracy and macro F1 within 1 point of the unpruned model.
 * Among candidates that stay within that on the hold-out, the cheapest (fewest FLOPs) wins,
 * and at equal size the higher macro F1; if none does, the least-pruned size's best schedule.
 *
 * Macro F1 is the project's model-choice score (train.ts validationScore): mean F1 of N, S, V.
 */
import type { BeatReport } from '../beats/metrics';
import { validationScore } from '../beats/train';
import type { PruneSizes } from './flops';

export type Method = 'multistage' | 'one-shot';

export interface Candidate {
  target: PruneSizes;
  method: Method;
  flops: number;
  val: BeatReport;
  /** Hold-out agreement with the reference (holdout.ts agreement), when measured. */
  agreement?: { all: number; refSV: number };
}

export interface Choice {
  chosen: Candidate;
  /** Whether the chosen candidate met the tolerance on the hold-out. */
  withinTolerance: boolean;
}

export function withinTolerance(val: BeatReport, ref: BeatReport, tolerance: number): boolean {
  return (
    val.accuracy >= ref.accuracy - tolerance &&
    validationScore(val) >= validationScore(ref) - tolerance
  );
}

export function chooseCandidate(
  ref: BeatReport,
  candidates: Candidate[],
  tolerance = 0.01,
): Choice {
  if (candidates.length === 0) throw new Error('no pruning candidates');
  const ok = candidates.filter((c) => withinTolerance(c.val, ref, tolerance));
  const pool = ok.length > 0 ? ok : candidates;
  const flops =
    ok.length > 0 ? Math.min(...pool.map((c) => c.flops)) : Math.max(...pool.map((c) => c.flops));
  const chosen = pool
    .filter((c) => c.flops === flops)
    .reduce((a, b) => (validationScore(b.val) > validationScore(a.val) ? b : a));
  return { chosen, withinTolerance: ok.length > 0 };
}
