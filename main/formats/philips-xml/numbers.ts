/** Strict number parsing for header fields; `fail` throws the file's PhilipsXmlError. */

export type Fail = (problem: string) => never;

/** A decimal number as written (no hex, no exponents games, no trailing junk). */
export function parseNumber(text: string | null, what: string, fail: Fail): number {
  if (text === null) return fail(`missing ${what}`);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return fail(`bad ${what} '${text}'`);
  return Number(text);
}

/** A number within [min, max]. */
export function parseInRange(
  text: string | null,
  what: string,
  min: number,
  max: number,
  fail: Fail,
): number {
  const value = parseNumber(text, what, fail);
  if (value < min || value > max) return fail(`${what} ${text} is outside ${min}..${max}`);
  return value;
}

/** A whole number within [min, max]. */
export function parseIntInRange(
  text: string | null,
  what: string,
  min: number,
  max: number,
  fail: Fail,
): number {
  const value = parseInRange(text, what, min, max, fail);
  if (!Number.isInteger(value)) return fail(`${what} '${text}' is not a whole number`);
  return value;
}
