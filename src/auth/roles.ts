/**
 * What each role may do. admin: everything (accounts, webhooks); supervisor: cameras,
 * qualification and the correction of a decision already taken; operator: qualification (a
 * decision is final for them); auditor: read, and the journal. Every role reads.
 */
import { USER_ROLES, type Role } from '../store/users.ts';

export { USER_ROLES, type Role };

export type Permission = 'read' | 'qualify' | 'correct' | 'cameras' | 'admin' | 'audit';

const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: ['read', 'qualify', 'correct', 'cameras', 'admin', 'audit'],
  supervisor: ['read', 'qualify', 'correct', 'cameras'],
  operator: ['read', 'qualify'],
  auditor: ['read', 'audit'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
