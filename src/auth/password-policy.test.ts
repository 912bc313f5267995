import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords.ts';
import { passwordProblem } from './password-policy.ts';

describe('password policy', () => {
  // [password, username, refused because (undefined: accepted)]
  const cases: [string, string, RegExp | undefined][] = [
    ['password123', 'ana', /too common/],
    ['Password123', 'ana', /too common/],
    ['AZERTYUIOP', 'ana', /too common/],
    ['ana.lopez', 'ana.lopez', /the username/],
    ['ANA.LOPEZ', 'ana.lopez', /the username/],
    ['zepol.ana', 'ana.lopez', /the username/],
    ['aaaaaaaaaa', 'ana', /single repeated character/],
    ['correct horse battery', 'ana', undefined],
    ['admin-pass-1', 'admin', undefined],
  ];
  it.each(cases)('%s for %s', (password, username, problem) => {
    const found = passwordProblem(password, username);
    if (problem) expect(found).toMatch(problem);
    else expect(found).toBeUndefined();
  });

  it('embeds a list of about 200 common passwords, lower case, no duplicates', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(190);
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
    expect(COMMON_PASSWORDS.every((p) => p === p.toLowerCase())).toBe(true);
  });
});
