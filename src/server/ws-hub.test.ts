import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../store/sessions.ts';
import { silentLogger } from './log.ts';
import { connectWs } from './testing.ts';
import { createWsHub, SESSION_ENDED_CODE, type WsHub } from './ws-hub.ts';

/** A hub behind a plain HTTP server, with sessions held in a map the test edits. */
async function start(sessions: Map<string, SessionUser>, journal?: (actor: string, action: string, details?: unknown) => void): Promise<{ hub: WsHub; server: Server; url: string }> {
  const hub = createWsHub({ resolveSession: (t) => (t ? sessions.get(t) : undefined), hello: () => ({ type: 'hello', cameras: [] }), logger: silentLogger, ...(journal ? { journal } : {}) });
  const server = createServer((_req, res) => res.end());
  server.on('upgrade', (req, socket, head) => hub.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { hub, server, url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws` };
}

const closeCode = (ws: { once(event: 'close', cb: (code: number) => void): unknown }): Promise<number> => new Promise((resolve) => ws.once('close', resolve));

describe('ws hub sessions', () => {
  let running: { hub: WsHub; server: Server } | undefined;
  afterEach(async () => {
    running?.hub.close();
    await new Promise((resolve) => running?.server.close(resolve));
    running = undefined;
  });

  it('closes the connections of an ended session when told, and keeps the others', async () => {
    const sessions = new Map<string, SessionUser>([
      ['t1', { username: 'ana', role: 'operator' }],
      ['t2', { username: 'bo', role: 'operator' }],
    ]);
    const { hub, server, url } = await start(sessions);
    running = { hub, server };
    const ana = await connectWs(url, { Cookie: 'vigie_session=t1' });
    const bo = await connectWs(url, { Cookie: 'vigie_session=t2' });
    await ana.next('hello');
    expect(hub.clientCount()).toBe(2);
    const closed = closeCode(ana.ws);
    sessions.delete('t1');
    hub.recheckSessions();
    expect(await closed).toBe(SESSION_ENDED_CODE);
    expect(hub.clientCount()).toBe(1);
    // The other session still gets broadcasts.
    hub.broadcast({ type: 'pong' });
    await bo.next('pong');
    bo.close();
  });

  it('journals live access: connect, the cameras watched (when they change), disconnect', async () => {
    const sessions = new Map<string, SessionUser>([['t1', { username: 'ana', role: 'operator' }]]);
    const log: string[] = [];
    const { hub, server, url } = await start(sessions, (actor, action, details) => void log.push(`${actor} ${action}${details ? ` ${JSON.stringify(details)}` : ''}`));
    running = { hub, server };
    const ana = await connectWs(url, { Cookie: 'vigie_session=t1' });
    for (const cameras of [['gate', 'hall'], ['hall', 'gate'], []]) ana.ws.send(JSON.stringify({ type: 'subscribe', cameras }));
    ana.ws.send(JSON.stringify({ type: 'ping' }));
    await ana.next('pong');
    const closed = closeCode(ana.ws);
    ana.close();
    await closed;
    await new Promise((r) => setTimeout(r, 20));
    expect(log).toEqual(['ana live.connect', 'ana live.watch {"cameras":["gate","hall"]}', 'ana live.watch {"cameras":[]}', 'ana live.disconnect']);
  });

  it('a live session survives a recheck', async () => {
    const sessions = new Map<string, SessionUser>([['t1', { username: 'ana', role: 'operator' }]]);
    const { hub, server, url } = await start(sessions);
    running = { hub, server };
    const ana = await connectWs(url, { Cookie: 'vigie_session=t1' });
    hub.recheckSessions();
    hub.broadcast({ type: 'pong' });
    await ana.next('pong');
    expect(hub.clientCount()).toBe(1);
    ana.close();
  });
});
