/**
 * Which screens each role may open. The console offers only those in its navigation, and a
 * screen opened by URL without the role shows a refusal instead of a form the server would refuse
 * (403) at the first action. The server stays the authority: this only spares the operator a
 * dead end.
 */
import type { Role } from '../api/types.ts';
import type { Route } from './router.ts';

export type Access = { readonly ok: true } | { readonly ok: false; readonly needs: string };

const SUPERVISORS: readonly Role[] = ['admin', 'supervisor'];
const ADMINS: readonly Role[] = ['admin'];
const AUDITORS: readonly Role[] = ['admin', 'auditor'];

/** The roles that may open a screen; undefined: every role. */
const ROLES: Partial<Record<Route['name'], { readonly roles: readonly Role[]; readonly needs: string }>> = {
  'camera-new': { roles: SUPERVISORS, needs: 'a supervisor or admin account' },
  'camera-edit': { roles: SUPERVISORS, needs: 'a supervisor or admin account' },
  users: { roles: ADMINS, needs: 'an admin account' },
  settings: { roles: ADMINS, needs: 'an admin account' },
  journal: { roles: AUDITORS, needs: 'an auditor or admin account' },
};

export function screenAccess(route: Route['name'], role: Role): Access {
  const rule = ROLES[route];
  return !rule || rule.roles.includes(role) ? { ok: true } : { ok: false, needs: rule.needs };
}
