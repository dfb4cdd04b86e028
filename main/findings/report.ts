/** Markdown tables of a findings evaluation (CLI output and the model card). */
import type { FindingsEvaluation, MethodResult } from './evaluate';
import type { Interval } from '../ml/record/metrics';

const METHOD_TITLES: Record<string, string> = {
  model: 'Model only',
  rules: 'Rules only',
  combined: 'Combined (as reported by the app)',
};

export function fmt(v: number): string {
  return Number.isFinite(v) ? v.toFixed(2) : '–';
}

export function fmtInterval(i: Interval): string {
  if (!Number.isFinite(i.value)) return '–';
  return Number.isFinite(i.lo) ? `${fmt(i.value)} (${fmt(i.lo)}–${fmt(i.hi)})` : fmt(i.value);
}

export function formatMethod(m: MethodResult): string {
  const lines = [
    `${METHOD_TITLES[m.method] ?? m.method}:`,
    '',
    '| Code | Pos. | TP | FP | FN | F1 (95 % CI) | Se | Sp | AUC |',
    '|---|---:|---:|---:|---:|---|---|---|---|',
  ];
  for (const c of m.codes)
    lines.push(
      `| ${c.code} | ${c.positives} | ${c.tp} | ${c.fp} | ${c.fn} | ${fmtInterval(c.f1)} | ` +
        `${fmtInterval(c.se)} | ${fmtInterval(c.sp)} | ${fmtInterval(c.auc)} |`,
    );
  lines.push(
    '',
    `Macro over the six Ribeiro codes: F1 ${fmtInterval(m.macro.ribeiroF1)}, AUC ${fmtInterval(m.macro.ribeiroAuc)}`,
  );
  if (Number.isFinite(m.macro.superAuc.value))
    lines.push(
      `Macro over the five superclasses: F1 ${fmtInterval(m.macro.superF1)}, AUC ${fmtInterval(m.macro.superAuc)}`,
    );
  return lines.join('\n');
}

export function formatEvaluation(ev: FindingsEvaluation): string {
  return [
    `${ev.set}: ${ev.n} records; 95 % CIs from ${ev.bootstrap.replicates} bootstrap resamples of records (seed ${ev.bootstrap.seed})`,
    '',
    ...ev.methods.map((m) => formatMethod(m) + '\n'),
  ].join('\n');
}
