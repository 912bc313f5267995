import { describe, expect, it } from 'vitest';
import { can, type Permission, type Role } from './roles.ts';

describe('can', () => {
  it.each<[Role, Permission[], Permission[]]>([
    ['admin', ['read', 'qualify', 'correct', 'cameras', 'admin'], []],
    ['supervisor', ['read', 'qualify', 'correct', 'cameras'], ['admin']],
    ['operator', ['read', 'qualify'], ['correct', 'cameras', 'admin']],
    ['auditor', ['read'], ['qualify', 'correct', 'cameras', 'admin']],
  ])('%s', (role, allowed, denied) => {
    for (const p of allowed) expect(can(role, p)).toBe(true);
    for (const p of denied) expect(can(role, p)).toBe(false);
  });
});
