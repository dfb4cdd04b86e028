/** HL7 v3 time stamps (TS: "YYYYMMDDHHMMSS.fff±ZZZZ") and the sampling interval. */
import { Hl7AecgError } from './errors';

export interface Hl7Time {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Fraction of a second as written ("123" for .123), "" when none. */
  fraction: string;
}

// Precision may stop after any component; the time-zone offset is optional.
const TS =
  /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.(\d{1,6}))?)?)?)?(?:[+-]\d{4})?$/;

/**
 * A TS with at least a full date, or null (year-only or year-month values cannot place a
 * recording in time). The zone offset is dropped: times are shown as the device wrote them.
 */
export function parseHl7Time(value: string | null): Hl7Time | null {
  const m = value === null ? null : TS.exec(value);
  if (!m) return null;
  const t: Hl7Time = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    fraction: m[7] ?? '',
  };
  const valid =
    t.month >= 1 &&
    t.month <= 12 &&
    t.day >= 1 &&
    t.day <= 31 &&
    t.hour <= 23 &&
    t.minute <= 59 &&
    t.second <= 60;
  return valid ? t : null;
}

/** "YYYY-MM-DDTHH:MM:SS" plus ".fff" when the file gives a non-zero fraction. */
export function isoTime(t: Hl7Time): string {
  const p2 = (n: number) => String(n).padStart(2, '0');
  const date = `${String(t.year).padStart(4, '0')}-${p2(t.month)}-${p2(t.day)}`;
  const frac = /[1-9]/.test(t.fraction) ? `.${t.fraction}` : '';
  return `${date}T${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)}${frac}`;
}

/** Seconds per unit of a PQ time quantity (UCUM codes as aECG writers use them). */
const SECONDS_PER_UNIT: Record<string, number> = {
  s: 1,
  ms: 1e-3,
  us: 1e-6,
  µs: 1e-6,
  min: 60,
};

/**
 * The sampling rate from a GLIST increment. It must be a whole number of Hz (within 1e-6
 * relative, which absorbs decimal rounding such as 0.002 s) and within 1..maxFs.
 */
export function samplingRate(
  value: string | null,
  unit: string | null,
  fileName: string,
  maxFs: number,
): number {
  // HL7 PQ's default unit is "1"; for a time increment only seconds make sense.
  const perUnit = SECONDS_PER_UNIT[unit ?? 's'];
  if (perUnit === undefined) {
    throw new Hl7AecgError(fileName, `unsupported time increment unit '${unit}'`);
  }
  const increment = Number(value ?? NaN) * perUnit;
  if (value === null || !Number.isFinite(increment) || increment <= 0) {
    throw new Hl7AecgError(fileName, `bad sampling interval '${value ?? ''}'`);
  }
  const fs = 1 / increment;
  const whole = Math.round(fs);
  if (Math.abs(fs - whole) > 1e-6 * fs) {
    throw new Hl7AecgError(
      fileName,
      `sampling interval ${value} ${unit ?? 's'} gives ${fs.toPrecision(8)} Hz, not a whole number`,
    );
  }
  if (whole < 1 || whole > maxFs) {
    throw new Hl7AecgError(fileName, `sampling rate ${whole} Hz is outside 1..${maxFs} Hz`);
  }
  return whole;
}
