/**
 * The one-time token of the first-run setup: while no account exists, creating the first (admin)
 * account needs it, so that whoever reaches an unclaimed console first over the network cannot
 * claim it. It is made at start, printed on the server's console only, compared in constant time,
 * and spent by the setup that uses it. Formatted for typing: 16 hex digits in groups of four;
 * spaces, dashes and case are ignored when compared.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface SetupToken {
  /** The token to print; undefined once spent. */
  current(): string | undefined;
  /** Whether the candidate is the (unspent) token. */
  matches(candidate: string): boolean;
  spend(): void;
}

export const normalizeToken = (t: string): string => t.replace(/[\s-]/g, '').toLowerCase();

const digest = (t: string): Buffer => createHash('sha256').update(normalizeToken(t)).digest();

export function createSetupToken(value: string = randomBytes(8).toString('hex').replace(/(.{4})(?=.)/g, '$1-')): SetupToken {
  let token: string | undefined = value;
  return {
    current: () => token,
    matches: (candidate) => token !== undefined && timingSafeEqual(digest(candidate), digest(token)),
    spend: () => void (token = undefined),
  };
}
