/**
 * The console WebSocket (/ws): cookie-authenticated clients, broadcasts (alerts, camera changes)
 * and live frames to the clients subscribed to a camera. Slow clients skip frames; a client that
 * stops reading altogether is closed, so nothing queues without bound. A connection lives no longer
 * than its session: the sessions are checked again at every heartbeat and whenever the server says
 * they changed (a logout, an account removed), and a client whose session ended is closed with
 * SESSION_ENDED_CODE, which tells the console to show the login screen instead of reconnecting.
 * Alerts and live frames go only to accounts that may view them (`viewing`, the habilitation rule):
 * checked at connection, at each subscription and with the sessions; a client refused gets a
 * `viewing` message saying why, no alert nor frame, and its subscriptions are dropped.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { errorMessage } from '../core/errors.ts';
import type { SessionUser } from '../store/sessions.ts';
import type { ViewingVerdict } from '../auth/habilitation.ts';
import { refusalOf, type ViewingCheck } from '../auth/habilitation-check.ts';
import { clientMessageSchema, type ServerMessage } from '../api/doc-schemas.ts';
import { SESSION_COOKIE } from '../api/session.ts';
import type { Logger } from './log.ts';

export interface WsHubOptions {
  readonly resolveSession: (token: string | undefined) => SessionUser | undefined;
  /** The hello message of a new client. */
  readonly hello: () => ServerMessage;
  readonly logger: Logger;
  /** Told of each live access (connect, cameras watched, disconnect), for the journal; must not throw (a journalWriter). */
  readonly journal?: (actor: string, action: 'live.connect' | 'live.watch' | 'live.refused' | 'live.disconnect', details?: Readonly<Record<string, unknown>>) => void;
  /** Whether an account may view alerts and live video (src/auth/habilitation.ts); absent: every account may (tests of other things). */
  readonly viewing?: ViewingCheck;
  /** Frames are skipped for a client with more than this unsent (default 1 MB). */
  readonly frameSkipBytes?: number;
  /** A client with more than this unsent is closed (default 16 MB). */
  readonly maxBufferedBytes?: number;
  readonly heartbeatMs?: number;
  /** Why no live frame of a camera comes now (refused by the legal control, no frame from its worker): said once per subscription instead of a silent tile. */
  readonly liveUnavailable?: (cameraId: string) => string | undefined;
  /** A client that may view began watching this camera (`serve --bus`: the workers are asked for its frames at once). */
  readonly onWatch?: (cameraId: string) => void;
}

/** Close code of a connection whose session ended (logout, expiry, account removed). */
export const SESSION_ENDED_CODE = 4401;

export interface WsHub {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Checks every client's session again; closes those that ended, follows role and habilitation changes. */
  recheckSessions(): void;
  broadcast(message: ServerMessage): void;
  /** Whether any client watches this camera (frames are only encoded then). */
  watched(cameraId: string): boolean;
  /** Builds the frame message once and sends it to the camera's subscribers that keep up. */
  sendFrame(cameraId: string, build: () => ServerMessage): void;
  clientCount(): number;
  close(): void;
}

interface Client {
  readonly ws: WebSocket;
  readonly token: string;
  user: SessionUser;
  cameras: ReadonlySet<string>;
  alive: boolean;
  viewing: ViewingVerdict;
}

/** Messages only for accounts that may view alerts (the others get no alert at all). */
const ALERT_MESSAGES: ReadonlySet<ServerMessage['type']> = new Set(['alert', 'alert-updated']);

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** A browser's Origin must be this server's host (no cross-site WebSocket). */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  try {
    return new URL(origin).host === host;
  } catch (err) {
    void err; // a malformed Origin is refused
    return false;
  }
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function createWsHub(opts: WsHubOptions): WsHub {
  const skipBytes = opts.frameSkipBytes ?? 1024 * 1024;
  const maxBytes = opts.maxBufferedBytes ?? 16 * 1024 * 1024;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const clients = new Set<Client>();
  const journal: NonNullable<WsHubOptions['journal']> = (actor, action, details) => opts.journal?.(actor, action, details);
  const send = (c: Client, text: string): void => {
    if (c.ws.readyState !== c.ws.OPEN) return;
    if (c.ws.bufferedAmount > maxBytes) {
      opts.logger.info(`websocket of ${c.user.username} closed: not reading (${c.ws.bufferedAmount} bytes unsent)`);
      c.ws.close(1013, 'too slow');
      return;
    }
    c.ws.send(text);
  };
  const verdict = (user: SessionUser): ViewingVerdict => opts.viewing?.(user) ?? { ok: true };
  const viewingMessage = (v: ViewingVerdict): string => {
    const refusal = refusalOf(v);
    return JSON.stringify({ type: 'viewing', ok: v.ok, ...(refusal ? { refusal } : {}) } satisfies ServerMessage);
  };
  /** Takes the account's verdict now; tells the client when it changed (or `always`), and drops its cameras when refused. */
  const updateViewing = (c: Client, v: ViewingVerdict, always = false): void => {
    const changed = JSON.stringify(v) !== JSON.stringify(c.viewing);
    c.viewing = v;
    if (!v.ok) c.cameras = new Set();
    if (changed || always) send(c, viewingMessage(v));
  };

  const onMessage = (c: Client, raw: string): void => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (err) {
      return opts.logger.info(`websocket of ${c.user.username}: malformed message ignored (${errorMessage(err)})`);
    }
    const msg = clientMessageSchema.safeParse(parsed);
    if (!msg.success) return;
    if (msg.data.type === 'subscribe') {
      const v = verdict(c.user);
      if (!v.ok) {
        if (msg.data.cameras.length > 0) journal(c.user.username, 'live.refused', { cameras: [...new Set(msg.data.cameras)].sort(), reason: v.reason });
        return updateViewing(c, v, msg.data.cameras.length > 0);
      }
      updateViewing(c, v);
      const cameras = new Set(msg.data.cameras);
      const changed = cameras.size !== c.cameras.size || [...cameras].some((id) => !c.cameras.has(id));
      const added = [...cameras].filter((id) => !c.cameras.has(id));
      c.cameras = cameras;
      if (changed) journal(c.user.username, 'live.watch', { cameras: [...cameras].sort() });
      for (const cameraId of added) {
        opts.onWatch?.(cameraId);
        const reason = opts.liveUnavailable?.(cameraId);
        if (reason) send(c, JSON.stringify({ type: 'live-unavailable', cameraId, reason } satisfies ServerMessage));
      }
    } else send(c, JSON.stringify({ type: 'pong' } satisfies ServerMessage));
  };
  const recheckSessions = (): void => {
    for (const c of clients) {
      const user = opts.resolveSession(c.token);
      if (user) {
        c.user = user;
        if (opts.viewing) updateViewing(c, verdict(user));
        continue;
      }
      opts.logger.info(`websocket of ${c.user.username} closed: session ended`);
      clients.delete(c);
      c.ws.close(SESSION_ENDED_CODE, 'session ended');
      setTimeout(() => c.ws.terminate(), 1000).unref();
    }
  };
  const accept = (ws: WebSocket, token: string, user: SessionUser): void => {
    const client: Client = { ws, token, user, cameras: new Set(), alive: true, viewing: verdict(user) };
    clients.add(client);
    journal(user.username, 'live.connect');
    ws.on('message', (data) => onMessage(client, String(data)));
    ws.on('pong', () => (client.alive = true));
    ws.on('close', () => {
      clients.delete(client);
      journal(client.user.username, 'live.disconnect');
    });
    ws.on('error', (err) => opts.logger.info(`websocket of ${user.username}: ${err.message}`));
    send(client, JSON.stringify(opts.hello()));
    if (opts.viewing) send(client, viewingMessage(client.viewing));
  };
  const heartbeat = setInterval(() => {
    recheckSessions();
    for (const c of clients) {
      if (!c.alive) c.ws.terminate();
      c.alive = false;
      c.ws.ping();
    }
  }, opts.heartbeatMs ?? 30_000);
  heartbeat.unref();

  return {
    handleUpgrade(req, socket, head) {
      if (new URL(req.url ?? '/', 'http://x').pathname !== '/ws') return refuse(socket, '404 Not Found');
      if (!sameOrigin(req.headers.origin, req.headers.host)) return refuse(socket, '403 Forbidden');
      const token = cookieValue(req.headers.cookie, SESSION_COOKIE);
      const user = opts.resolveSession(token);
      if (!token || !user) return refuse(socket, '401 Unauthorized');
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, token, user));
    },
    recheckSessions,
    broadcast(message) {
      const text = JSON.stringify(message);
      const onlyViewers = ALERT_MESSAGES.has(message.type);
      for (const c of clients) if (c.viewing.ok || !onlyViewers) send(c, text);
    },
    watched: (cameraId) => [...clients].some((c) => c.viewing.ok && c.cameras.has(cameraId)),
    sendFrame(cameraId, build) {
      const ready = [...clients].filter((c) => c.viewing.ok && c.cameras.has(cameraId) && c.ws.bufferedAmount <= skipBytes);
      if (ready.length === 0) return;
      const text = JSON.stringify(build());
      for (const c of ready) send(c, text);
    },
    clientCount: () => clients.size,
    close() {
      clearInterval(heartbeat);
      for (const c of clients) {
        c.ws.close(1001, 'server stopping');
        setTimeout(() => c.ws.terminate(), 1000).unref();
      }
      clients.clear();
      wss.close();
    },
  };
}
