/** How the measurements panel names, formats and explains the analysis' measurements. */
import type { MeasurementsSummary } from '@common/types';
import { findLead } from './leads';

export interface MeasurementLine {
  key: string;
  name: string;
  value: number | null;
  unit: string;
  /** Small print under the value (e.g. the formula). */
  note?: string;
  /** Tooltip: the formula, or why there is no value. */
  title: string;
}

/** Why the axis is missing: the limb leads it needs, or an indeterminate QRS. */
function axisReason(leads: readonly string[]): string {
  const missing = ['I', 'aVF'].filter((l) => findLead(leads, l) < 0);
  if (missing.length > 0) {
    return `The frontal axis needs limb leads I and aVF; this recording has ${leads.join(', ')}.`;
  }
  return 'The frontal axis could not be determined (small or indeterminate QRS in the limb leads).';
}

export function measurementLines(
  m: MeasurementsSummary,
  leads: readonly string[],
): MeasurementLine[] {
  const why = (v: number | null, reason: string, ok: string) => (v === null ? reason : ok);
  return [
    {
      key: 'hr',
      name: 'Heart rate',
      value: m.heartRateBpm,
      unit: 'bpm',
      title: why(m.heartRateBpm, 'Fewer than two beats were detected.', '60 000 / median RR'),
    },
    {
      key: 'rr',
      name: 'RR',
      value: m.rrMs,
      unit: 'ms',
      title: why(m.rrMs, 'Fewer than two beats were detected.', 'Median RR interval'),
    },
    {
      key: 'pr',
      name: 'PR',
      value: m.prMs,
      unit: 'ms',
      title: why(
        m.prMs,
        'No consistent P wave before the QRS (e.g. atrial fibrillation, a paced rhythm or noise).',
        'Median P onset to QRS onset',
      ),
    },
    {
      key: 'qrs',
      name: 'QRS',
      value: m.qrsMs,
      unit: 'ms',
      title: why(
        m.qrsMs,
        'QRS onset and end could not be delineated reliably.',
        'Median QRS width',
      ),
    },
    {
      key: 'qt',
      name: 'QT',
      value: m.qtMs,
      unit: 'ms',
      title: why(
        m.qtMs,
        'The end of the T wave could not be found reliably.',
        'Median QRS onset to T end',
      ),
    },
    {
      key: 'qtc',
      name: 'QTc Bazett',
      value: m.qtcMs,
      unit: 'ms',
      note: 'QT / √RR',
      title: why(m.qtcMs, 'Needs both QT and RR.', m.qtcFormula),
    },
    {
      key: 'qtcf',
      name: 'QTc Fridericia',
      value: m.qtcFridericiaMs,
      unit: 'ms',
      note: 'QT / ∛RR',
      title: why(m.qtcFridericiaMs, 'Needs both QT and RR.', m.qtcFridericiaFormula),
    },
    {
      key: 'axis',
      name: 'Axis',
      value: m.axisDeg,
      unit: '°',
      title: why(m.axisDeg, axisReason(leads), 'Frontal-plane QRS axis from leads I and aVF'),
    },
  ];
}

/** "1:05", "12:03:07" */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
