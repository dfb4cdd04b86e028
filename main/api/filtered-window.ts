/**
 * Display filters for a signal window. Zero-phase filters need signal on both sides of what
 * is shown, so the window is read with padding, filtered, and trimmed; the reduction to
 * min/max columns happens after filtering so peaks are the filtered ones. The filters are ECG
 * filters: leads that are not voltages (arterial pressure, pleth, respiration) are returned as
 * recorded, since a 0.5 Hz high-pass would take away the mean pressure itself.
 */
import type { Input } from '@common/api';
import type { SignalWindow } from '@common/types';
import { conditionEcg } from '../dsp/filters/condition';
import type { Store } from '../store';
import { reductionStep } from '../store/reduce';

export type DisplayFilters = NonNullable<Input<'signals.window'>['filters']>;

/** Padding each side: several time constants of the 0.5 Hz high-pass. */
const PAD_S = 4;

export function hasActiveFilter(f: DisplayFilters | undefined): f is DisplayFilters {
  return !!f && (!!f.baselineWander || !!f.powerlineHz || !!f.lowpassHz);
}

export function readFilteredWindow(
  store: Store,
  recordingId: string,
  startSample: number,
  endSample: number,
  filters: DisplayFilters,
  leads?: number[],
  maxPoints?: number,
): SignalWindow | null {
  const layout = store.recordings.layout(recordingId);
  if (!layout) return null;
  const end = Math.min(endSample, layout.samples);
  const start = Math.min(startSample, end);
  const pad = Math.round(PAD_S * layout.fs);
  const from = Math.max(0, start - pad);
  const to = Math.min(layout.samples, end + pad);
  const raw = store.signals.readWindow(recordingId, from, to, leads);
  if (!raw) return null;
  const step = reductionStep(end - start, maxPoints);
  return {
    ...raw,
    startSample: start,
    endSample: end,
    step,
    leads: raw.leads.map((lead) => {
      const isVoltage = layout.leads[lead.index]?.toMillivolts != null;
      const all = isVoltage
        ? filterLead(lead.values, layout.fs, filters)
        : Float64Array.from(lead.values);
      const shown = all.subarray(start - from, end - from);
      if (step === 1) return { index: lead.index, name: lead.name, values: Array.from(shown) };
      const { min, max } = floatMinMax(shown, step);
      return { index: lead.index, name: lead.name, values: min, maxValues: max };
    }),
  };
}

/** Filters one lead; samples that are missing (NaN) stay missing and do not smear. */
function filterLead(values: number[], fsHz: number, f: DisplayFilters): Float32Array {
  const x = new Float32Array(values.length);
  const missing: number[] = [];
  values.forEach((v, i) => {
    if (Number.isFinite(v)) x[i] = v;
    else missing.push(i);
  });
  const y = conditionEcg(x, fsHz, {
    baselineCutoffHz: f.baselineWander ? 0.5 : null,
    mainsHz: f.powerlineHz ?? null,
    lowPassHz: f.lowpassHz && f.lowpassHz < fsHz / 2 ? f.lowpassHz : null,
  });
  for (const i of missing) y[i] = Number.NaN;
  return y;
}

function floatMinMax(
  x: Float32Array | Float64Array,
  step: number,
): { min: number[]; max: number[] } {
  const n = Math.ceil(x.length / step);
  const min = new Array<number>(n);
  const max = new Array<number>(n);
  for (let c = 0; c < n; c++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = c * step; i < Math.min(x.length, (c + 1) * step); i++) {
      if (x[i] < lo) lo = x[i];
      if (x[i] > hi) hi = x[i];
    }
    min[c] = lo === Infinity ? Number.NaN : lo;
    max[c] = hi === -Infinity ? Number.NaN : hi;
  }
  return { min, max };
}
