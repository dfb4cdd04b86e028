/** Assembling a ParsedRecording from the verified sections. */
import { INVALID_SAMPLE, type ParsedLead, type ParsedRecording } from '../types';
import { ScpEcgError } from './errors';
import { readEncoding } from './huffman';
import { readLeadDefinitions, type LeadDefinition } from './leads';
import { MAX_TOTAL_SAMPLES } from './limits';
import { readHeaderFacts } from './patient';
import { readRhythm } from './rhythm';
import { readSections, type ScpSections } from './sections';
import { readStatements } from './statements';
import { recordNameOf } from '../record-name';

/**
 * Reads a whole SCP-ECG record (EN 1064 / ISO 11073-91064). Pure: `fileName` only names the
 * file in error messages and gives the record name. Throws ScpEcgError.
 *
 * Samples are placed by their section 3 sample numbers, so leads recorded at different times
 * keep their timing; samples a lead does not cover are INVALID_SAMPLE. Physical values are in
 * mV: gain = 10^6 / amplitude multiplier in nV.
 */
export function readScpEcgRecording(bytes: Uint8Array, fileName: string): ParsedRecording {
  const sections = readSections(bytes, fileName);
  const lead3 = required(sections, 3, 'lead definitions', fileName);
  const rhythm6 = required(sections, 6, 'rhythm data', fileName);
  const defs = readLeadDefinitions(lead3);
  if (defs.referenceBeatSubtracted) {
    throw new ScpEcgError(fileName, 'reference beat subtraction (section 4) is not supported');
  }
  const { first, samples } = timeline(defs.leads, fileName);
  const encoding = readEncoding(sections.get(2)?.data ?? null);
  const rhythm = readRhythm(rhythm6, defs.leads, encoding);
  const gain = 1_000_000 / rhythm.amplitudeNv;
  const leads = defs.leads.map((def, i): ParsedLead => ({
    name: def.name,
    units: 'mV',
    gain,
    baseline: 0,
    adcResolution: null,
    digital: place(rhythm.leads[i], def.first - first, samples),
  }));
  const facts = readHeaderFacts(sections.get(1)?.data ?? null);
  return {
    format: 'scp-ecg',
    recordName: recordNameOf(fileName),
    fs: 1_000_000 / rhythm.intervalUs,
    samples,
    leads,
    startTime: facts.startTime,
    comments: readStatements(sections.get(8)?.data ?? null),
    patient: { externalId: facts.patientId, age: facts.age, sex: facts.sex },
    annotations: {},
  };
}

function required(sections: ScpSections, id: number, what: string, fileName: string) {
  const section = sections.get(id);
  if (!section) throw new ScpEcgError(fileName, `has no section ${id} (${what})`);
  return section.data;
}

/** First sample number and total samples; refuses sizes beyond the limits before allocating. */
function timeline(leads: LeadDefinition[], fileName: string): { first: number; samples: number } {
  const first = Math.min(...leads.map((l) => l.first));
  const samples = Math.max(...leads.map((l) => l.last)) - first + 1;
  if (samples * leads.length > MAX_TOTAL_SAMPLES) {
    throw new ScpEcgError(
      fileName,
      `${leads.length} leads of ${samples} samples exceed the limit of ${MAX_TOTAL_SAMPLES} samples`,
    );
  }
  return { first, samples };
}

/** The lead's samples at `offset` in a recording of `samples`, the rest INVALID_SAMPLE. */
function place(values: Int32Array, offset: number, samples: number): Int32Array {
  if (offset === 0 && values.length === samples) return values;
  const out = new Int32Array(samples).fill(INVALID_SAMPLE);
  out.set(values, offset);
  return out;
}
