/**
 * AAMI EC57-style beat classification statistics. Rows of the confusion matrix are reference
 * classes, columns predicted classes, both in BEAT_CLASSES order. Reference Q beats are left
 * out of Se/+P/accuracy as EC57 does (Q is "unclassifiable"); a beat predicted Q still counts
 * as a miss for its reference class.
 */
import { BEAT_CLASSES } from './labels';

export interface ClassStats {
  se: number;
  ppv: number;
  f1: number;
  support: number;
}

export interface BeatReport {
  confusion: number[][];
  perClass: Record<string, ClassStats>;
  /** Over reference N, S, V, F. */
  accuracy: number;
  total: number;
}

const SCORED = ['N', 'S', 'V', 'F'];

export function confusionMatrix(
  ref: ArrayLike<number>,
  pred: ArrayLike<number>,
  k = BEAT_CLASSES.length,
): number[][] {
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < ref.length; i++) m[ref[i]][pred[i]]++;
  return m;
}

export function beatReport(
  confusion: number[][],
  labels: readonly string[] = BEAT_CLASSES,
): BeatReport {
  const scoredRows = labels.flatMap((l, i) => (SCORED.includes(l) ? [i] : []));
  const perClass: Record<string, ClassStats> = {};
  labels.forEach((label, c) => {
    const tp = confusion[c][c];
    const support = confusion[c].reduce((a, b) => a + b, 0);
    const predicted =
      scoredRows.reduce((a, r) => a + confusion[r][c], 0) + (scoredRows.includes(c) ? 0 : tp);
    const se = support ? tp / support : NaN;
    const ppv = predicted ? tp / predicted : NaN;
    perClass[label] = { se, ppv, f1: se + ppv > 0 ? (2 * se * ppv) / (se + ppv) : 0, support };
  });
  const correct = scoredRows.reduce((a, r) => a + confusion[r][r], 0);
  const total = scoredRows.reduce((a, r) => a + confusion[r].reduce((x, y) => x + y, 0), 0);
  return { confusion, perClass, accuracy: total ? correct / total : NaN, total };
}

/** Markdown table: per-class Se, +P, F1 and the confusion matrix. */
export function formatReport(r: BeatReport, labels: readonly string[] = BEAT_CLASSES): string {
  const pct = (v: number): string => (Number.isFinite(v) ? (100 * v).toFixed(1) : '–');
  const lines = ['| Class | Beats | Se % | +P % | F1 % |', '|---|---:|---:|---:|---:|'];
  for (const l of labels) {
    const s = r.perClass[l];
    lines.push(`| ${l} | ${s.support} | ${pct(s.se)} | ${pct(s.ppv)} | ${pct(s.f1)} |`);
  }
  lines.push('', `Accuracy over N, S, V, F: ${pct(r.accuracy)} % (${r.total} beats)`, '');
  lines.push(
    `| ref \\ pred | ${labels.join(' | ')} |`,
    `|---|${labels.map(() => '---:').join('|')}|`,
  );
  r.confusion.forEach((row, i) => lines.push(`| ${labels[i]} | ${row.join(' | ')} |`));
  return lines.join('\n');
}
