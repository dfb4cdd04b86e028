/**
 * From a parsed recording's digital samples to physical millivolts, the unit every DSP
 * function in main/dsp expects.
 */
import type { ParsedLead } from '../formats/types';
import { INVALID_SAMPLE } from '../formats/types';

/** Factor from physical units to mV (as main/import/units.ts; kept here so analysis depends only on formats). */
function toMillivolts(units: string): number | null {
  const u = units.trim().replace(/^µ|^μ/, 'u').toLowerCase();
  return u === 'mv' ? 1 : u === 'uv' ? 1e-3 : u === 'nv' ? 1e-6 : u === 'v' ? 1e3 : null;
}

/**
 * (digital - baseline) / gain, scaled to mV. Invalid samples (gaps) become NaN, which the
 * detectors treat as missing. Leads whose units are not a voltage are taken as mV: ECG files
 * that say nothing (or something odd) are in mV far more often than not.
 */
export function leadMillivolts(lead: ParsedLead): Float32Array {
  const k = (toMillivolts(lead.units) ?? 1) / (lead.gain || 200);
  const d = lead.digital;
  const out = new Float32Array(d.length);
  for (let i = 0; i < d.length; i++)
    out[i] = d[i] === INVALID_SAMPLE ? Number.NaN : (d[i] - lead.baseline) * k;
  return out;
}
