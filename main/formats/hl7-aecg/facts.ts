/** Start time, patient facts and comments from the aECG's header elements. */
import type { ParsedRecording } from '../types';
import { MAX_INTERPRETATION_COMMENTS } from './limits';
import type { ChosenSeries, RawSequenceSet } from './series';
import { decodeXmlEntities } from './text';
import type { Hl7Time } from './time';
import { ageInYears } from '../age';
import { parseHl7Time } from './time';
import type { XmlElement } from './xml';
import { attr, child, childNames, children, path, text } from './xml';

type Patient = ParsedRecording['patient'];

/**
 * When the strip starts: the series' effectiveTime low (the collection period), else the
 * time axis head (GLIST_TS), else the document's effectiveTime (low, else center).
 */
export function recordingTime(
  root: XmlElement,
  chosen: ChosenSeries,
  sets: RawSequenceSet[],
): Hl7Time | null {
  const seriesTime = child(chosen.series, 'effectiveTime');
  const docTime = child(root, 'effectiveTime');
  const candidates = [
    attr(child(seriesTime, 'low'), 'value'),
    attr(child(seriesTime, 'center'), 'value'),
    sets[0]?.head ?? null,
    attr(child(docTime, 'low'), 'value'),
    attr(child(docTime, 'center'), 'value'),
  ];
  for (const value of candidates) {
    const t = parseHl7Time(value);
    if (t) return t;
  }
  return null;
}

/**
 * Sex from administrativeGenderCode; age from birthTime at the recording's date (needs both
 * full dates), else the "Reported Age" control variable (LOINC 21612-7, in years).
 * externalId is the trial subject id, prefixed by the trial id when given, because subject
 * numbers like "001" repeat across trials and must not merge different people.
 */
export function patientFacts(root: XmlElement, at: Hl7Time | null): Patient {
  const assignment = path(
    root,
    'componentOf',
    'timepointEvent',
    'componentOf',
    'subjectAssignment',
  );
  const subject = path(assignment, 'subject', 'trialSubject');
  const person = child(subject, 'subjectDemographicPerson');
  const gender = (attr(child(person, 'administrativeGenderCode'), 'code') ?? '').toUpperCase();
  const birth = parseHl7Time(attr(child(person, 'birthTime'), 'value'));
  const age = birth && at ? ageInYears(birth, at) : reportedAge(root);
  const subjectId = attr(child(subject, 'id'), 'extension');
  const trialId = attr(path(assignment, 'componentOf', 'clinicalTrial', 'id'), 'extension');
  const externalId = subjectId === null ? null : trialId ? `${trialId}/${subjectId}` : subjectId;
  return {
    externalId: externalId === null ? null : decodeXmlEntities(externalId),
    age,
    sex: gender === 'M' || gender === 'F' ? gender : null,
  };
}

function reportedAge(root: XmlElement): number | null {
  for (const cv of children(root, 'controlVariable')) {
    const obs = child(cv, 'relatedObservation');
    if (attr(child(obs, 'code'), 'code') !== '21612-7') continue;
    const value = child(obs, 'value');
    const years = Number(attr(value, 'value') ?? NaN);
    if (attr(value, 'unit') === 'a' && Number.isInteger(years) && years >= 0 && years <= 150) {
      return years;
    }
  }
  return null;
}

/** Document id and code, where the waveforms came from, findings and interpretation text. */
export function recordingComments(
  root: XmlElement,
  chosen: ChosenSeries,
  notes: string[],
): string[] {
  const out: string[] = [];
  const id = child(root, 'id');
  const idRoot = attr(id, 'root');
  const idExt = attr(id, 'extension');
  if (idRoot || idExt) out.push(`aECG id: ${[idRoot, idExt].filter(Boolean).join(' ')}`);
  const code = child(root, 'code');
  if (attr(code, 'code')) {
    const system = attr(code, 'codeSystemName');
    out.push(`aECG code: ${attr(code, 'code')}${system ? ` (${system})` : ''}`);
  }
  out.push(...sourceNotes(chosen), ...notes);
  for (const finding of children(root, 'pertainsTo').flatMap((p) =>
    children(p, 'subjectFindingComment'),
  )) {
    const t = text(child(finding, 'text')).trim();
    if (t) out.push(`subject finding: ${t}`);
  }
  out.push(...interpretation(root).map((t) => `interpretation: ${t}`));
  return out.map(decodeXmlEntities);
}

function sourceNotes(chosen: ChosenSeries): string[] {
  const code = chosen.code ?? 'without code';
  const out: string[] = [];
  // Derived series are typically one averaged beat per lead, not a continuous strip.
  if (chosen.kind === 'derived')
    out.push(`waveforms: derived series ${code} (the file has no rhythm series)`);
  if (chosen.kind === 'other')
    out.push(`waveforms: series ${code} (the file has no RHYTHM series)`);
  if (chosen.ignored > 0) out.push(`${chosen.ignored} further series with waveforms not read`);
  return out;
}

/**
 * Text of annotations coded MDC_ECG_INTERPRETATION* (statements are ST text, summaries CE
 * codes), wherever they sit in the document, in document order.
 */
function interpretation(root: XmlElement): string[] {
  const out: string[] = [];
  const stack: XmlElement[] = [root];
  while (stack.length > 0 && out.length < MAX_INTERPRETATION_COMMENTS) {
    const el = stack.pop() as XmlElement;
    for (const ann of children(el, 'annotation')) {
      const statement = interpretationText(ann);
      if (statement) out.push(statement);
    }
    const kids = childNames(el).flatMap((name) => children(el, name));
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

function interpretationText(ann: XmlElement): string | null {
  if (!(attr(child(ann, 'code'), 'code') ?? '').startsWith('MDC_ECG_INTERPRETATION')) return null;
  const value = child(ann, 'value');
  const t = text(value).trim();
  return t || attr(value, 'displayName') || attr(value, 'code');
}
