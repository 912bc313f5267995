/**
 * Every API access goes into the journal, in one place: a middleware that, once the answer is made,
 * records who (the session's account, if any), the route (its registered pattern, e.g.
 * `GET /api/alerts/:id/snapshot`), the ids in the path, the HTTP status and the client address.
 * It runs around the request and session guards, so refused accesses are journaled too: those of
 * an account one row each, those without a session (any 4xx) as one summary row per client address
 * and window (guard/refusals.ts), so that nobody can fill the journal from outside. Requests for no
 * route at all (404 on an unknown path) are not journaled.
 * A few routes are not journaled here: health and set-up probes and the OpenAPI document (nothing
 * accessed), and sign-in (journaled by its route with the account tried, which the session does not
 * know yet). Views of alert media are journaled once per view, not per request (journal-views.ts:
 * the queue's thumbnails as one row per account and minute, a clip's range requests as one).
 * `record` is a journalWriter: it never throws.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { JournalInput } from '../store/journal.ts';
import type { ApiEnv } from './deps.ts';
import { clientAddress } from './client-address.ts';
import type { Refusals } from './guard/refusals.ts';
import type { MediaViews } from './journal-views.ts';

const NOT_JOURNALED = new Set(['GET /api/health', 'GET /api/setup', 'GET /api/openapi.json', 'POST /api/login']);

/** The ids a concrete path holds where its pattern has parameters, e.g. ('/a/:id/b', '/a/x1/b') -> 'x1'. */
export function pathTarget(pattern: string, path: string): string | undefined {
  const p = pattern.split('/');
  const v = path.split('/');
  const ids = p.flatMap((seg, i) => (seg.startsWith(':') && v[i] !== undefined ? [decodeURIComponent(v[i]!)] : []));
  return ids.length > 0 ? ids.join('/') : undefined;
}

/** The journal entry of an answered request, or undefined for the routes not journaled here. */
export function accessEntry(method: string, pattern: string, path: string, status: number, actor: string | undefined, address: string, atMs: number): JournalInput | undefined {
  const action = `${method} ${pattern}`;
  if (NOT_JOURNALED.has(action) || pattern.endsWith('*')) return undefined;
  const target = pathTarget(pattern, path);
  return { atMs, action, details: { status, address }, ...(actor ? { actor } : {}), ...(target ? { target } : {}) };
}

/** The pattern of the route the request was for (also when a guard refused it first); the catch-all when none. */
function requestedPattern(c: Context): string {
  return matchedRoutes(c).find((r) => !r.path.endsWith('*'))?.path ?? '/api/*';
}

export function journalAccess(record: (e: JournalInput) => void, refusals: Refusals, now: () => number, views?: MediaViews): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    await next();
    const actor = c.get('user')?.username;
    const pattern = requestedPattern(c);
    const { status } = c.res;
    if (!actor && status >= 400) return refusals.refused(clientAddress(c), `${c.req.method} ${pattern} ${status}`, now());
    const access = accessEntry(c.req.method, pattern, c.req.path, status, actor, clientAddress(c), now());
    const entry = access && views ? views.admit(access) : access;
    if (entry) record(entry);
  };
}
