/**
 * The request guard, before anything else: the Host must be on the allow-list (421 otherwise:
 * DNS rebinding) and an unsafe method must come from the console's own pages or from a client that
 * is no browser, with a JSON body (403 / 415 otherwise: cross-site request forgery). See host.ts
 * and origin.ts for the rules.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.ts';
import { originVerdict, type RequestMarks } from './origin.ts';

export interface RequestGuardOptions {
  /** Whether a Host header value reaches this console; absent: every host (in-process use only). */
  readonly hostAllowed?: (host: string) => boolean;
  /** The --public-url origin, accepted as Origin. */
  readonly publicOrigin?: string | undefined;
}

export const requestHost = (c: Context): string => c.req.header('host') ?? new URL(c.req.url).host;

function hasBody(c: Context): boolean {
  const length = c.req.header('content-length');
  if (length !== undefined) return Number(length) > 0;
  return c.req.header('transfer-encoding') !== undefined || c.req.raw.body !== null;
}

export function requestMarks(c: Context): RequestMarks {
  return {
    method: c.req.method,
    host: requestHost(c),
    origin: c.req.header('origin'),
    secFetchSite: c.req.header('sec-fetch-site'),
    contentType: c.req.header('content-type'),
    hasBody: hasBody(c),
  };
}

/** Refuses requests to a host not on the allow-list (every path: the console's files too). */
export function hostGuard(opts: RequestGuardOptions): MiddlewareHandler {
  return async (c, next) => {
    const host = requestHost(c);
    if (opts.hostAllowed && !opts.hostAllowed(host)) {
      throw new ApiError('MISDIRECTED_REQUEST', `this server does not answer for host "${host}" (start it with --public-url for a public name)`);
    }
    await next();
  };
}

/** Refuses forged cross-site requests and non-JSON bodies on unsafe methods (API paths). */
export function originGuard(opts: RequestGuardOptions): MiddlewareHandler {
  return async (c, next) => {
    const verdict = originVerdict(requestMarks(c), opts.publicOrigin);
    if (!verdict.ok) throw new ApiError(verdict.status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'FORBIDDEN', verdict.reason);
    await next();
  };
}
