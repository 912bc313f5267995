/**
 * Test support: a TCP proxy in front of a nats-server, to cut one client off the bus while the
 * others stay connected. `cut('reset')` closes its connections and refuses new ones (the client sees
 * a disconnect); `cut('silent')` stops forwarding without closing anything (the client sees nothing:
 * its requests time out), and heal() forwards what waited, as TCP would after a partition.
 */
import { createServer, connect as tcpConnect, type Socket } from 'node:net';

export interface TcpProxy {
  readonly url: string;
  readonly port: number;
  cut(mode: 'reset' | 'silent'): void;
  heal(): void;
  close(): Promise<void>;
}

interface Pair {
  readonly client: Socket;
  readonly upstream: Socket;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let state: 'open' | 'reset' | 'silent' = 'open';
  const link = (p: Pair): void => {
    p.client.pipe(p.upstream);
    p.upstream.pipe(p.client);
  };
  const unlink = (p: Pair): void => {
    p.client.unpipe(p.upstream);
    p.upstream.unpipe(p.client);
    p.client.pause();
    p.upstream.pause();
  };
  const server = createServer((client) => {
    if (state === 'reset') return void client.destroy();
    const upstream = tcpConnect(targetPort, '127.0.0.1');
    const pair = { client, upstream };
    pairs.add(pair);
    const end = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    if (state === 'open') link(pair);
    else unlink(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy: no TCP port');
  return {
    url: `nats://127.0.0.1:${address.port}`,
    port: address.port,
    cut(mode) {
      state = mode;
      for (const p of [...pairs]) {
        if (mode === 'reset') {
          p.client.destroy();
          p.upstream.destroy();
        } else unlink(p);
      }
    },
    heal() {
      const was = state;
      state = 'open';
      if (was === 'silent') for (const p of pairs) link(p);
    },
    async close() {
      state = 'reset';
      for (const p of pairs) {
        p.client.destroy();
        p.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
