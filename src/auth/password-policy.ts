/**
 * What a new password must not be, besides its length (the request schema): one of the common
 * passwords, or the account's own name (case-insensitive, also written backwards). Pure.
 */
import { COMMON_PASSWORDS } from './common-passwords.ts';

const COMMON = new Set(COMMON_PASSWORDS);

/** Why this password is refused for this account, or undefined when it is acceptable. */
export function passwordProblem(password: string, username: string): string | undefined {
  const p = password.normalize('NFKC').toLowerCase();
  const u = username.normalize('NFKC').toLowerCase();
  if (p === u || p === [...u].reverse().join('')) return 'password: must not be the username';
  if (COMMON.has(p)) return 'password: too common (it is on the list of the most used passwords): choose another';
  if (new Set(p).size === 1) return 'password: a single repeated character is too easy to guess';
  return undefined;
}
