import { describe, expect, it } from 'vitest';
import type { Role } from '../api/types.ts';
import { screenAccess } from './access.ts';
import type { Route } from './router.ts';

describe('screenAccess', () => {
  // Each row: a screen, then whether admin, supervisor, operator, auditor may open it.
  it.each<[Route['name'], boolean, boolean, boolean, boolean]>([
    ['alerts', true, true, true, true],
    ['alert', true, true, true, true],
    ['live', true, true, true, true],
    ['cameras', true, true, true, true],
    ['dashboard', true, true, true, true],
    ['account', true, true, true, true],
    ['camera-new', true, true, false, false],
    ['camera-edit', true, true, false, false],
    ['users', true, false, false, false],
    ['settings', true, false, false, false],
    ['journal', true, false, false, true],
  ])('%s: admin %s, supervisor %s, operator %s, auditor %s', (route, ...allowed) => {
    const roles: Role[] = ['admin', 'supervisor', 'operator', 'auditor'];
    expect(roles.map((r) => screenAccess(route, r).ok)).toEqual(allowed);
  });

  it('says which account a refused screen needs', () => {
    expect(screenAccess('camera-new', 'operator')).toEqual({ ok: false, needs: 'a supervisor or admin account' });
    expect(screenAccess('settings', 'supervisor')).toEqual({ ok: false, needs: 'an admin account' });
  });
});
