/** The account roles in words (catalogue group "users"); the API codes stay. */
import type { Role } from '../api/types.ts';
import type { Translate } from '../i18n/translator.ts';

/** In the order offered when adding an account. */
export const ROLES: readonly Role[] = ['operator', 'supervisor', 'auditor', 'admin'];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** The role's name. */
export function roleLabel(role: Role, t: Translate): string {
  return t(`users.role_${role}`);
}

/** The role's name and what it may do ("operator: watches and qualifies alerts"). */
export function roleHint(role: Role, t: Translate): string {
  return t(`users.roleHint_${role}`);
}
