/**
 * What each role may do. admin: everything (accounts, webhooks); supervisor: cameras and
 * qualification; operator: qualification; auditor: read, and the journal. Every role reads.
 */
import { USER_ROLES, type Role } from '../store/users.ts';

export { USER_ROLES, type Role };

export type Permission = 'read' | 'qualify' | 'cameras' | 'admin' | 'audit';

const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: ['read', 'qualify', 'cameras', 'admin', 'audit'],
  supervisor: ['read', 'qualify', 'cameras'],
  operator: ['read', 'qualify'],
  auditor: ['read', 'audit'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
