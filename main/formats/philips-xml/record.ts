/** Reading a whole Philips SierraECG / PhilipsECG XML document into a ParsedRecording. */
import type { ParsedLead, ParsedRecording } from '../types';
import { decodeWaveforms } from './decode';
import { acquisitionTime, checkDocument, interpretationComments, patientFacts } from './document';
import { PhilipsXmlError } from './errors';
import { MAX_FILE_BYTES } from './limits';
import type { Fail } from './numbers';
import { decodeText } from './text';
import { type WaveformSpec, readWaveformSpec } from './waveform-spec';
import { parseXml, type XmlNode } from './xml';
import { recordNameOf } from '../record-name';

function parseDocument(bytes: Uint8Array, fail: Fail): XmlNode {
  if (bytes.length === 0) return fail('empty file');
  if (bytes.length > MAX_FILE_BYTES) {
    return fail(`${bytes.length} bytes is larger than the ${MAX_FILE_BYTES}-byte limit`);
  }
  let text: string;
  try {
    text = decodeText(bytes, true);
  } catch {
    return fail('not valid UTF-8 or UTF-16 text');
  }
  const parsed = parseXml(text);
  return 'problem' in parsed ? fail(parsed.problem) : parsed.root;
}

/**
 * Digital values are the stored integers; the physical unit is mV with gain 1000 / resolution
 * (5 µV per unit → 200 units per mV, WFDB's customary gain).
 */
function toLeads(spec: WaveformSpec, digital: Int32Array[]): ParsedLead[] {
  return spec.labels.map((name, i) => ({
    name,
    units: 'mV',
    gain: 1000 / spec.resolutionUv,
    baseline: 0,
    adcResolution: spec.bitsPerSample,
    digital: digital[i],
  }));
}

/**
 * Reads a Philips SierraECG (1.03) or PhilipsECG (1.04, 1.04.01) XML file: the full-disclosure
 * waveforms of <parsedwaveforms> (XLI-compressed or not), acquisition time, patient facts and
 * the machine interpretation. Pure; throws PhilipsXmlError ("<file>: <problem>").
 */
export function readPhilipsXmlRecording(bytes: Uint8Array, fileName: string): ParsedRecording {
  const fail: Fail = (problem) => {
    throw new PhilipsXmlError(fileName, problem);
  };
  const doc = parseDocument(bytes, fail);
  const { root, version } = checkDocument(doc, fail);
  const spec = readWaveformSpec(root, fail);
  const digital = decodeWaveforms(spec, fail);
  const startTime = acquisitionTime(root);
  return {
    format: 'philips-xml',
    recordName: recordNameOf(fileName),
    fs: spec.fs,
    samples: spec.samples,
    leads: toLeads(spec, digital),
    startTime,
    comments: [`Philips documentversion: ${version}`, ...interpretationComments(root)],
    patient: patientFacts(root, startTime),
    annotations: {},
  };
}
