/**
 * MIT annotation type codes and their symbols (WFDB ecgcodes.h / annot(5)). Codes 59-63 are
 * not annotation types but pseudo-annotations that modify the stream (SKIP, NUM, SUB, CHN,
 * AUX); code 0 is "not an annotation".
 */

const SYMBOLS: Record<number, string> = {
  1: 'N',
  2: 'L',
  3: 'R',
  4: 'a',
  5: 'V',
  6: 'F',
  7: 'J',
  8: 'A',
  9: 'S',
  10: 'E',
  11: 'j',
  12: '/',
  13: 'Q',
  14: '~',
  16: '|',
  18: 's',
  19: 'T',
  20: '*',
  21: 'D',
  22: '"',
  23: '=',
  24: 'p',
  25: 'B',
  26: '^',
  27: 't',
  28: '+',
  29: 'u',
  30: '?',
  31: '!',
  32: '[',
  33: ']',
  34: 'e',
  35: 'n',
  36: '@',
  37: 'x',
  38: 'f',
  39: '(',
  40: ')',
  41: 'r',
};

export const CODE_NOTE = 22;
export const CODE_SKIP = 59;
export const CODE_NUM = 60;
export const CODE_SUB = 61;
export const CODE_CHN = 62;
export const CODE_AUX = 63;

/** Symbol for a code; undefined codes print as "[n]" like the WFDB library's annstr(). */
export function symbolForCode(code: number, custom?: ReadonlyMap<number, string>): string {
  return custom?.get(code) ?? SYMBOLS[code] ?? `[${code}]`;
}

/** Beat (QRS) annotation symbols, as counted for MIT-BIH beat statistics. */
export const BEAT_SYMBOLS: ReadonlySet<string> = new Set([
  'N',
  'L',
  'R',
  'B',
  'A',
  'a',
  'J',
  'S',
  'V',
  'r',
  'F',
  'e',
  'j',
  'n',
  'E',
  '/',
  'f',
  'Q',
  '?',
]);
