/** Reading a whole HL7 aECG (FDA/HL7 2003-12 "annotated ECG") document. */
import type { ParsedRecording } from '../types';
import { Hl7AecgError } from './errors';
import { decodeLeads } from './leads';
import type { Hl7AecgLimits } from './limits';
import { DEFAULT_LIMITS } from './limits';
import { patientFacts, recordingComments, recordingTime } from './facts';
import { chooseSeries, readSequenceSets } from './series';
import { decodeXmlBytes, endsWithRootClose, ROOT_START, scanProlog } from './text';
import { isoTime } from './time';
import type { XmlElement } from './xml';
import { child, parseXml } from './xml';
import { recordNameOf } from '../record-name';

/**
 * Reads the rhythm waveforms of an aECG file (bytes of the whole .xml). Pure; throws
 * Hl7AecgError naming `fileName`. `limits` exist for tests; callers use the defaults.
 */
export function readHl7AecgWithLimits(
  bytes: Uint8Array,
  fileName: string,
  limits: Hl7AecgLimits = DEFAULT_LIMITS,
): ParsedRecording {
  const root = parseDocument(bytes, fileName);
  const chosen = chooseSeries(root, fileName);
  const sets = readSequenceSets(chosen.series, fileName);
  const decoded = decodeLeads(sets, fileName, limits);
  const time = recordingTime(root, chosen, sets);
  return {
    format: 'hl7-aecg',
    recordName: recordNameOf(fileName),
    fs: decoded.fs,
    samples: decoded.samples,
    leads: decoded.leads,
    startTime: time ? isoTime(time) : null,
    comments: recordingComments(root, chosen, decoded.notes),
    patient: patientFacts(root, time),
    annotations: {},
  };
}

/** Decodes, checks the prolog and the end, parses once, and returns <AnnotatedECG>. */
function parseDocument(bytes: Uint8Array, fileName: string): XmlElement {
  const text = decodeXmlBytes(bytes, fileName);
  const prolog = scanProlog(text);
  if (prolog.internalSubset) {
    // aECG never needs a DTD; internal subsets are where entity bombs live.
    throw new Hl7AecgError(fileName, 'DOCTYPE with declarations is not allowed in an aECG file');
  }
  if (prolog.rootStart < 0) throw new Hl7AecgError(fileName, 'not an XML document');
  const start = text.slice(prolog.rootStart, prolog.rootStart + 120);
  if (!ROOT_START.test(start)) {
    const name = /^<([^\s/>]{1,60})/.exec(start)?.[1] ?? '?';
    throw new Hl7AecgError(fileName, `not an HL7 aECG document (root element <${name}>)`);
  }
  if (!endsWithRootClose(text)) {
    throw new Hl7AecgError(fileName, 'truncated: the document does not end with </AnnotatedECG>');
  }
  const root = child(parseXml(text, fileName), 'AnnotatedECG');
  if (root === undefined) throw new Hl7AecgError(fileName, 'no <AnnotatedECG> element');
  return root;
}
