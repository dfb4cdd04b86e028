import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, hashPassword, passwordProblem, verifyPassword } from '../../../main/auth';

const cheap = { N: 1024, r: 8, p: 1, keyLength: 32 };

describe('scrypt passwords', () => {
  it('the documented defaults: N = 2^15, r = 8, p = 1 (32 MiB), 32-byte key', async () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 32768, r: 8, p: 1, keyLength: 32 });
    const h = await hashPassword('correct horse');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(await verifyPassword('correct horse', h)).toBe(true);
  });

  it('verifies the right password only; a per-password salt makes equal passwords differ', async () => {
    const a = await hashPassword('s3cret-pass', cheap);
    const b = await hashPassword('s3cret-pass', cheap);
    expect(a).not.toBe(b);
    expect(await verifyPassword('s3cret-pass', a)).toBe(true);
    expect(await verifyPassword('s3cret-pass', b)).toBe(true);
    expect(await verifyPassword('s3cret-pasS', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('parameters travel with the hash; a damaged hash never verifies and never throws', async () => {
    const h = await hashPassword('pw-12345678', { N: 2048, r: 4, p: 2, keyLength: 16 });
    expect(h.split('$').slice(1, 4)).toEqual(['2048', '4', '2']);
    expect(await verifyPassword('pw-12345678', h)).toBe(true);
    for (const bad of [
      '',
      'plain',
      'scrypt$x$8$1$AA==$AA==',
      'scrypt$1024$8$1$$',
      'bcrypt$1$2$3$4$5',
    ]) {
      expect(await verifyPassword('pw-12345678', bad)).toBe(false);
    }
  });

  it('Unicode passwords are normalised (NFC) before hashing', async () => {
    const h = await hashPassword('caf\u00e9-caf\u00e9', cheap);
    expect(await verifyPassword('cafe\u0301-cafe\u0301', h)).toBe(true);
  });

  it('password rules', () => {
    expect(passwordProblem('short')).toMatch(/at least 8/);
    expect(passwordProblem('x'.repeat(257))).toMatch(/at most 256/);
    expect(passwordProblem('long enough')).toBeNull();
  });
});
