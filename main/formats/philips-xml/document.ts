/**
 * The document level: which Philips document this is (type and version), and the facts
 * around the waveforms: acquisition time, patient, machine interpretation.
 */
import { ageInYears, type CalendarDate } from '../age';
import type { ParsedRecording } from '../types';
import type { Fail } from './numbers';
import { attr, child, childText, children, path, type XmlNode } from './xml';

const DOCUMENT_TYPES = ['SierraECG', 'PhilipsECG'];
export const SUPPORTED_VERSIONS = ['1.03', '1.04', '1.04.01'] as const;
export type PhilipsVersion = (typeof SUPPORTED_VERSIONS)[number];

/** The first element of the parsed document (declarations and PIs are dropped by the parser). */
function rootElement(doc: XmlNode): { name: string; node: XmlNode | null } | null {
  const name = Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  return name === undefined ? null : { name, node: child(doc, name) };
}

/** The <restingecgdata> element and the document version, or a failure naming the problem. */
export function checkDocument(
  doc: XmlNode,
  fail: Fail,
): { root: XmlNode; version: PhilipsVersion } {
  const root = rootElement(doc);
  if (root === null) return fail('no root element');
  if (root.name !== 'restingecgdata' || root.node === null) {
    return fail(`not a Philips ECG document (root element is <${root.name}>)`);
  }
  const info = child(root.node, 'documentinfo');
  const type = childText(info, 'documenttype');
  if (type === null || !DOCUMENT_TYPES.includes(type)) {
    return fail(`unsupported documenttype ${type ?? '(missing)'}`);
  }
  const version = childText(info, 'documentversion');
  const supported = SUPPORTED_VERSIONS.find((v) => v === version);
  if (supported === undefined) return fail(`unsupported documentversion ${version ?? '(missing)'}`);
  return { root: root.node, version: supported };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}:\d{2}(\.\d+)?$/;

/** "YYYY-MM-DDTHH:MM:SS" from <dataacquisition date time>; null when absent or odd. */
export function acquisitionTime(root: XmlNode): string | null {
  const acq = child(root, 'dataacquisition');
  const date = attr(acq, 'date');
  const time = attr(acq, 'time');
  if (date === null || !DATE.test(date)) return null;
  return `${date}T${time !== null && TIME.test(time) ? time : '00:00:00'}`;
}

/** An ISO date "YYYY-MM-DD" (already checked against DATE) as a calendar date. */
function calendarDate(iso: string): CalendarDate {
  const [year, month, day] = iso.split('-').map(Number);
  return { year, month, day };
}

/** Age in years: <age><years> (1.03), else date of birth against the acquisition date (1.04). */
function patientAge(general: XmlNode | null, acquired: string | null): number | null {
  const age = child(general, 'age');
  const years = childText(age, 'years');
  if (years !== null && /^\d{1,3}$/.test(years)) return Number(years);
  // defaultage is the age the analysis assumed when none was entered: not a patient fact.
  const birth = childText(age, 'dateofbirth') ?? childText(general, 'dateofbirth');
  if (birth === null || !DATE.test(birth) || acquired === null) return null;
  return ageInYears(calendarDate(birth), calendarDate(acquired.slice(0, 10)));
}

function patientSex(general: XmlNode | null): 'M' | 'F' | null {
  const sex = childText(general, 'sex')?.toLowerCase();
  if (sex === 'male' || sex === 'm') return 'M';
  if (sex === 'female' || sex === 'f') return 'F';
  return null;
}

/** Patient id, age and sex as far as the document gives them. */
export function patientFacts(root: XmlNode, acquired: string | null): ParsedRecording['patient'] {
  const general = path(root, 'patient', 'generalpatientdata');
  return {
    externalId: childText(general, 'patientid'),
    age: patientAge(general, acquired),
    sex: patientSex(general),
  };
}

/** One line per machine statement: "left - right" (right side only when present). */
export function interpretationComments(root: XmlNode): string[] {
  const lines: string[] = [];
  for (const interpretation of children(child(root, 'interpretations'), 'interpretation')) {
    for (const statement of children(interpretation, 'statement')) {
      const sides = [childText(statement, 'leftstatement'), childText(statement, 'rightstatement')]
        .filter((s): s is string => s !== null)
        .map((s) => s.replace(/\s+/g, ' '));
      if (sides.length > 0) lines.push(`Philips interpretation: ${sides.join(' - ')}`);
    }
  }
  return lines;
}
