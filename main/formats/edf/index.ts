/**
 * EDF, EDF+ and BDF(+) recordings (European Data Format; Holter and polysomnography exports):
 * a header (header.ts), then data records holding each signal's samples for a fixed duration,
 * 16-bit (EDF) or 24-bit (BDF) little-endian. Pure: bytes in, ParsedRecording out.
 *
 * - Signals sampled more slowly than the fastest are held (each sample repeated), never
 *   interpolated, as the WFDB reader does with samples per frame.
 * - Calibration: physical = physMin + (digital − digMin)·(physMax − physMin)/(digMax − digMin),
 *   i.e. gain = (digMax − digMin)/(physMax − physMin) and baseline = digMin − physMin·gain.
 * - EDF+ annotation channels become annotations (symbol '"', the text as aux) under "edf";
 *   an EDF+D file whose records are not back to back is refused (gaps are not modelled).
 */
import { ageInYears, type CalendarDate } from '../age';
import type { ParsedAnnotation, ParsedLead, ParsedRecording } from '../types';
import { decodeSignal } from '../wfdb/decode';
import { MAX_TOTAL_SAMPLES } from '../wfdb/limits';
import { parseTals, type EdfAnnotation, type RecordTals } from './annotations';
import { EdfError } from './errors';
import { parseEdfHeader, type EdfHeader, type EdfSignal } from './header';
import { recordNameOf } from '../record-name';

export { looksLikeEdf } from './header';
export { EdfError } from './errors';

export function readEdfRecording(bytes: Uint8Array, fileName: string): ParsedRecording {
  const header = parseEdfHeader(bytes, fileName);
  const fail = (problem: string): never => {
    throw new EdfError(fileName, problem);
  };
  const width = header.kind === 'bdf' ? 3 : 2;
  const recordBytes = header.signals.reduce((n, s) => n + s.samplesPerRecord * width, 0);
  const available = Math.floor((bytes.length - header.headerBytes) / recordBytes);
  const records = header.records === -1 ? available : header.records;
  if (available < records) {
    fail(
      `truncated: ${records} data records of ${recordBytes} bytes need ` +
        `${header.headerBytes + records * recordBytes} bytes, the file has ${bytes.length}`,
    );
  }
  const sampled = header.signals.filter((s) => !s.isAnnotations);
  if (sampled.length === 0) fail('holds annotations only, no signal');
  if (!(header.recordSeconds > 0)) fail(`data record duration ${header.recordSeconds} s`);
  const maxSpr = Math.max(...sampled.map((s) => s.samplesPerRecord));
  const samples = records * maxSpr;
  if (samples * sampled.length > MAX_TOTAL_SAMPLES) {
    fail(`${samples} samples × ${sampled.length} signals is more than one recording may hold`);
  }
  const fs = maxSpr / header.recordSeconds;
  const { digital, tals } = readRecords(bytes, header, sampled, records, width);
  checkContinuous(header, tals, fail);
  const leads = sampled.map((s, k) => lead(s, held(digital[k], s.samplesPerRecord, maxSpr), width));
  const edfAnnotations = tals.flatMap((t) => t?.annotations ?? []);
  return {
    format: 'edf',
    recordName: recordNameOf(fileName),
    fs,
    samples,
    leads,
    startTime: startTime(header),
    comments: comments(header),
    patient: patientFacts(header),
    annotations: edfAnnotations.length
      ? { edf: toAnnotations(edfAnnotations, tals[0]?.recordStartS ?? 0, fs, samples) }
      : {},
  };
}

/**
 * Digital samples per sampled signal (at its own rate; `sampled` are the header's signals less
 * the annotation channels, in order), and per record the TALs of its first annotation channel
 * (null where there is none or it is not TALs). Samples are the WFDB formats 16 and 24 (EDF,
 * BDF), so the WFDB decoder reads them.
 */
function readRecords(
  bytes: Uint8Array,
  header: EdfHeader,
  sampled: readonly EdfSignal[],
  records: number,
  width: number,
) {
  const digital = sampled.map((s) => new Int32Array(records * s.samplesPerRecord));
  const tals: (RecordTals | null)[] = [];
  const format = width === 2 ? 16 : 24;
  let p = header.headerBytes;
  for (let r = 0; r < records; r++) {
    let k = 0;
    for (const s of header.signals) {
      const n = s.samplesPerRecord;
      const block = bytes.subarray(p, p + n * width);
      if (!s.isAnnotations) digital[k++].set(decodeSignal(block, format, n), r * n);
      else if (tals.length === r) tals.push(parseTals(block));
      p += n * width;
    }
  }
  return { digital, tals };
}

/** EDF+D may leave gaps between records; only back-to-back ones are read. */
function checkContinuous(
  header: EdfHeader,
  tals: (RecordTals | null)[],
  fail: (p: string) => never,
): void {
  if (!/^(EDF|BDF)\+D/.test(header.reserved)) return;
  const first = tals[0]?.recordStartS ?? 0;
  tals.forEach((t, r) => {
    const expected = first + r * header.recordSeconds;
    if (t?.recordStartS != null && Math.abs(t.recordStartS - expected) > 1e-6) {
      fail(
        `discontinuous EDF+D: data record ${r + 1} starts at ${t.recordStartS} s, not ${expected} s ` +
          '(recordings with gaps are not supported)',
      );
    }
  });
}

/** A signal at its own rate, held to `maxSpr` samples per record. */
function held(x: Int32Array, spr: number, maxSpr: number): Int32Array {
  if (spr === maxSpr) return x;
  const out = new Int32Array((x.length / spr) * maxSpr);
  for (let t = 0; t < out.length; t++) out[t] = x[Math.floor((t * spr) / maxSpr)];
  return out;
}

function lead(s: EdfSignal, digital: Int32Array, width: number): ParsedLead {
  const gain = (s.digitalMax - s.digitalMin) / (s.physicalMax - s.physicalMin);
  return {
    name: s.label,
    units: s.units,
    gain,
    baseline: s.digitalMin - s.physicalMin * gain,
    adcResolution: width * 8,
    digital,
  };
}

/** Onsets count from the header's start time; sample 0 is the first record's start (`t0S`). */
function toAnnotations(
  list: EdfAnnotation[],
  t0S: number,
  fs: number,
  samples: number,
): ParsedAnnotation[] {
  return list
    .map((a) => ({
      sample: Math.round((a.onsetS - t0S) * fs),
      symbol: '"',
      subtype: 0,
      chan: 0,
      num: 0,
      aux: a.durationS === null ? a.text : `${a.text} (${a.durationS} s)`,
    }))
    .filter((a) => a.sample >= 0 && a.sample < samples)
    .sort((a, b) => a.sample - b.sample);
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** "02-MAY-1951" (EDF+) → date; null for "X" or anything else. */
function edfPlusDate(text: string | undefined): CalendarDate | null {
  const m = /^(\d{2})-([A-Z]{3})-(\d{4})$/i.exec(text ?? '');
  const month = m ? MONTHS.indexOf(m[2].toUpperCase()) + 1 : 0;
  return m && month > 0 ? { year: Number(m[3]), month, day: Number(m[1]) } : null;
}

/** The start date: EDF+'s 4-digit one when given, else the header's dd.mm.yy (85–99 → 19yy). */
function startDate(header: EdfHeader): CalendarDate | null {
  const plus = /^Startdate (\S+)/.exec(header.recording);
  const fromPlus = edfPlusDate(plus?.[1]);
  if (fromPlus) return fromPlus;
  const m = /^(\d{2})\.(\d{2})\.(\d{2})$/.exec(header.startDate);
  if (!m) return null;
  const yy = Number(m[3]);
  return { year: yy >= 85 ? 1900 + yy : 2000 + yy, month: Number(m[2]), day: Number(m[1]) };
}

function startTime(header: EdfHeader): string | null {
  const d = startDate(header);
  const t = /^(\d{2})\.(\d{2})\.(\d{2})$/.exec(header.startTime);
  if (!d) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = t ? `${t[1]}:${t[2]}:${t[3]}` : '00:00:00';
  return `${d.year}-${pad(d.month)}-${pad(d.day)}T${time}`;
}

/** EDF+ "code sex birthdate name": the code (not the name) and sex; age from the birth date. */
function patientFacts(header: EdfHeader): ParsedRecording['patient'] {
  const isPlus = /^(EDF|BDF)\+/.test(header.reserved);
  const [code, sex, birth] = header.patient.split(/\s+/);
  if (!isPlus) return { externalId: null, age: null, sex: null };
  const born = edfPlusDate(birth);
  const at = startDate(header);
  return {
    externalId: code && code !== 'X' ? code : null,
    age: born && at ? ageInYears(born, at) : null,
    sex: sex === 'M' || sex === 'F' ? sex : null,
  };
}

/** The recording identification (EDF+: start date, admin code, technician, equipment). */
function comments(header: EdfHeader): string[] {
  return header.recording && !/^X( X)*$/.test(header.recording) ? [header.recording] : [];
}
