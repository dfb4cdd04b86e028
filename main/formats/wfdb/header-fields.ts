/**
 * Parsers for the individual fields of WFDB header lines. Each takes the raw token and a
 * `fail` callback that throws a WfdbHeaderError with the file and line already filled in.
 */

export type Fail = (problem: string) => never;

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A whole number within [min, max]. */
export function parseInteger(
  token: string,
  what: string,
  fail: Fail,
  min = Number.MIN_SAFE_INTEGER,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (!INTEGER.test(token)) fail(`bad ${what} '${token}'`);
  const value = Number(token);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    fail(`${what} ${token} is out of range (${min}..${max})`);
  }
  return value;
}

/** A finite decimal number (WFDB allows "2963.77", "1.052e+04"). */
export function parseDecimal(token: string, what: string, fail: Fail): number {
  const value = DECIMAL.test(token) ? Number(token) : NaN;
  if (!Number.isFinite(value)) fail(`bad ${what} '${token}'`);
  return value;
}

/** A positive rate in Hz, at most `max`. */
export function parseFrequency(token: string, what: string, fail: Fail, max: number): number {
  const value = parseDecimal(token, what, fail);
  if (!(value > 0)) fail(`${what} must be positive, got '${token}'`);
  if (value > max) fail(`${what} ${token} is implausibly high (limit ${max} Hz)`);
  return value;
}

export interface FormatField {
  format: number;
  samplesPerFrame: number;
  skew: number;
  byteOffset: number;
}

/** "212", "212x4", "16:3", "16+24", in that order: format[xspf][:skew][+offset]. */
export function parseFormatField(token: string, maxSpf: number, fail: Fail): FormatField {
  const m = /^(\d+)(?:x(\d+))?(?::(\d+))?(?:\+(\d+))?$/.exec(token);
  if (!m) fail(`bad format '${token}' (expected e.g. 212, 212x4, 16:3 or 16+24)`);
  const format = parseInteger(m[1], 'format', fail, 0, 65535);
  const samplesPerFrame =
    m[2] === undefined ? 1 : parseInteger(m[2], 'samples per frame', fail, 1, maxSpf);
  const skew = m[3] === undefined ? 0 : parseInteger(m[3], 'skew', fail, 0, 2 ** 31);
  const byteOffset = m[4] === undefined ? 0 : parseInteger(m[4], 'byte offset', fail, 0);
  return { format, samplesPerFrame, skew, byteOffset };
}

export interface GainField {
  /** As written; 0 means "uncalibrated". */
  gain: number;
  baseline: number | null;
  units: string | null;
}

/** "200", "200/mV", "200(1024)/mV", "1.052e+04/mV", "-19.34(3064)/degC". */
export function parseGainField(token: string, fail: Fail): GainField {
  const m = /^([^(/]+)(?:\(([^)]*)\))?(?:\/(.*))?$/.exec(token);
  if (!m) fail(`bad gain '${token}' (expected e.g. 200, 200/mV or 200(1024)/mV)`);
  const gain = DECIMAL.test(m[1]) ? Number(m[1]) : NaN;
  if (!Number.isFinite(gain)) fail(`bad gain '${token}'`);
  const baseline =
    m[2] === undefined ? null : parseInteger(m[2], 'baseline', fail, -(2 ** 31), 2 ** 31 - 1);
  const units = m[3] === undefined ? null : m[3];
  if (units !== null && units === '') fail(`empty units in '${token}'`);
  return { gain, baseline, units };
}

/** Base time: "HH:MM:SS", "H:MM:SS.fff", "MM:SS", "SS.fff" → "HH:MM:SS[.fff]". */
export function parseBaseTime(token: string, fail: Fail): string {
  const m = /^(?:(?:(\d{1,2}):)?(\d{1,2}):)?(\d{1,2})(\.\d+)?$/.exec(token);
  if (!m) fail(`bad base time '${token}' (expected HH:MM:SS)`);
  const [h, min, s] = [m[1], m[2], m[3]].map((x) => (x === undefined ? 0 : Number(x)));
  if (h > 23 || min > 59 || s > 59) fail(`bad base time '${token}'`);
  const two = (v: number): string => String(v).padStart(2, '0');
  return `${two(h)}:${two(min)}:${two(s)}${m[4] ?? ''}`;
}

/** Base date "DD/MM/YYYY" → "YYYY-MM-DD". */
export function parseBaseDate(token: string, fail: Fail): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{1,4})$/.exec(token);
  if (!m) fail(`bad base date '${token}' (expected DD/MM/YYYY)`);
  const [d, mon, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (d < 1 || d > 31 || mon < 1 || mon > 12 || y < 1) fail(`bad base date '${token}'`);
  return `${String(y).padStart(4, '0')}-${String(mon).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Record and segment names: no whitespace, path separators, wildcards or control characters. */
export function isPlausibleName(name: string): boolean {
  return name !== '' && !/[\s/\\:*?"<>|]/.test(name) && !hasControlCharacter(name);
}

/** File names may name a sub-folder but must not escape the record's folder. */
export function isSafeRelativePath(name: string): boolean {
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) return false;
  if (hasControlCharacter(name)) return false;
  return !name.split(/[/\\]/).some((part) => part === '..' || part === '');
}

function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x20) return true;
  return false;
}
