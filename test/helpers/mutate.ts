import { mulberry32 } from '../../main/ml/seed';

/**
 * Seeded damage for robustness tests: each call flips a few bits, cuts the bytes short, or
 * overwrites one byte (within the first `span` bytes when given, e.g. a header).
 */
export function mutator(seed: number): (bytes: Uint8Array, span?: number) => Uint8Array {
  const rand = mulberry32(seed);
  const at = (n: number) => Math.floor(rand() * n);
  return (bytes, span = bytes.length) => {
    const kind = at(3);
    if (kind === 1) return bytes.subarray(0, at(bytes.length));
    const copy = bytes.slice();
    if (kind === 0) for (let k = 0; k <= at(4); k++) copy[at(span)] ^= 1 << at(8);
    else copy[at(span)] = at(256);
    return copy;
  };
}
