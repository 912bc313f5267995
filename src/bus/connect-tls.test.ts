/**
 * A real nats-server that wants TLS with client certificates (a private CA made here with openssl),
 * one that knows its users by NKey, and one in operator mode (JWT accounts): what
 * `--bus-ca/--bus-cert/--bus-key`, `--bus-nkey` and `--bus-creds` reach.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nkeys } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBusSecurity, type BusSecurity } from './bus-access.ts';
import { startVigie } from '../testing/vigie-process.ts';
import { NO_NATS_SERVER, natsServerPath, startTestNats, tryConnectBus, type TestNats } from './testing.ts';
import { writeOperatorSetup, type OperatorSetup } from './testing-operator.ts';

const hasOpenssl = (): boolean => spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;

const dir = mkdtempSync(path.join(tmpdir(), 'vigie-bus-tls-'));
const at = (name: string): string => path.join(dir, name);
const openssl = (...args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

/** A CA, a server certificate for 127.0.0.1 and a client certificate, all signed by it (P-256, a day). */
function makeCertificates(): void {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=vigie test CA');
  const signed = (name: string, ext: string): void => {
    writeFileSync(at(`${name}.ext`), ext);
    openssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=vigie ${name}`);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '1', '-extfile', `${name}.ext`);
  };
  // The address only, as for a bus reached by IP: no "localhost" name to fall back on.
  signed('server', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  signed('client', 'extendedKeyUsage=clientAuth\n');
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!natsServerPath() || !hasOpenssl())('a nats-server that wants TLS and a client certificate from a private CA', () => {
  let nats: TestNats | undefined;
  let plain: TestNats | undefined;
  let url = '';
  beforeAll(async () => {
    makeCertificates();
    nats = await startTestNats(['--tls', '--tlscert', at('server.pem'), '--tlskey', at('server.key'), '--tlsverify', '--tlscacert', at('ca.pem')]);
    plain = await startTestNats();
    url = `tls://127.0.0.1:${nats.port}`;
  }, 30_000);
  afterAll(async () => {
    await nats?.close();
    await plain?.close();
  });

  it('the CA and the client certificate: connected, JetStream usable', async () => {
    expect(await tryConnectBus(url, { tls: { caFile: at('ca.pem'), certFile: at('client.pem'), keyFile: at('client.key') } })).toBeUndefined();
  }, 30_000);

  it.each<[string, () => BusSecurity | undefined, string]>([
    ['no client certificate', () => ({ tls: { caFile: at('ca.pem') } }), 'give one with --bus-cert and --bus-key'],
    ["the system's CAs, which do not know this one", () => ({ tls: { certFile: at('client.pem'), keyFile: at('client.key') } }), 'give that CA with --bus-ca'],
    ['no TLS file at all', () => undefined, 'give that CA with --bus-ca'],
  ])('%s: BUS_UNREACHABLE, and what to check', async (_, security, hint) => {
    const err = await tryConnectBus(url, security());
    expect(err).toMatchObject({ code: 'BUS_UNREACHABLE', message: expect.stringContaining(`cannot reach the bus at ${url}`) });
    expect(err?.message).toContain(hint);
  }, 30_000);

  it('vigie worker with the three flags: on the bus, then stops on SIGTERM', async () => {
    const worker = startVigie(['worker', '--bus', url, '--bus-ca', at('ca.pem'), '--bus-cert', at('client.pem'), '--bus-key', at('client.key'), '--name', 'tls-w1']);
    try {
      expect(await worker.waitForLine(/running nothing/)).toContain(`worker tls-w1 on ${url}: running nothing`);
    } finally {
      expect(await worker.stop('SIGTERM', 20_000)).toBe(0);
    }
  }, 60_000);

  it('TLS asked of a server that has none: refused, never sent in clear', async () => {
    const err = await tryConnectBus(plain!.url, { tls: { caFile: at('ca.pem') } });
    expect(err).toMatchObject({ code: 'BUS_UNREACHABLE', message: expect.stringContaining('nothing was sent in clear') });
  }, 30_000);
});

describe.skipIf(!natsServerPath())('a nats-server that knows its users by NKey', () => {
  let nats: TestNats | undefined;
  const user = nkeys.createUser();
  const seedFile = at('vigie.nk');
  const otherFile = at('other.nk');
  beforeAll(async () => {
    writeFileSync(seedFile, `${new TextDecoder().decode(user.getSeed())}\n`);
    writeFileSync(otherFile, `${new TextDecoder().decode(nkeys.createUser().getSeed())}\n`);
    const conf = at('nkey.conf');
    writeFileSync(conf, `authorization { users = [ { nkey: "${user.getPublicKey()}" } ] }\n`);
    nats = await startTestNats(['-c', conf]);
  }, 30_000);
  afterAll(async () => void (await nats?.close()));

  it('its seed: connected; another seed or none: BUS_UNREACHABLE', async () => {
    expect(await tryConnectBus(nats!.url, { nkeyFile: seedFile })).toBeUndefined();
    for (const security of [{ nkeyFile: otherFile }, undefined]) {
      expect(await tryConnectBus(nats!.url, security)).toMatchObject({ code: 'BUS_UNREACHABLE' });
    }
  }, 30_000);
});

describe.skipIf(!natsServerPath())('a nats-server in operator mode (JWT accounts, as nsc sets one up)', () => {
  let nats: TestNats | undefined;
  let setup: OperatorSetup;
  beforeAll(async () => {
    setup = writeOperatorSetup(dir);
    nats = await startTestNats(['-c', setup.config]);
  }, 30_000);
  afterAll(async () => void (await nats?.close()));

  it("a user's credentials file: connected, JetStream usable; a stranger's or none: BUS_UNREACHABLE", async () => {
    expect(await tryConnectBus(nats!.url, { credsFile: setup.creds })).toBeUndefined();
    for (const security of [{ credsFile: setup.strangerCreds }, undefined]) {
      expect(await tryConnectBus(nats!.url, security)).toMatchObject({ code: 'BUS_UNREACHABLE', message: expect.stringMatching(/Authorization Violation/i) });
    }
  }, 30_000);

  it('the credentials file passes the edge check of --bus-creds', () => {
    expect(parseBusSecurity({ bus: nats!.url, 'bus-creds': setup.creds })).toEqual({ credsFile: setup.creds });
  });
});

if (!natsServerPath()) console.warn(NO_NATS_SERVER);
if (!hasOpenssl()) console.warn('openssl not installed: the TLS bus tests are skipped');
