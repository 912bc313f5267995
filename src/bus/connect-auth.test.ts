/** Credentials in the bus URL: `nats://user:pass@host:4222` and `nats://token@host:4222` reach nats-server. */
import { afterAll, describe, expect, it } from 'vitest';
import { safeBusUrl } from './bus-access.ts';
import { NO_NATS_SERVER, natsServerPath, startTestNats, tryConnectBus, type TestNats } from './testing.ts';

describe.skipIf(!natsServerPath())('a nats-server that requires a user and password', () => {
  let nats: TestNats | undefined;
  afterAll(async () => void (await nats?.close()));

  it('the URL with the credentials connects; without them or with a wrong password, BUS_UNREACHABLE naming the server, never the password', async () => {
    nats = await startTestNats(['--user', 'vigie', '--pass', 's3cret']);
    const withCredentials = nats.url.replace('nats://', 'nats://vigie:s3cret@');
    expect(await tryConnectBus(withCredentials)).toBeUndefined();
    for (const url of [nats.url, nats.url.replace('nats://', 'nats://vigie:wrong@')]) {
      const err = await tryConnectBus(url);
      expect(err).toMatchObject({ code: 'BUS_UNREACHABLE', message: expect.stringContaining(safeBusUrl(url)) });
      expect(err!.message).not.toContain('wrong');
    }
  });
});

if (!natsServerPath()) console.warn(NO_NATS_SERVER);
