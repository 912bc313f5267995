import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './headers.ts';
import { hostAllowList, parseHostHeader, type HostPolicy } from './host.ts';
import { originVerdict, type RequestMarks } from './origin.ts';
import { addRefusal, createRefusals, type RefusalWindow } from './refusals.ts';
import type { JournalInput } from '../../store/journal.ts';

describe('Host allow-list', () => {
  const loopback: HostPolicy = { bind: '127.0.0.1', port: 8080 };
  const wildcard: HostPolicy = { bind: '0.0.0.0', port: 8080, publicUrl: 'https://vigie.example.org' };
  const lan: HostPolicy = { bind: '192.168.1.5', port: 8080 };
  // [policy, Host header, allowed]
  const cases: [string, HostPolicy, string, boolean][] = [
    ['loopback', loopback, '127.0.0.1:8080', true],
    ['loopback', loopback, 'localhost:8080', true],
    ['loopback', loopback, 'LOCALHOST:8080', true],
    ['loopback', loopback, '[::1]:8080', true],
    ['loopback', loopback, 'localhost:8081', false],
    ['loopback', loopback, 'localhost', false],
    ['loopback', loopback, 'rebind.evil.example:8080', false],
    ['loopback', loopback, '192.168.1.5:8080', false],
    ['wildcard', wildcard, '192.168.1.5:8080', true],
    ['wildcard', wildcard, '[fe80::1]:8080', true],
    ['wildcard', wildcard, 'localhost:8080', true],
    ['wildcard', wildcard, 'vigie.example.org', true],
    ['wildcard', wildcard, 'vigie.example.org:8080', false],
    ['wildcard', wildcard, 'rebind.evil.example:8080', false],
    ['LAN address', lan, '192.168.1.5:8080', true],
    ['LAN address', lan, 'localhost:8080', false],
    ['LAN address', lan, '10.0.0.1:8080', false],
  ];
  it.each(cases)('bound to %s: Host %s allowed %s', (_what, policy, host, allowed) => {
    expect(hostAllowList(policy)(host)).toBe(allowed);
  });

  it('parses Host header values, IPv6 in brackets', () => {
    expect(parseHostHeader('[::1]:80')).toEqual({ name: '::1', port: '80' });
    expect(parseHostHeader('Example.org')).toEqual({ name: 'example.org', port: '' });
    expect(parseHostHeader('a:b:c')).toBeUndefined();
  });
});

describe('cross-site request verdict', () => {
  const base: RequestMarks = { method: 'POST', host: 'localhost:8080', contentType: 'application/json', hasBody: true };
  // [what, request, verdict status (0: accepted)]
  const cases: [string, Partial<RequestMarks>, number][] = [
    ['GET from anywhere', { method: 'GET', origin: 'https://evil.example', contentType: 'text/plain' }, 0],
    ['same Origin', { origin: 'http://localhost:8080' }, 0],
    ['the public URL as Origin', { origin: 'https://vigie.example.org' }, 0],
    ['another port of the same host (same-site)', { origin: 'http://localhost:9999' }, 403],
    ['Origin null', { origin: 'null' }, 403],
    ['Sec-Fetch-Site same-origin, no Origin', { secFetchSite: 'same-origin' }, 0],
    ['Sec-Fetch-Site same-site, no Origin', { secFetchSite: 'same-site' }, 403],
    ['Sec-Fetch-Site none, no Origin', { secFetchSite: 'none' }, 403],
    ['no browser marks', {}, 0],
    ['no browser marks, text/plain', { contentType: 'text/plain' }, 415],
    ['no browser marks, a body without Content-Type', { contentType: undefined }, 415],
    ['no body, no Content-Type (DELETE)', { method: 'DELETE', contentType: undefined, hasBody: false }, 0],
    ['same Origin, multipart form', { origin: 'http://localhost:8080', contentType: 'multipart/form-data; boundary=x' }, 415],
    ['application/json-seq is not JSON', { contentType: 'application/jsonx' }, 415],
  ];
  it.each(cases)('%s -> %s', (_what, marks, status) => {
    const v = originVerdict({ ...base, ...marks }, 'https://vigie.example.org');
    expect(v.ok ? 0 : v.status).toBe(status);
  });
});

describe('refusals', () => {
  it('count routes up to maxRoutes, the rest as "other"', () => {
    const w0: RefusalWindow = { address: 'a', startMs: 0, lastMs: 0, count: 0, routes: {} };
    const w = ['r1', 'r2', 'r3', 'r1'].reduce((w, what, i) => addRefusal(w, what, i, 2), w0);
    expect(w).toEqual({ address: 'a', startMs: 0, lastMs: 3, count: 4, routes: { r1: 2, r2: 1, other: 1 } });
  });

  it('hold at most maxAddresses windows: the oldest is written out first', () => {
    const rows: JournalInput[] = [];
    const r = createRefusals((e) => void rows.push(e), { windowMs: 1000, burst: 2, maxAddresses: 2, maxRoutes: 4 });
    for (const a of ['a', 'b', 'c']) r.refused(a, 'x', 10);
    expect(rows.map((e) => (e.details as { address: string }).address)).toEqual(['a']);
    r.refused('b', 'x', 20);
    expect(r.blockedForMs('b', 30)).toBe(980);
    expect(r.blockedForMs('c', 30)).toBe(0);
    r.flush();
    expect(rows).toHaveLength(3);
  });
});

describe('content security policy', () => {
  it('allows the console WebSocket on its own host only, never a header injection', () => {
    expect(contentSecurityPolicy('localhost:8080')).toContain("connect-src 'self' ws://localhost:8080 wss://localhost:8080;");
    expect(contentSecurityPolicy("x; script-src *")).not.toContain('script-src *');
  });
});
