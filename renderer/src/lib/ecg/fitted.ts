/**
 * Signals that are not voltages (arterial pressure in mmHg, a plethysmogram in NU, respiration
 * in Ohm: what MIMIC-style bedside records carry beside the ECG) cannot be drawn on millivolt
 * paper: their numbers would run far off the row. They are drawn fitted to their row instead:
 * the range they span over the whole recording fills the row less a margin, and the row's label
 * says so, with the units and the range, so nobody reads them against the mm/mV grid.
 */

export interface FittedRange {
  /** Physical value drawn near the bottom of the row. */
  lo: number;
  /** Physical value drawn near the top. */
  hi: number;
  /** The signal's units as written in the file. */
  units: string;
}

/** Share of the row left free above and below the fitted range. */
const MARGIN = 0.1;

/**
 * The range from min/max columns over the whole recording: 1st percentile of the minima to the
 * 99th of the maxima, so one artefact spike does not shrink the trace. Null without any value;
 * a flat signal gets ±1 unit around its level.
 */
export function fittedRange(
  mins: readonly number[],
  maxs: readonly number[],
  units: string,
): FittedRange | null {
  const lo = quantile(mins.filter(Number.isFinite), 0.01);
  const hi = quantile(maxs.filter(Number.isFinite), 0.99);
  if (lo === null || hi === null) return null;
  return hi > lo ? { lo, hi, units } : { lo: lo - 1, hi: lo + 1, units };
}

/** The linear map of a fitted range onto the row: y = base + (v − lo)·k. */
function rowMap(range: FittedRange, rowMv: readonly [number, number]) {
  const [bottom, top] = rowMv;
  const span = top - bottom;
  return { base: bottom + span * MARGIN, k: (span * (1 - 2 * MARGIN)) / (range.hi - range.lo) };
}

/** Physical values → the row's millivolt axis [bottom, top]; gaps (null) stay gaps. */
export function fitToRow(
  values: readonly (number | null)[],
  range: FittedRange,
  rowMv: readonly [number, number],
): (number | null)[] {
  const { base, k } = rowMap(range, rowMv);
  return values.map((v) => (v === null ? null : base + (v - range.lo) * k));
}

/** The inverse of fitToRow for one value: a point on the row back in the signal's units. */
export function fromRow(y: number, range: FittedRange, rowMv: readonly [number, number]): number {
  const { base, k } = rowMap(range, rowMv);
  return range.lo + (y - base) / k;
}

/** "mmHg, fitted: 50 to 180" — what the row's label adds for a fitted signal. */
export function fittedLabel(range: FittedRange): string {
  const span = Math.max(1e-9, range.hi - range.lo);
  const places = Math.min(3, Math.max(0, 1 - Math.floor(Math.log10(span))));
  // What rounds to zero prints as 0, not "-0.0".
  const fmt = (v: number) => (Math.abs(v) < 0.5 * 10 ** -places ? 0 : v).toFixed(places);
  return `${range.units || 'no units'}, fitted: ${fmt(range.lo)} to ${fmt(range.hi)}`;
}

function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const s = Float64Array.from(values).sort();
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
}
