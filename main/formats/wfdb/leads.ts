/** Shared pieces for turning decoded signals into ParsedRecording leads. */
import type { ParsedLead } from '../types';
import type { WfdbSignalSpec } from './header-types';

/** Decoded signals at one common rate: `frames` frames of `outSpf` samples each. */
export interface DecodedSignals {
  leads: ParsedLead[];
  frames: number;
  /** Output samples per frame: the largest samples-per-frame of any signal. */
  outSpf: number;
}

export function leadFromSpec(spec: WfdbSignalSpec, index: number, digital: Int32Array): ParsedLead {
  return {
    // WFDB tools call an undescribed signal by its number.
    name: spec.description ?? `signal ${index}`,
    units: spec.units,
    gain: spec.gain,
    baseline: spec.baseline,
    adcResolution: spec.adcResolution,
    digital,
  };
}

export function maxSamplesPerFrame(specs: readonly WfdbSignalSpec[]): number {
  return specs.reduce((max, s) => Math.max(max, s.samplesPerFrame), 1);
}
