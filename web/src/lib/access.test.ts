import { describe, expect, it } from 'vitest';
import type { Role } from '../api/types.ts';
import { translator } from '../i18n/translator.ts';
import { refusal, roleName, screenAccess, type Needs } from './access.ts';
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
    ['report', true, false, false, true],
  ])('%s: admin %s, supervisor %s, operator %s, auditor %s', (route, ...allowed) => {
    const roles: Role[] = ['admin', 'supervisor', 'operator', 'auditor'];
    expect(roles.map((r) => screenAccess(route, r).ok)).toEqual(allowed);
  });

  it('says which account a refused screen needs', () => {
    expect(screenAccess('camera-new', 'operator')).toEqual({ ok: false, needs: 'supervisor' });
    expect(screenAccess('settings', 'supervisor')).toEqual({ ok: false, needs: 'admin' });
    expect(screenAccess('journal', 'operator')).toEqual({ ok: false, needs: 'auditor' });
  });
});

describe('refusal', () => {
  // Each row: the account needed, the role signed in, then the sentence in French and in English.
  it.each<[Needs, Role, string, string]>([
    [
      'supervisor',
      'operator',
      'Cet écran nécessite un compte superviseur ou administrateur ; vous êtes connecté en tant qu’opérateur.',
      'This screen needs a supervisor or admin account; you are signed in as an operator.',
    ],
    ['admin', 'supervisor', 'Cet écran nécessite un compte administrateur ; vous êtes connecté en tant que superviseur.', 'This screen needs an admin account; you are signed in as a supervisor.'],
    ['admin', 'auditor', 'Cet écran nécessite un compte administrateur ; vous êtes connecté en tant qu’auditeur.', 'This screen needs an admin account; you are signed in as an auditor.'],
    [
      'auditor',
      'operator',
      'Cet écran nécessite un compte auditeur ou administrateur ; vous êtes connecté en tant qu’opérateur.',
      'This screen needs an auditor or admin account; you are signed in as an operator.',
    ],
  ])('%s needed, %s signed in', (needs, role, fr, en) => {
    expect(refusal(needs, role, translator('fr'))).toBe(fr);
    expect(refusal(needs, role, translator('en'))).toBe(en);
  });

  it.each<[Role, string, string]>([
    ['admin', 'administrateur', 'admin'],
    ['supervisor', 'superviseur', 'supervisor'],
    ['operator', 'opérateur', 'operator'],
    ['auditor', 'auditeur', 'auditor'],
  ])('names the %s role', (role, fr, en) => {
    expect(roleName(role, translator('fr'))).toBe(fr);
    expect(roleName(role, translator('en'))).toBe(en);
  });
});
