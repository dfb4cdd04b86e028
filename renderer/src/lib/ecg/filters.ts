/**
 * Display filters (applied by `signals.window`; the stored signal stays raw) and the text the
 * paper prints about them, so nobody mistakes a filtered trace for the raw one.
 */
export type PowerlineHz = 50 | 60;
export type LowpassHz = 40 | 100 | 150;

export interface DisplayFilters {
  /** 0.5 Hz high-pass. */
  baselineWander: boolean;
  powerlineHz: PowerlineHz | null;
  lowpassHz: LowpassHz | null;
}

export const POWERLINE_OPTIONS: readonly PowerlineHz[] = [50, 60];
export const LOWPASS_OPTIONS: readonly LowpassHz[] = [40, 100, 150];

export const DEFAULT_FILTERS: DisplayFilters = {
  baselineWander: true,
  powerlineHz: null,
  lowpassHz: null,
};

export function anyFilter(f: DisplayFilters): boolean {
  return f.baselineWander || f.powerlineHz !== null || f.lowpassHz !== null;
}

/** The `filters` option of `signals.window`, or undefined for raw samples. */
export function filtersInput(
  f: DisplayFilters,
): { baselineWander?: boolean; powerlineHz?: PowerlineHz; lowpassHz?: LowpassHz } | undefined {
  if (!anyFilter(f)) return undefined;
  return {
    ...(f.baselineWander ? { baselineWander: true } : {}),
    ...(f.powerlineHz !== null ? { powerlineHz: f.powerlineHz } : {}),
    ...(f.lowpassHz !== null ? { lowpassHz: f.lowpassHz } : {}),
  };
}

/**
 * "0.5–40 Hz, 50 Hz notch", "0.5 Hz high-pass", "40 Hz low-pass", "Unfiltered (raw)". A low-pass
 * at or above the Nyquist frequency does nothing and is not printed.
 */
export function filterLabel(f: DisplayFilters, fs: number): string {
  const lp = f.lowpassHz !== null && f.lowpassHz < fs / 2 ? f.lowpassHz : null;
  const parts: string[] = [];
  if (f.baselineWander && lp !== null) parts.push(`0.5–${lp} Hz`);
  else if (f.baselineWander) parts.push('0.5 Hz high-pass');
  else if (lp !== null) parts.push(`${lp} Hz low-pass`);
  if (f.powerlineHz !== null) parts.push(`${f.powerlineHz} Hz notch`);
  return parts.length > 0 ? parts.join(', ') : 'Unfiltered (raw)';
}

export function sameFilters(a: DisplayFilters, b: DisplayFilters): boolean {
  return (
    a.baselineWander === b.baselineWander &&
    a.powerlineHz === b.powerlineHz &&
    a.lowpassHz === b.lowpassHz
  );
}
