/** Patient facts, start time and comments from the data set's top level and annotations. */
import { ageInYears, type CalendarDate } from '../age';
import type { ParsedRecording } from '../types';
import type { DicomDataSet } from './data-set';
import { TAGS } from './tags';
import { firstText, items, text, type ValueContext } from './values';

type Patient = ParsedRecording['patient'];

/**
 * Sex from Patient's Sex; age from Patient's Age ("063Y", "006M", …) or else from birth date
 * and acquisition date; externalId is the Patient ID (DICOM carries a real patient id, so
 * recordings of one patient group together).
 */
export function patientFacts(ctx: ValueContext, top: DicomDataSet): Patient {
  const sexText = firstText(ctx, top, TAGS.patientSex).toUpperCase();
  const sex = sexText === 'M' || sexText === 'F' ? sexText : null;
  const id = text(ctx, top, TAGS.patientId).trim();
  return { externalId: id === '' ? null : id, age: patientAge(ctx, top), sex };
}

const DAYS_PER: Record<string, number> = { D: 1, W: 7, M: 365.25 / 12, Y: 365.25 };

function patientAge(ctx: ValueContext, top: DicomDataSet): number | null {
  const as = /^(\d{3})([DWMY])$/.exec(firstText(ctx, top, TAGS.patientAge).toUpperCase());
  if (as) {
    const n = Number(as[1]);
    return as[2] === 'Y' ? n : Math.floor((n * DAYS_PER[as[2]]) / 365.25);
  }
  const birth = parseDate(firstText(ctx, top, TAGS.patientBirthDate));
  const acquired = parseDate(acquisitionDate(ctx, top));
  return birth && acquired ? ageInYears(birth, acquired) : null;
}

function acquisitionDate(ctx: ValueContext, top: DicomDataSet): string {
  const dt = firstText(ctx, top, TAGS.acquisitionDateTime);
  if (dt.length >= 8) return dt.slice(0, 8);
  return (
    firstText(ctx, top, TAGS.acquisitionDate) ||
    firstText(ctx, top, TAGS.contentDate) ||
    firstText(ctx, top, TAGS.studyDate)
  );
}

/** DA "YYYYMMDD" (or the old "YYYY.MM.DD"). */
function parseDate(s: string): CalendarDate | null {
  const m = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(s);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? { year, month, day } : null;
}

/**
 * "YYYY-MM-DDTHH:MM:SS[.fff]" from Acquisition DateTime, else Acquisition, Content or Study
 * Date + Time; "YYYY-MM-DDT00:00:00" with a date alone; null without a date. A time-zone
 * suffix is dropped (the app shows local recording times).
 */
export function startTime(ctx: ValueContext, top: DicomDataSet): string | null {
  const dt = /^(\d{8})(.*?)(?:[+-]\d{4})?$/.exec(firstText(ctx, top, TAGS.acquisitionDateTime));
  if (dt) return combine(dt[1], dt[2]);
  const pairs: Array<[number, number]> = [
    [TAGS.acquisitionDate, TAGS.acquisitionTime],
    [TAGS.contentDate, TAGS.contentTime],
    [TAGS.studyDate, TAGS.studyTime],
  ];
  for (const [dateTag, timeTag] of pairs) {
    const date = firstText(ctx, top, dateTag);
    if (date !== '') return combine(date, firstText(ctx, top, timeTag));
  }
  return null;
}

function combine(date: string, time: string): string | null {
  const d = parseDate(date);
  if (!d) return null;
  const iso = `${d.year}-${pad(d.month)}-${pad(d.day)}`;
  return `${iso}T${parseTime(time) ?? '00:00:00'}`;
}

/** TM "HH[MM[SS[.F…]]]" (or the old "HH:MM:SS") → "HH:MM:SS[.fff]". */
function parseTime(s: string): string | null {
  const m = /^(\d{2}):?(\d{2})?:?(\d{2})?(?:\.(\d{1,6}))?$/.exec(s);
  if (!m) return null;
  const hms = `${m[1]}:${m[2] ?? '00'}:${m[3] ?? '00'}`;
  return m[4] ? `${hms}.${m[4].padEnd(3, '0').slice(0, 3)}` : hms;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Waveform Annotation Sequence → comments: free-text statements (e.g. the interpretation,
 * "SINUS RHYTHM") in order, then measurements as "PR Interval: 148 ms". Annotations that
 * point at samples (fiducials such as "P onset") are not comments and are left out.
 */
export function annotationComments(ctx: ValueContext, top: DicomDataSet): string[] {
  const statements: string[] = [];
  const measurements: string[] = [];
  for (const a of items(top, TAGS.annotationSequence)) {
    const statement = text(ctx, a, TAGS.unformattedText).trim();
    if (statement !== '') statements.push(statement);
    const value = firstText(ctx, a, TAGS.numericValue);
    const concept = items(a, TAGS.conceptNameSequence)[0];
    const name = concept ? text(ctx, concept, TAGS.codeMeaning).trim() : '';
    if (value === '' || name === '') continue;
    const unitsItem = items(a, TAGS.measurementUnitsSequence)[0];
    const units = unitsItem ? firstText(ctx, unitsItem, TAGS.codeValue) : '';
    measurements.push(`${name}: ${value}${units ? ` ${units}` : ''}`);
  }
  return [...statements, ...measurements];
}
