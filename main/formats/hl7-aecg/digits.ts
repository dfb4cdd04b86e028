/**
 * The <digits> of an SLIST_PQ: whitespace-separated integers. Scanned in place (no split into
 * an array of strings), first to count, then to fill a preallocated Int32Array.
 */
import { INVALID_SAMPLE } from '../types';
import { Hl7AecgError } from './errors';
import { MAX_TOKEN_CHARS } from './limits';

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Number of whitespace-separated tokens in `text`. */
export function countDigits(text: string): number {
  let count = 0;
  let inToken = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inToken) count++;
    inToken = !space;
  }
  return count;
}

/** Where a value came from, for error messages. */
export interface DigitsContext {
  fileName: string;
  lead: string;
}

/** Decodes the tokens of `text` into `out` (which has room for countDigits(text) values). */
export function decodeDigits(text: string, out: Int32Array, ctx: DigitsContext): void {
  const token: Token = { text, start: 0, end: 0, index: 0 };
  const len = text.length;
  let i = 0;
  while (i < len) {
    while (i < len && isSpace(text.charCodeAt(i))) i++;
    if (i >= len) break;
    token.start = i;
    while (i < len && !isSpace(text.charCodeAt(i))) i++;
    token.end = i;
    out[token.index] = tokenValue(token, ctx);
    token.index++;
  }
}

/** One whitespace-separated token: text[start, end), the index-th value of its lead. */
interface Token {
  text: string;
  start: number;
  end: number;
  index: number;
}

/** The token's integer; plain integers are read without building a substring. */
function tokenValue(token: Token, ctx: DigitsContext): number {
  const { text, start, end } = token;
  let i = start;
  const sign = text.charCodeAt(i) === 0x2d /* - */ ? -1 : 1;
  if (sign < 0 || text.charCodeAt(i) === 0x2b /* + */) i++;
  const firstDigit = i;
  let value = 0;
  for (; i < end; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) break;
    value = value * 10 + d;
  }
  // Fast path: only digits, at most 10 of them (so `value` is exact).
  const plain = i === end && i > firstDigit && i - firstDigit <= 10;
  return checked(plain ? sign * value : slowTokenValue(token, ctx), token, ctx);
}

/** Tokens such as "12.0" or "1e2" are accepted when they denote an integer; "NaN" is not. */
function slowTokenValue(token: Token, ctx: DigitsContext): number {
  if (token.end - token.start > MAX_TOKEN_CHARS) fail(token, ctx, 'is not a number');
  const value = Number(token.text.slice(token.start, token.end));
  if (!Number.isFinite(value)) fail(token, ctx, 'is not a finite number');
  if (!Number.isInteger(value)) fail(token, ctx, 'is not an integer');
  return value;
}

/** Values must fit Int32 and must not collide with the "no sample" marker. */
function checked(value: number, token: Token, ctx: DigitsContext): number {
  if (value <= INVALID_SAMPLE || value > 0x7fffffff)
    fail(token, ctx, 'is outside the 32-bit range');
  return value;
}

function fail(token: Token, ctx: DigitsContext, problem: string): never {
  const { text, start, end, index } = token;
  const shown =
    end - start > MAX_TOKEN_CHARS
      ? `${text.slice(start, start + MAX_TOKEN_CHARS)}…`
      : text.slice(start, end);
  throw new Hl7AecgError(
    ctx.fileName,
    `lead ${ctx.lead}: value ${index + 1} '${shown}' ${problem}`,
  );
}
