/**
 * Section 1: tagged patient and acquisition fields (tag byte, 2-byte length, value; tag 255
 * ends the list). Only what ParsedRecording carries is kept: patient ID, age, sex, and the
 * date and time of acquisition.
 */
import { ageInYears, type CalendarDate } from '../age';
import type { ByteRange } from './bytes';

export interface HeaderFacts {
  patientId: string | null;
  age: number | null;
  sex: 'M' | 'F' | null;
  startTime: string | null;
}

const TAG = {
  patientId: 2,
  age: 4,
  birthDate: 5,
  sex: 8,
  acquisitionDate: 25,
  acquisitionTime: 26,
  end: 255,
} as const;

export function readHeaderFacts(s: ByteRange | null): HeaderFacts {
  const facts: HeaderFacts = { patientId: null, age: null, sex: null, startTime: null };
  if (s === null) return facts;
  const tags = readTags(s);
  const text = tags.get(TAG.patientId);
  if (text) facts.patientId = latin1(text) || null;
  facts.sex = sex(tags.get(TAG.sex));
  const date = readDate(tags.get(TAG.acquisitionDate));
  const time = readTime(tags.get(TAG.acquisitionTime));
  facts.age = age(tags.get(TAG.age)) ?? ageFromBirth(readDate(tags.get(TAG.birthDate)), date);
  if (date) facts.startTime = `${formatDate(date)}T${time ?? '00:00:00'}`;
  else facts.startTime = time;
  return facts;
}

/** Tag → value bytes (the first occurrence wins). */
function readTags(s: ByteRange): Map<number, Uint8Array> {
  const tags = new Map<number, Uint8Array>();
  let at = 0;
  // A section that ends without tag 255 is accepted: the length already bounds it.
  while (at + 3 <= s.length) {
    const tag = s.u8(at, 'tag');
    if (tag === TAG.end) break;
    const length = s.u16(at + 1, `tag ${tag} length`);
    const value = s.sub(at + 3, length, `tag ${tag} value`);
    if (!tags.has(tag)) tags.set(tag, s.bytes.subarray(value.start, value.end));
    at += 3 + length;
  }
  return tags;
}

/** NUL-terminated text; SCP-ECG's default character set is ISO 8859-1. */
function latin1(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    if (b === 0) break;
    out += String.fromCharCode(b);
  }
  return out.trim();
}

function u16(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8);
}

function sex(v: Uint8Array | undefined): 'M' | 'F' | null {
  if (!v || v.length < 1) return null;
  return v[0] === 1 ? 'M' : v[0] === 2 ? 'F' : null;
}

/** Tag 4: value (2 bytes) and unit (1 = years, 2 months, 3 weeks, 4 days, 5 hours). */
function age(v: Uint8Array | undefined): number | null {
  if (!v || v.length < 3) return null;
  const value = u16(v, 0);
  const perYear = [0, 1, 12, 52, 365, 8760][v[2]] ?? 0;
  return perYear > 0 ? Math.floor(value / perYear) : null;
}

/** Whole years between birth and acquisition when the file gives both but no age. */
function ageFromBirth(birth: CalendarDate | null, at: CalendarDate | null): number | null {
  return birth && at ? ageInYears(birth, at) : null;
}

/** Year (2 bytes), month, day; zeros mean unknown. */
function readDate(v: Uint8Array | undefined): CalendarDate | null {
  if (!v || v.length < 4) return null;
  const date = { year: u16(v, 0), month: v[2], day: v[3] };
  const valid = date.year > 0 && date.month >= 1 && date.month <= 12 && date.day >= 1;
  return valid && date.day <= 31 ? date : null;
}

function readTime(v: Uint8Array | undefined): string | null {
  if (!v || v.length < 3) return null;
  const [h, m, s] = v;
  if (h > 23 || m > 59 || s > 59) return null;
  return [h, m, s].map(pad2).join(':');
}

function formatDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, '0')}-${pad2(d.month)}-${pad2(d.day)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
