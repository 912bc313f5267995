/**
 * How a worker or the console reaches the bus and proves who it is: the address (`--bus`, one or
 * several comma-separated `nats://` or `tls://` URLs, a user and password or a token in the URL),
 * and the files of `--bus-ca`, `--bus-cert` and `--bus-key` (TLS with a private CA, a client
 * certificate), `--bus-nkey` (an NKey seed: the client signs the server's challenge) or
 * `--bus-creds` (a NATS credentials file: user JWT and seed, as `nsc` writes it).
 * Parsed and checked at the edge (usage errors naming the flag, never a secret); turned into the
 * options of nats.js by `natsAccessOptions` when connecting.
 */
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { credsAuthenticator, nkeyAuthenticator, nkeys, type Authenticator, type ConnectionOptions, type TlsOptions } from '@nats-io/transport-node';
import { VigieError, errorMessage } from '../core/errors.ts';

/** TLS files (PEM). Any of them turns TLS on; cert and key go together. */
export interface BusTls {
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
}

/** Proof of identity and privacy beyond the URL's own user and password or token. */
export interface BusSecurity {
  readonly tls?: BusTls;
  /** A file holding a user NKey seed (`SU…`). */
  readonly nkeyFile?: string;
  /** A NATS credentials file (`.creds`: user JWT and NKey seed). */
  readonly credsFile?: string;
}

/** The bus options of `vigie serve` and `vigie worker` (node:util parseArgs). */
export const BUS_CLI_OPTIONS = {
  bus: { type: 'string' },
  'bus-ca': { type: 'string' },
  'bus-cert': { type: 'string' },
  'bus-key': { type: 'string' },
  'bus-nkey': { type: 'string' },
  'bus-creds': { type: 'string' },
} as const;

export interface BusCliValues {
  readonly bus?: string | undefined;
  readonly 'bus-ca'?: string | undefined;
  readonly 'bus-cert'?: string | undefined;
  readonly 'bus-key'?: string | undefined;
  readonly 'bus-nkey'?: string | undefined;
  readonly 'bus-creds'?: string | undefined;
}

/** Masks a password (`user:***@`) or a token (`***@`) in a NATS URL for messages. */
export function safeBusUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/g, '//$1:***@').replace(/\/\/[^:/@]+@/g, '//***@');
}

/** --bus: one or several comma-separated nats:// or tls:// URLs; a usage error (password masked) otherwise. */
export function parseBusUrl(value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw new VigieError('USAGE', '--bus is required, e.g. --bus nats://127.0.0.1:4222');
  for (const one of value.split(',')) {
    const url = URL.canParse(one.trim()) ? new URL(one.trim()) : undefined;
    if (!url || !/^(nats|tls):$/.test(url.protocol) || !url.hostname) {
      throw new VigieError('USAGE', `--bus must be a NATS address such as nats://127.0.0.1:4222 (several: comma-separated), got "${safeBusUrl(one.trim())}"`);
    }
  }
  return value;
}

function readableFile(flag: string, file: string): string {
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
    accessSync(file, constants.R_OK);
  } catch (err) {
    throw new VigieError('USAGE', `${flag}: cannot read ${file}: ${errorMessage(err)}`, { cause: err });
  }
  return file;
}

/** The user NKey seed of `file` (its first line that is one), checked: a usage error otherwise, never showing the file. */
export function readNkeySeed(file: string, flag = '--bus-nkey'): Uint8Array {
  const text = readFileSync(readableFile(flag, file), 'utf8');
  const seed = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.startsWith('SU'));
  if (!seed) throw new VigieError('USAGE', `${flag}: ${file} holds no user NKey seed (a line starting with SU, as "nsc" or "nk -gen user" write)`);
  const bytes = new TextEncoder().encode(seed);
  try {
    nkeys.fromSeed(bytes);
  } catch (err) {
    throw new VigieError('USAGE', `${flag}: the seed in ${file} is not a valid NKey seed: ${errorMessage(err)}`, { cause: err });
  }
  return bytes;
}

const CREDS_JWT = /-----BEGIN NATS USER JWT-----/;
const CREDS_SEED = /-----BEGIN USER NKEY SEED-----/;

function checkCreds(file: string): string {
  const text = readFileSync(readableFile('--bus-creds', file), 'utf8');
  if (!CREDS_JWT.test(text) || !CREDS_SEED.test(text)) {
    throw new VigieError('USAGE', `--bus-creds: ${file} is not a NATS credentials file (it needs a "BEGIN NATS USER JWT" and a "BEGIN USER NKEY SEED" block)`);
  }
  return file;
}

/**
 * What to check when connecting failed with `message`, where nats.js and Node's TLS say little:
 * a server that wants a client certificate drops the connection without a word (a timeout), a
 * certificate from a private CA is unknown to the system's. Empty when there is nothing to add.
 */
export function busFailureHint(message: string, url: string, security: BusSecurity = {}): string {
  const tls = security.tls !== undefined || /(^|,)\s*tls:/.test(url);
  if (tls && /timeout/i.test(message) && !security.tls?.certFile) return ' (a server that wants a client certificate closes the connection without saying so: give one with --bus-cert and --bus-key)';
  if (/unable to verify|self[- ]signed|unknown ca|certificate/i.test(message) && !security.tls?.caFile) return " (the server's certificate comes from a CA this machine does not trust: give that CA with --bus-ca)";
  if (/does not support 'tls'/i.test(message)) return ' (TLS was asked for with --bus-ca, --bus-cert or a tls:// address, and this server offers none: nothing was sent in clear)';
  return '';
}

/** The security flags, checked (files readable, cert with key, one identity file at most); undefined when none is given. */
export function parseBusSecurity(values: BusCliValues): BusSecurity | undefined {
  const ca = values['bus-ca'];
  const cert = values['bus-cert'];
  const key = values['bus-key'];
  const nkey = values['bus-nkey'];
  const creds = values['bus-creds'];
  if ([ca, cert, key, nkey, creds].every((v) => v === undefined)) return undefined;
  if (values.bus === undefined) throw new VigieError('USAGE', '--bus-ca, --bus-cert, --bus-key, --bus-nkey and --bus-creds need --bus');
  if ((cert === undefined) !== (key === undefined)) throw new VigieError('USAGE', '--bus-cert and --bus-key go together (the client certificate and its private key)');
  if (nkey !== undefined && creds !== undefined) throw new VigieError('USAGE', '--bus-nkey and --bus-creds are two ways to say who this node is: give one');
  const tls: BusTls = {
    ...(ca !== undefined ? { caFile: readableFile('--bus-ca', ca) } : {}),
    ...(cert !== undefined ? { certFile: readableFile('--bus-cert', cert) } : {}),
    ...(key !== undefined ? { keyFile: readableFile('--bus-key', key) } : {}),
  };
  if (nkey !== undefined) readNkeySeed(nkey);
  return {
    ...(Object.keys(tls).length > 0 ? { tls } : {}),
    ...(nkey !== undefined ? { nkeyFile: nkey } : {}),
    ...(creds !== undefined ? { credsFile: checkCreds(creds) } : {}),
  };
}

/**
 * The server certificate's check. nats.js names no server when the address is an IP address, and
 * Node then checks the certificate against "localhost": that name (when no address says it) is
 * replaced by the addresses' own hosts, the certificate valid for any of them. Pure.
 */
export function serverIdentityCheck(hosts: readonly string[]): (host: string, cert: PeerCertificate) => Error | undefined {
  return (host, cert) => {
    const names = host !== 'localhost' || hosts.includes(host) || hosts.length === 0 ? [host] : hosts;
    let first: Error | undefined;
    for (const name of names) {
      const err = checkServerIdentity(name, cert);
      if (!err) return undefined;
      first ??= err;
    }
    return first;
  };
}

/**
 * The nats.js options for `url` and `security`: the servers without their credentials (nats.js does
 * not read them from an address), the URL's user and password (URL-encoded) or token (taken from
 * the first address that has one), the TLS files, and an authenticator for an NKey seed or a
 * credentials file (read now: a file changed later is read at the next start).
 */
export function natsAccessOptions(url: string, security: BusSecurity = {}): Partial<ConnectionOptions> {
  const servers: string[] = [];
  const hosts: string[] = [];
  let credentials: { user: string; pass: string } | { token: string } | undefined;
  for (const one of url.split(',').map((s) => s.trim())) {
    const u = URL.canParse(one) ? new URL(one) : undefined;
    if (u) hosts.push(u.hostname.replace(/^\[(.*)\]$/, '$1'));
    if (!u || u.username === '') {
      servers.push(one);
      continue;
    }
    const user = decodeURIComponent(u.username);
    const pass = decodeURIComponent(u.password);
    credentials ??= pass === '' ? { token: user } : { user, pass };
    u.username = '';
    u.password = '';
    servers.push(u.toString().replace(/\/$/, ''));
  }
  const authenticator: Authenticator | undefined = security.nkeyFile
    ? nkeyAuthenticator(readNkeySeed(security.nkeyFile))
    : security.credsFile
      ? credsAuthenticator(new Uint8Array(readFileSync(security.credsFile)))
      : undefined;
  // nats.js hands its tls object to Node's tls.connect as it is (so the check goes through), and takes any tls object as "TLS required".
  const wantsTls = security.tls !== undefined || servers.some((s) => s.startsWith('tls:'));
  const tlsWithCheck = { ...security.tls, checkServerIdentity: serverIdentityCheck(hosts) };
  const tls: TlsOptions | undefined = wantsTls ? tlsWithCheck : undefined;
  return { servers: servers.length === 1 ? servers[0]! : servers, ...credentials, ...(tls ? { tls } : {}), ...(authenticator ? { authenticator } : {}) };
}
