import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../store/sessions.ts';
import type { ServerMessage } from '../api/doc-schemas.ts';
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

describe('ws hub viewing (habilitation)', () => {
  let running: { hub: WsHub; server: Server } | undefined;
  afterEach(async () => {
    running?.hub.close();
    await new Promise((resolve) => running?.server.close(resolve));
    running = undefined;
  });

  it('sends alerts and frames only to accounts that may view; a refusal drops the subscription at once; a grant restores the pushes', async () => {
    const sessions = new Map<string, SessionUser>([
      ['t1', { username: 'ana', role: 'operator' }],
      ['t2', { username: 'bo', role: 'operator' }],
    ]);
    const allowed = new Set(['ana']);
    const log: string[] = [];
    const hub = createWsHub({
      resolveSession: (t) => (t ? sessions.get(t) : undefined),
      hello: () => ({ type: 'hello', cameras: [] }),
      logger: silentLogger,
      journal: (actor, action, details) => void log.push(`${actor} ${action}${details ? ` ${JSON.stringify(details)}` : ''}`),
      viewing: (u) => (allowed.has(u.username) ? { ok: true } : { ok: false, reason: 'training_missing', missing: ['tool_use'] }),
    });
    const server = createServer((_req, res) => res.end());
    server.on('upgrade', (req, socket, head) => hub.handleUpgrade(req, socket, head));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    running = { hub, server };
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
    const ana = await connectWs(url, { Cookie: 'vigie_session=t1' });
    const bo = await connectWs(url, { Cookie: 'vigie_session=t2' });
    expect(await ana.next('viewing')).toEqual({ type: 'viewing', ok: true });
    expect(await bo.next('viewing')).toEqual({ type: 'viewing', ok: false, refusal: { reason: 'training_missing', missing: ['tool_use'] } });
    const refusals = () => bo.messages.filter((m) => m.type === 'viewing').length;
    for (const c of [ana, bo]) c.ws.send(JSON.stringify({ type: 'subscribe', cameras: ['gate'] }));
    await expect.poll(refusals).toBe(2); // bo is told again why
    await expect.poll(() => hub.watched('gate')).toBe(true);

    const frame = (n: number): ServerMessage => ({ type: 'frame', cameraId: 'gate', tMs: n, wallMs: n, width: 2, height: 2, jpeg: '', tracks: [], activeAlertIds: [] });
    const alert = { id: 'a1', cameraId: 'gate', type: 'intrusion', tMs: 0, frameWallMs: 0, createdAtMs: 0, score: 1, message: 'm', status: 'new' } as const;
    hub.sendFrame('gate', () => frame(1));
    hub.broadcast({ type: 'alert', alert });
    hub.broadcast({ type: 'pong' });
    expect((await ana.next('frame')).tMs).toBe(1);
    await ana.next('alert');
    await bo.next('pong');
    await ana.next('pong');
    expect(bo.messages.map((m) => m.type)).toEqual(['hello', 'viewing', 'viewing', 'pong']);

    // Withdrawn while watching: told at the recheck, no frame nor alert after it, nothing watched.
    allowed.delete('ana');
    hub.recheckSessions();
    expect(await ana.next('viewing', (m) => !m.ok)).toMatchObject({ refusal: { reason: 'training_missing' } });
    expect(hub.watched('gate')).toBe(false);
    const seen = ana.messages.length;
    hub.sendFrame('gate', () => frame(2));
    hub.broadcast({ type: 'alert-updated', alert });
    hub.broadcast({ type: 'pong' });
    await expect.poll(() => ana.messages.length).toBe(seen + 1);
    expect(ana.messages.at(-1)).toEqual({ type: 'pong' });

    // Granted: told, and the pushes come again once it subscribes.
    allowed.add('bo');
    hub.recheckSessions();
    expect(await bo.next('viewing', (m) => m.ok)).toEqual({ type: 'viewing', ok: true });
    bo.ws.send(JSON.stringify({ type: 'subscribe', cameras: ['gate'] }));
    await expect.poll(() => hub.watched('gate')).toBe(true);
    hub.sendFrame('gate', () => frame(3));
    expect((await bo.next('frame')).tMs).toBe(3);
    expect(log.filter((l) => l.includes('live.refused') || l.includes('live.watch'))).toEqual([
      'ana live.watch {"cameras":["gate"]}',
      'bo live.refused {"cameras":["gate"],"reason":"training_missing"}',
      'bo live.watch {"cameras":["gate"]}',
    ]);
    ana.close();
    bo.close();
  });
});
