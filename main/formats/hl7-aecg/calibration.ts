/**
 * SLIST_PQ calibration: physical = digit × scale + origin, in the scale's unit. As a
 * ParsedLead: gain = 1/scale (ADC units per physical unit), baseline = −origin/scale (the
 * digit that means 0), which must be a whole number since baselines are digital values.
 */
import { Hl7AecgError } from './errors';
import type { Quantity } from './series';

export interface Calibration {
  gain: number;
  baseline: number;
  units: string;
}

/** µV per unit, to bring an origin written in another voltage unit to the scale's. */
const MICROVOLTS: Record<string, number> = { V: 1e6, mV: 1e3, uV: 1, µV: 1, nV: 1e-3 };

export function calibration(
  origin: Quantity | null,
  scale: Quantity | null,
  lead: string,
  fileName: string,
): Calibration {
  const fail = (problem: string): never => {
    throw new Hl7AecgError(fileName, `lead ${lead}: ${problem}`);
  };
  if (scale === null) return fail('no <scale> (the digits cannot be calibrated)');
  const step = Number(scale.value ?? NaN);
  if (!Number.isFinite(step) || step <= 0) return fail(`bad scale '${scale.value ?? ''}'`);
  // The project's convention for files that give no unit (see types.ts).
  const units = scale.unit ?? origin?.unit ?? 'mV';
  const offset = originInUnits(origin, units, fail);
  const exact = -offset / step;
  const baseline = Math.round(exact);
  if (Math.abs(exact - baseline) > 1e-6 * Math.max(1, Math.abs(exact))) {
    fail(`origin ${origin?.value} is not a whole number of scale steps (${step} ${units})`);
  }
  if (Math.abs(baseline) > 0x7fffffff) fail(`origin ${origin?.value} is out of range`);
  return { gain: 1 / step, baseline: baseline === 0 ? 0 : baseline, units };
}

function originInUnits(
  origin: Quantity | null,
  units: string,
  fail: (problem: string) => never,
): number {
  if (origin === null || origin.value === null) return 0; // absent origin: none
  const value = Number(origin.value);
  if (!Number.isFinite(value)) fail(`bad origin '${origin.value}'`);
  if (origin.unit === null || origin.unit === units) return value;
  const from = MICROVOLTS[origin.unit];
  const to = MICROVOLTS[units];
  if (from === undefined || to === undefined) {
    fail(`origin unit '${origin.unit}' differs from scale unit '${units}'`);
  }
  return (value * from) / to;
}
