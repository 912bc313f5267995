/**
 * 429 for the requests without a valid session of an address that has been refused too often in
 * the current window (guard/refusals.ts); a signed-in account from that address is still served.
 */
import type { MiddlewareHandler } from 'hono';
import type { Auth } from '../../auth/auth.ts';
import { clientAddress } from '../client-address.ts';
import type { ApiEnv } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { sessionToken } from '../session.ts';
import type { Refusals } from './refusals.ts';

export function refusalLimit(auth: Auth, refusals: Refusals, now: () => number): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const waitMs = refusals.blockedForMs(clientAddress(c), now());
    if (waitMs > 0 && !auth.resolve(sessionToken(c))) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new ApiError('TOO_MANY_REQUESTS', `too many refused requests from this address: try again in ${seconds} s`, { retryAfterSeconds: seconds });
    }
    await next();
  };
}
