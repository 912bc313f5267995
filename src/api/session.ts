/** The session cookie and the guards that need it. */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { can, type Permission } from '../auth/roles.ts';
import { SESSION_TTL_MS, type Auth } from '../auth/auth.ts';
import type { SessionUser } from '../store/sessions.ts';
import { refusalText } from '../auth/habilitation.ts';
import { refusalOf, type ViewingCheck } from '../auth/habilitation-check.ts';
import type { ApiEnv } from './deps.ts';
import { ApiError } from './errors.ts';

export const SESSION_COOKIE = 'vigie_session';

/** Routes open without a session (method + path under /api). */
const PUBLIC = new Set(['GET /api/health', 'GET /api/setup', 'POST /api/setup', 'POST /api/login']);

/** Whether the request reached us over HTTPS (directly, or through a proxy that says so). */
export function cameOverHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

/** The session cookie; `Secure` when `secure` (an https --public-url) or when the request came over HTTPS. */
export function setSessionCookie(c: Context, token: string, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: secure || cameOverHttps(c),
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

export const sessionToken = (c: Context): string | undefined => getCookie(c, SESSION_COOKIE);

/** Puts the session's account in `c.var.user`; 401 for every non-public route without one. */
export function requireSession(auth: Auth): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const user = auth.resolve(sessionToken(c));
    if (user) c.set('user', user);
    else if (!PUBLIC.has(`${c.req.method} ${c.req.path}`)) throw new ApiError('UNAUTHORIZED', 'log in first');
    await next();
  };
}

export function requirePermission(permission: Permission): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const user: SessionUser | undefined = c.get('user');
    if (!user) throw new ApiError('UNAUTHORIZED', 'log in first');
    if (!can(user.role, permission)) throw new ApiError('FORBIDDEN', `the ${user.role} role may not do this (needs ${permission})`);
    await next();
  };
}

/**
 * The routes that show alerts, their images or live video, or act on alerts (qualification): only
 * for an account habilitated and trained (src/auth/habilitation.ts). The camera's latest frame is
 * also a set-up image: an account that sets up cameras (the `cameras` permission) gets it without.
 */
export const VIEWING_ROUTES: readonly { readonly path: string; readonly except?: Permission }[] = [
  { path: '/api/alerts' },
  { path: '/api/alerts/*' },
  { path: '/api/cameras/:id/snapshot.jpg', except: 'cameras' },
];

/** 403 with `error.reason` (not_habilitated, habilitation_withdrawn, habilitation_expired, training_missing) for an account that may not view. */
export function requireViewing(check: ViewingCheck, except?: Permission): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const user: SessionUser | undefined = c.get('user');
    if (!user) throw new ApiError('UNAUTHORIZED', 'log in first');
    const refusal = except && can(user.role, except) ? undefined : refusalOf(check(user));
    if (refusal) throw new ApiError('FORBIDDEN', `viewing alerts, their images and live video needs a habilitation and both trainings: ${refusalText(refusal)}`, { refusal });
    await next();
  };
}
