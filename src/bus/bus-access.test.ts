/** The bus flags at the edge: addresses, credentials in them, TLS files, NKey seeds, credentials files. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nkeys } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import type { PeerCertificate } from 'node:tls';
import { busFailureHint, natsAccessOptions, parseBusSecurity, parseBusUrl, readNkeySeed, safeBusUrl, serverIdentityCheck, type BusCliValues, type BusSecurity } from './bus-access.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'vigie-bus-access-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};
const seed = new TextDecoder().decode(nkeys.createUser().getSeed());
const seedFile = file('user.nk', `${seed}\n`);
const pem = file('ca.pem', '-----BEGIN CERTIFICATE-----\nnot checked here\n-----END CERTIFICATE-----\n');
const creds = file('user.creds', '-----BEGIN NATS USER JWT-----\neyJ0eXAi\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\nSUAM\n------END USER NKEY SEED------\n');

describe('parseBusUrl', () => {
  it.each([
    ['nats://127.0.0.1:4222', true],
    ['nats://a:4222,nats://b:4222', true],
    ['tls://bus.example.org:4222', true],
    ['nats://user:secret@bus:4222', true],
    ['http://127.0.0.1:4222', false],
    ['127.0.0.1:4222', false],
    ['nats://', false],
    ['nats://a:4222,', false],
  ])('%s accepted: %s', (url, ok) => {
    if (ok) expect(parseBusUrl(url)).toBe(url);
    else expect(() => parseBusUrl(url)).toThrow(/--bus must be a NATS address/);
  });

  it('missing: says what to give', () => {
    expect(() => parseBusUrl(undefined)).toThrow(/--bus is required/);
  });

  it('a password never shows in the message', () => {
    expect(() => parseBusUrl('http://u:secret@h:1')).toThrow(/u:\*\*\*@/);
    expect(() => parseBusUrl('http://u:secret@h:1')).not.toThrow(/secret/);
  });
});

describe('safeBusUrl', () => {
  it.each([
    ['nats://127.0.0.1:4222', 'nats://127.0.0.1:4222'],
    ['nats://vigie:s3cret@nats.example:4222', 'nats://vigie:***@nats.example:4222'],
    ['nats://t0ken@nats.example:4222', 'nats://***@nats.example:4222'],
    ['nats://u:p1@a:4222,nats://u:p2@b:4222', 'nats://u:***@a:4222,nats://u:***@b:4222'],
  ])('%s -> %s', (url, safe) => {
    expect(safeBusUrl(url)).toBe(safe);
  });
});

describe('natsAccessOptions', () => {
  it.each([
    ['nats://127.0.0.1:4222', { servers: 'nats://127.0.0.1:4222' }],
    ['nats://vigie:s3cret@nats.example:4222', { servers: 'nats://nats.example:4222', user: 'vigie', pass: 's3cret' }],
    ['nats://vigie:p%40ss%3Aw@nats.example:4222', { servers: 'nats://nats.example:4222', user: 'vigie', pass: 'p@ss:w' }],
    ['nats://t0ken@nats.example:4222', { servers: 'nats://nats.example:4222', token: 't0ken' }],
    ['tls://vigie:x@nats.example:4443', { servers: 'tls://nats.example:4443', user: 'vigie', pass: 'x' }],
    ['nats://a:4222, nats://u:p@b:4222', { servers: ['nats://a:4222', 'nats://b:4222'], user: 'u', pass: 'p' }],
  ])('%s', (url, expected) => {
    const { tls, ...rest } = natsAccessOptions(url);
    expect(rest).toEqual(expected);
    expect(tls !== undefined).toBe(url.startsWith('tls:'));
  });

  it('TLS files go to nats.js as they are; an NKey seed or a credentials file becomes an authenticator', () => {
    const o = natsAccessOptions('tls://bus:4222', { tls: { caFile: pem }, nkeyFile: seedFile });
    expect(o.tls).toMatchObject({ caFile: pem, checkServerIdentity: expect.any(Function) });
    expect(typeof o.authenticator).toBe('function');
    expect(typeof natsAccessOptions('nats://bus:4222', { credsFile: creds }).authenticator).toBe('function');
    expect(natsAccessOptions('nats://bus:4222', {})).toEqual({ servers: 'nats://bus:4222' });
  });
});

describe('parseBusSecurity', () => {
  const bus = 'tls://bus:4222';
  it.each<[string, BusCliValues, RegExp]>([
    ['a security flag without --bus', { 'bus-ca': pem }, /need --bus/],
    ['a certificate without its key', { bus, 'bus-cert': pem }, /--bus-cert and --bus-key go together/],
    ['a key without its certificate', { bus, 'bus-key': pem }, /--bus-cert and --bus-key go together/],
    ['an NKey seed and a credentials file', { bus, 'bus-nkey': seedFile, 'bus-creds': creds }, /give one/],
    ['a missing CA file', { bus, 'bus-ca': path.join(dir, 'nope.pem') }, /--bus-ca: cannot read .*nope\.pem/],
    ['a folder as the key', { bus, 'bus-cert': pem, 'bus-key': dir }, /--bus-key: cannot read/],
    ['a file with no seed', { bus, 'bus-nkey': pem }, /--bus-nkey: .* holds no user NKey seed/],
    ['a broken seed', { bus, 'bus-nkey': file('bad.nk', 'SUAAAAAAAAAAAAAAA\n') }, /--bus-nkey: the seed in .* is not a valid NKey seed/],
    ['a file that is no credentials file', { bus, 'bus-creds': pem }, /--bus-creds: .* is not a NATS credentials file/],
  ])('%s: a usage error', (_, values, message) => {
    let err: unknown;
    try {
      parseBusSecurity(values);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'USAGE', message: expect.stringMatching(message) });
    expect((err as Error).message).not.toContain(seed);
  });

  it('none given: undefined (the URL alone)', () => {
    expect(parseBusSecurity({ bus })).toBeUndefined();
  });

  it('TLS files and a seed: kept as given, checked', () => {
    expect(parseBusSecurity({ bus, 'bus-ca': pem, 'bus-cert': pem, 'bus-key': pem, 'bus-nkey': seedFile })).toEqual({
      tls: { caFile: pem, certFile: pem, keyFile: pem },
      nkeyFile: seedFile,
    });
    expect(parseBusSecurity({ bus, 'bus-creds': creds })).toEqual({ credsFile: creds });
  });

  it('the seed is read from the first line that is one (nk and nsc files carry comments)', () => {
    const commented = file('commented.nk', `# a user of the vigie account\n\n  ${seed}  \n`);
    expect(new TextDecoder().decode(readNkeySeed(commented))).toBe(seed);
  });
});

describe('busFailureHint', () => {
  it.each<[string, string, BusSecurity | undefined, RegExp]>([
    ['timeout', 'tls://bus:4222', { tls: { caFile: 'ca.pem' } }, /--bus-cert and --bus-key/],
    ['timeout', 'tls://bus:4222', { tls: { caFile: 'ca.pem', certFile: 'c.pem', keyFile: 'c.key' } }, /^$/],
    ['timeout', 'nats://bus:4222', undefined, /^$/],
    ['unable to verify the first certificate', 'tls://bus:4222', undefined, /--bus-ca/],
    ['self-signed certificate in certificate chain', 'nats://bus:4222', { tls: { certFile: 'c.pem', keyFile: 'c.key' } }, /--bus-ca/],
    ['unable to verify the first certificate', 'tls://bus:4222', { tls: { caFile: 'ca.pem' } }, /^$/],
    ["server does not support 'tls'", 'nats://bus:4222', { tls: { caFile: 'ca.pem' } }, /nothing was sent in clear/],
    ['connection refused', 'nats://bus:4222', undefined, /^$/],
  ])('%s (%s): %s', (message, url, security, hint) => {
    expect(busFailureHint(message, url, security)).toMatch(hint);
  });
});

describe('serverIdentityCheck', () => {
  // A certificate as Node hands it: only the names matter to checkServerIdentity.
  const cert = (altnames: string) => ({ subject: { CN: 'bus' }, subjectaltname: altnames }) as unknown as PeerCertificate;
  it.each<[string, readonly string[], string, boolean]>([
    ['an IP address, Node says "localhost": checked against the address', ['10.0.0.5'], 'IP Address:10.0.0.5', true],
    ['the same for a certificate of another address', ['10.0.0.5'], 'IP Address:10.0.0.6', false],
    ['a certificate for localhost only, the address an IP: refused', ['10.0.0.5'], 'DNS:localhost', false],
    ['several addresses: valid for one of them', ['10.0.0.5', '10.0.0.6'], 'IP Address:10.0.0.6', true],
    ['a name: Node gives it, checked as Node would', ['bus.internal'], 'DNS:bus.internal', true],
  ])('%s', (_, hosts, altnames, ok) => {
    const host = hosts[0] === 'bus.internal' ? 'bus.internal' : 'localhost';
    expect(serverIdentityCheck(hosts)(host, cert(altnames)) === undefined).toBe(ok);
  });
});
