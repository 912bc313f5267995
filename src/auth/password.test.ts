import { describe, expect, it } from 'vitest';
import { hashPassword, parseHash, verifyPassword } from './password.ts';

const FAST = { N: 1024, r: 8, p: 1 };

describe('password hashes', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse', FAST);
    const b = await hashPassword('correct horse', FAST);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('uses the default cost when none is given', async () => {
    expect(parseHash(await hashPassword('pw-12345678'))?.cost).toEqual({ N: 16384, r: 8, p: 1 });
  });

  it.each(['', 'plain', 'bcrypt$1$2$3$a$b', 'scrypt$x$8$1$AAAA$BBBB', 'scrypt$1024$8$1$AAAA$BBBB'])('refuses the malformed hash %j', async (h) => {
    expect(await verifyPassword('anything', h)).toBe(false);
  });
});
