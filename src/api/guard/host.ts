/**
 * The Host allow-list against DNS rebinding: a page of another site whose name is made to resolve
 * to this server sends its own name as Host, which is not on the list. Allowed: the bound
 * host:port; localhost, 127.0.0.1 and [::1] with the port when bound to loopback; on a wildcard
 * bind (0.0.0.0, ::) any IP address with the port (a rebinding attack needs a name, never an IP
 * literal) and the loopback names; the host of --public-url.
 */
import { isIP } from 'node:net';

export interface HostPolicy {
  /** The address the server listens on (--host). */
  readonly bind: string;
  readonly port: number;
  /** --public-url, e.g. https://vigie.example.org. */
  readonly publicUrl?: string | undefined;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);
const WILDCARD = new Set(['0.0.0.0', '::']);

const bracket = (host: string): string => (isIP(host) === 6 ? `[${host}]` : host);
const unbracket = (host: string): string => host.replace(/^\[(.*)\]$/, '$1');

/** Splits a Host header value into its lower-case name (no brackets) and port; undefined when malformed. */
export function parseHostHeader(value: string): { name: string; port: string } | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!m?.[1]) return undefined;
  return { name: unbracket(m[1].toLowerCase()), port: m[2] ?? '' };
}

/** The Host header values that reach this console, as a predicate (built once). */
export function hostAllowList(policy: HostPolicy): (hostHeader: string) => boolean {
  const bind = unbracket(policy.bind.toLowerCase());
  const port = String(policy.port);
  const names = new Set([bind]);
  if (LOOPBACK.has(bind) || bind.startsWith('127.') || WILDCARD.has(bind)) for (const n of LOOPBACK) names.add(n);
  const exact = new Set([...names].map((n) => `${bracket(n)}:${port}`));
  if (policy.publicUrl) exact.add(new URL(policy.publicUrl).host.toLowerCase());
  return (hostHeader) => {
    const value = hostHeader.trim().toLowerCase();
    if (exact.has(value)) return true;
    const parsed = parseHostHeader(value);
    return parsed !== undefined && WILDCARD.has(bind) && parsed.port === port && isIP(parsed.name) !== 0;
  };
}
