/**
 * Turning the chosen series' sequence sets into ParsedLeads: sampling rate, sizes checked
 * against the limits before allocation, digits decoded, shorter sets padded.
 */
import type { ParsedLead } from '../types';
import { INVALID_SAMPLE } from '../types';
import { calibration } from './calibration';
import { countDigits, decodeDigits } from './digits';
import { Hl7AecgError } from './errors';
import type { Hl7AecgLimits } from './limits';
import { leadName } from './names';
import type { RawSequenceSet } from './series';
import { samplingRate } from './time';

export interface DecodedLeads {
  fs: number;
  samples: number;
  leads: ParsedLead[];
  /** Notes for the recording's comments (padding). */
  notes: string[];
}

interface Sized {
  name: string;
  count: number;
}

export function decodeLeads(
  sets: RawSequenceSet[],
  fileName: string,
  limits: Hl7AecgLimits,
): DecodedLeads {
  const fs = commonRate(sets, fileName, limits.maxFs);
  const raw = sets.flatMap((s) => s.leads);
  if (raw.length > limits.maxLeads) {
    throw new Hl7AecgError(fileName, `${raw.length} leads (at most ${limits.maxLeads} are read)`);
  }
  const sized = sets.flatMap((s) => checkSetLengths(s, fileName));
  const samples = Math.max(...sized.map((s) => s.count));
  if (samples === 0) throw new Hl7AecgError(fileName, 'the leads have no samples');
  if (raw.length * samples > limits.maxTotalSamples) {
    throw new Hl7AecgError(
      fileName,
      `${raw.length} leads × ${samples} samples exceed the limit of ${limits.maxTotalSamples} samples`,
    );
  }
  // Calibration first: a bad scale fails before the large arrays are allocated.
  const cals = raw.map((lead, i) => calibration(lead.origin, lead.scale, sized[i].name, fileName));
  const leads = raw.map((lead, i): ParsedLead => {
    const { name, count } = sized[i];
    const digital = new Int32Array(samples);
    decodeDigits(lead.digits, digital, { fileName, lead: name });
    digital.fill(INVALID_SAMPLE, count);
    return { name, ...cals[i], adcResolution: null, digital };
  });
  return { fs, samples, leads, notes: paddingNotes(sized, samples) };
}

/** All sets must share one rate: the recording has a single fs. */
function commonRate(sets: RawSequenceSet[], fileName: string, maxFs: number): number {
  const rates = sets.map((s) => samplingRate(s.increment.value, s.increment.unit, fileName, maxFs));
  const other = rates.find((r) => r !== rates[0]);
  if (other !== undefined) {
    throw new Hl7AecgError(
      fileName,
      `sequence sets have different sampling rates (${rates[0]} and ${other} Hz)`,
    );
  }
  return rates[0];
}

/**
 * Leads of one sequence set share its time axis, so they must be equally long; a difference
 * means a damaged file (e.g. cut inside a <digits>). The message names the odd lead against
 * the length most leads have.
 */
function checkSetLengths(set: RawSequenceSet, fileName: string): Sized[] {
  const sized = set.leads.map((l) => ({
    name: leadName(l.code),
    count: countDigits(l.digits),
  }));
  const usual = mostCommon(sized.map((s) => s.count));
  const odd = sized.find((s) => s.count !== usual);
  if (odd) {
    throw new Hl7AecgError(
      fileName,
      `lead ${odd.name} has ${odd.count} samples, other leads ${usual}`,
    );
  }
  return sized;
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0];
  for (const [v, n] of counts) if (n > (counts.get(best) ?? 0)) best = v;
  return best;
}

/** Leads from a shorter sequence set end in INVALID_SAMPLE; say so. */
function paddingNotes(sized: Sized[], samples: number): string[] {
  const short = sized.filter((s) => s.count < samples);
  if (short.length === 0) return [];
  const names = short.map((s) => `${s.name} (${s.count})`).join(', ');
  return [`leads from shorter sequence sets padded to ${samples} samples: ${names}`];
}
