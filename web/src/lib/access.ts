/**
 * Which screens each role may open. The console offers only those in its navigation, and a
 * screen opened by URL without the role shows a refusal instead of a form the server would refuse
 * (403) at the first action. The server stays the authority: this only spares the operator a
 * dead end. Role names and refusals are worded from the catalogue (group "app").
 */
import type { Role } from '../api/types.ts';
import type { Translate } from '../i18n/translator.ts';
import type { Route } from './router.ts';

/** The account a refused screen needs: a supervisor (or admin), an admin, an auditor (or admin). */
export type Needs = 'supervisor' | 'admin' | 'auditor';
export type Access = { readonly ok: true } | { readonly ok: false; readonly needs: Needs };

const ALLOWED: Record<Needs, readonly Role[]> = {
  supervisor: ['admin', 'supervisor'],
  admin: ['admin'],
  auditor: ['admin', 'auditor'],
};

/** The account each restricted screen needs; absent: every role. */
const NEEDS: Partial<Record<Route['name'], Needs>> = {
  'camera-new': 'supervisor',
  'camera-edit': 'supervisor',
  users: 'admin',
  settings: 'admin',
  journal: 'auditor',
  report: 'auditor',
};

export function screenAccess(route: Route['name'], role: Role): Access {
  const needs = NEEDS[route];
  return !needs || ALLOWED[needs].includes(role) ? { ok: true } : { ok: false, needs };
}

/** The role's name as the console shows it. */
export function roleName(role: Role, t: Translate): string {
  return t(`app.role_${role}`);
}

/** Why the screen is refused, e.g. "This screen needs an admin account; you are signed in as an operator." */
export function refusal(needs: Needs, role: Role, t: Translate): string {
  return t('app.refusedReason', { needs: t(`app.needs_${needs}`), asRole: t(`app.as_${role}`) });
}
