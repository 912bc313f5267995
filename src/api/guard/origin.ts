/**
 * Cross-site request forgery, decided from the request's headers alone (a pure function).
 * Unsafe methods (POST, PUT, PATCH, DELETE) are accepted only:
 * - from a browser page of the console itself: `Origin` names the same host as the request (or the
 *   `--public-url` origin), or, without `Origin`, `Sec-Fetch-Site: same-origin`;
 * - or from a client that is no browser: neither `Origin` nor `Sec-Fetch-Site` (every current
 *   browser sends at least one of them on an unsafe request, so such a request cannot be forged by
 *   a web page);
 * and, in both cases, with a JSON body when there is a body (`Content-Type: application/json`):
 * a form (`text/plain`, `application/x-www-form-urlencoded`, `multipart/form-data`) is how a page
 * of another site posts without asking the browser's permission.
 */

export const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestMarks {
  readonly method: string;
  /** The Host the request was sent to (already checked against the allowed hosts). */
  readonly host: string;
  readonly origin?: string | undefined;
  readonly secFetchSite?: string | undefined;
  readonly contentType?: string | undefined;
  readonly hasBody: boolean;
}

export type OriginVerdict = { readonly ok: true } | { readonly ok: false; readonly status: 403 | 415; readonly reason: string };

const OK: OriginVerdict = { ok: true };

/** The host:port of an Origin header value; undefined for 'null' or a malformed one. */
export function originHost(origin: string): string | undefined {
  if (!URL.canParse(origin)) return undefined;
  const url = new URL(origin);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.host : undefined;
}

export const isJsonType = (contentType: string): boolean => /^application\/json\s*(;|$)/i.test(contentType.trim());

function sameSite(r: RequestMarks, publicOrigin: string | undefined): OriginVerdict {
  if (r.origin !== undefined) {
    const host = originHost(r.origin);
    if (host !== undefined && (host === r.host.toLowerCase() || r.origin === publicOrigin)) return OK;
    return { ok: false, status: 403, reason: `cross-origin request refused (Origin ${r.origin} is not this console)` };
  }
  if (r.secFetchSite !== undefined && r.secFetchSite !== 'same-origin') {
    return { ok: false, status: 403, reason: `cross-site request refused (Sec-Fetch-Site: ${r.secFetchSite})` };
  }
  return OK;
}

function jsonBody(r: RequestMarks): OriginVerdict {
  if (r.contentType === undefined ? !r.hasBody : isJsonType(r.contentType)) return OK;
  return { ok: false, status: 415, reason: `the request body must be JSON (Content-Type: application/json), got ${r.contentType ?? 'no Content-Type'}` };
}

export function originVerdict(r: RequestMarks, publicOrigin?: string): OriginVerdict {
  if (!UNSAFE_METHODS.has(r.method.toUpperCase())) return OK;
  const site = sameSite(r, publicOrigin);
  return site.ok ? jsonBody(r) : site;
}
