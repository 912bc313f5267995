/**
 * Test support: a nats-server in operator mode (decentralised JWT authentication, as `nsc` sets it
 * up) made here without `nsc`: an operator, a system account and an account with JetStream, each
 * a JWT signed by its issuer's NKey, and user credentials files (`.creds`) the way `nsc` writes
 * them. The server loads the accounts from its configuration (`resolver: MEMORY`).
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { nkeys } from '@nats-io/transport-node';

type KeyPair = ReturnType<typeof nkeys.createUser>;

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const b64url = (s: string | Uint8Array): string => Buffer.from(s).toString('base64url');
const UNLIMITED = { subs: -1, data: -1, payload: -1, imports: -1, exports: -1, wildcards: true, conn: -1, leaf: -1 };

/** A JWT of `claims` issued (and signed) by `issuer`, in the shape nats-server reads (ed25519-nkey). */
function signedJwt(issuer: KeyPair, subject: string, name: string, nats: Record<string, unknown>): string {
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'ed25519-nkey' }));
  const claims: Record<string, unknown> = { sub: subject, name, iat: Math.floor(Date.now() / 1000), iss: issuer.getPublicKey(), nats: { ...nats, version: 2 } };
  claims.jti = createHash('sha256').update(JSON.stringify(claims)).digest('base64url');
  const payload = b64url(JSON.stringify(claims));
  return `${header}.${payload}.${b64url(issuer.sign(new TextEncoder().encode(`${header}.${payload}`)))}`;
}

/** The text of a credentials file: the user JWT and the user's seed, in nsc's blocks. */
export function credsText(userJwt: string, user: KeyPair): string {
  return [
    '-----BEGIN NATS USER JWT-----',
    userJwt,
    '------END NATS USER JWT------',
    '',
    '-----BEGIN USER NKEY SEED-----',
    text(user.getSeed()),
    '------END USER NKEY SEED------',
    '',
  ].join('\n');
}

export interface OperatorSetup {
  /** The server's configuration file (pass as `-c`). */
  readonly config: string;
  /** A credentials file of a user of the JetStream account. */
  readonly creds: string;
  /** A credentials file of a user signed by an account the server does not know. */
  readonly strangerCreds: string;
}

/** Writes the configuration and two credentials files into `dir`. */
export function writeOperatorSetup(dir: string): OperatorSetup {
  const operator = nkeys.createOperator();
  const system = nkeys.createAccount();
  const account = nkeys.createAccount();
  const stranger = nkeys.createAccount();
  const opJwt = signedJwt(operator, operator.getPublicKey(), 'vigie-test', { type: 'operator', system_account: system.getPublicKey() });
  const sysJwt = signedJwt(operator, system.getPublicKey(), 'SYS', { type: 'account', limits: UNLIMITED });
  const jetstream = { mem_storage: -1, disk_storage: -1, streams: -1, consumer: -1 };
  const accountJwt = signedJwt(operator, account.getPublicKey(), 'vigie', { type: 'account', limits: { ...UNLIMITED, ...jetstream }, default_permissions: { pub: {}, sub: {} } });
  const userCreds = (issuer: KeyPair, name: string): string => {
    const user = nkeys.createUser();
    const file = path.join(dir, `${name}.creds`);
    writeFileSync(file, credsText(signedJwt(issuer, user.getPublicKey(), name, { type: 'user', pub: {}, sub: {}, subs: -1, data: -1, payload: -1 }), user));
    return file;
  };
  const config = path.join(dir, 'operator.conf');
  writeFileSync(
    config,
    [
      `operator: "${opJwt}"`,
      `system_account: "${system.getPublicKey()}"`,
      'resolver: MEMORY',
      'resolver_preload: {',
      `  ${system.getPublicKey()}: "${sysJwt}"`,
      `  ${account.getPublicKey()}: "${accountJwt}"`,
      '}',
      '',
    ].join('\n'),
  );
  return { config, creds: userCreds(account, 'worker1'), strangerCreds: userCreds(stranger, 'stranger') };
}
