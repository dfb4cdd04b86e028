/**
 * Password hashing with Node's scrypt (RFC 7914), which is memory-hard: guessing costs memory
 * as well as time, which blunts GPU and ASIC attacks on a stolen store file.
 *
 * Parameters: N = 2^15 (cost), r = 8 (block size), p = 1 (parallelism), 32-byte key, 16-byte
 * random salt per password. Memory per hash is 128 · N · r = 32 MiB; one hash takes ~50-100 ms
 * on the project's 2-core machine. They are stored with each hash ("scrypt$N$r$p$salt$key",
 * base64), so they can be raised later without breaking existing accounts. Comparison is
 * constant-time (timingSafeEqual).
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1, keyLength: 32 };
const SALT_BYTES = 16;

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

function scrypt(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // Node refuses scrypt above `maxmem` (32 MiB by default); allow twice what N and r need.
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.N * params.r,
  };
  return new Promise((resolve, reject) => {
    scryptCb(password.normalize('NFC'), salt, params.keyLength, options, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, params);
  return [
    'scrypt',
    params.N,
    params.r,
    params.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

interface Decoded {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

function decode(encoded: string): Decoded | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0)) return null;
  const salt = Buffer.from(parts[4], 'base64');
  const key = Buffer.from(parts[5], 'base64');
  if (salt.length === 0 || key.length === 0) return null;
  return { params: { N, r, p, keyLength: key.length }, salt, key };
}

/** True when `password` matches the stored hash; false (never throws) for a damaged hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const d = decode(encoded);
  if (!d) return false;
  const key = await scrypt(password, d.salt, d.params);
  return key.length === d.key.length && timingSafeEqual(key, d.key);
}

/** The problem with a new password, or null when acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `a password may have at most ${MAX_PASSWORD_LENGTH} characters`;
  }
  return null;
}
