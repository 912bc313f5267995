/**
 * Headers on every answer (API and console): a Content-Security-Policy that lets the console load
 * only its own scripts, styles, images (plus the live frames as data: URLs), clips and WebSocket,
 * and no framing by any page; no MIME sniffing; no Referer sent anywhere.
 */
import type { MiddlewareHandler } from 'hono';

/** The policy for a console reached as `host` (its WebSocket is ws:// or wss:// on the same host). */
export function contentSecurityPolicy(host: string): string {
  const ws = /^[a-z0-9.:[\]-]+$/i.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React sets style properties through the DOM; the plain pages carry a style attribute.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    `connect-src 'self'${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    c.header('Content-Security-Policy', contentSecurityPolicy(host));
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
  };
}
