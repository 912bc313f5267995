/** Test helpers of the server: a fake detector, a logged-in WebSocket client, ffmpeg children of this process. */
import { execFileSync } from 'node:child_process';
import { WebSocket } from 'ws';
import type { Detection } from '../core/types.ts';
import type { ServerMessage } from '../api/doc-schemas.ts';
import type { SharedDetector } from './detector.ts';
import { cameraSchema, siteConfigSchema, type CameraConfig, type SiteConfig } from '../config/schema.ts';
import { TRAINING_KINDS } from '../auth/habilitation.ts';
import type { AuthorisationInput } from '../store/authorisations.ts';

/**
 * A detector that sees one person walk in from the left over the first `walkFrames` frames, then
 * stand in the middle of every frame (a person there from the first frame would be scenery to the
 * intrusion rule, see rules/intrusion-entry.ts).
 */
export function personDetector(box = { x1: 0.4, y1: 0.3, x2: 0.6, y2: 0.8 }, walkFrames = 10): () => Promise<SharedDetector> {
  return async () => {
    let calls = 0;
    const detect = async (): Promise<Detection[]> => {
      const shift = -box.x1 * Math.max(0, 1 - calls++ / walkFrames);
      return [{ box: { ...box, x1: box.x1 + shift, x2: box.x2 + shift }, label: 'person', score: 0.9 }];
    };
    return { detector: { name: 'fake-person', detect, close: async () => undefined } };
  };
}

export interface WsClient {
  readonly ws: WebSocket;
  readonly messages: ServerMessage[];
  /** The first message (already received or to come) matching `pred`. */
  next<T extends ServerMessage['type']>(type: T, pred?: (m: Extract<ServerMessage, { type: T }>) => boolean, timeoutMs?: number): Promise<Extract<ServerMessage, { type: T }>>;
  /** Called on each message as it arrives, before it is stored. */
  onMessage?: (m: ServerMessage) => void;
  close(): void;
}

export function connectWs(url: string, headers: Record<string, string>): Promise<WsClient> {
  const ws = new WebSocket(url, { headers });
  const messages: ServerMessage[] = [];
  const waiters = new Set<() => void>();
  const client: WsClient = {
    ws,
    messages,
    next(type, pred = () => true, timeoutMs = 30_000) {
      type M = Extract<ServerMessage, { type: typeof type }>;
      const find = (): M | undefined => messages.find((m): m is M => m.type === type && pred(m as M));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${type} message within ${timeoutMs} ms`));
        }, timeoutMs);
        function check(): void {
          const m = find();
          if (!m) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(m);
        }
        waiters.add(check);
        check();
      });
    },
    close: () => ws.close(),
  };
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as ServerMessage;
    client.onMessage?.(m);
    messages.push(m);
    for (const w of [...waiters]) w();
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Pids of the ffmpeg processes that are children of this process. */
export function ffmpegChildren(): number[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  } catch (err) {
    if ((err as { status?: number }).status !== 1) throw err;
    out = ''; // ps exits 1 when this process has no child at all
  }
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([, comm]) => comm === 'ffmpeg')
    .map(([pid]) => Number(pid));
}

/**
 * Records, through the API with an admin's cookie, a habilitation and both trainings of `username`
 * (journaled like any: habilitation.grant, training.record twice), so that it may view alerts and live video.
 */
export async function habilitate(url: string, adminCookie: string, username: string): Promise<void> {
  const call = async (method: string, path: string, body: unknown): Promise<void> => {
    const res = await fetch(`${url}${path}`, { method, headers: { 'Content-Type': 'application/json', Cookie: `vigie_session=${adminCookie}` }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  };
  const user = `/api/users/${encodeURIComponent(username)}`;
  await call('PUT', `${user}/habilitation`, { authority: 'test authority', reference: `TEST-${username}`, grantedAtMs: 0 });
  for (const kind of TRAINING_KINDS) await call('POST', `${user}/trainings`, { kind, atMs: 0, trainer: 'test trainer' });
}

/**
 * Creates the first admin (POST /api/setup with JSON and the first-run token) and returns its
 * session cookie. Unlike the product's first run, the helper also habilitates the admin (see
 * habilitate()) so that tests and benches may view alerts and live video; `{ habilitated: false }`
 * leaves it as the product does.
 */
export async function claimAdmin(url: string, token: string | undefined, opts: { habilitated?: boolean } = {}): Promise<string> {
  const res = await fetch(`${url}/api/setup`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin-pass-1', token }) });
  const cookie = /vigie_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (cookie === undefined) throw new Error(`first-run setup answered ${res.status}: ${await res.text()}`);
  if (opts.habilitated ?? true) await habilitate(url, cookie, 'admin');
  return cookie;
}

/** The camera most server tests run: a looping real-time clip, intrusion in a forbidden zone "yard". */
export function yardCamera(url: string, id = 'cam1'): CameraConfig {
  return cameraSchema.parse({
    id,
    url,
    loop: true,
    realtime: true,
    events: ['intrusion'],
    zones: [{ id: 'yard', kind: 'forbidden', polygon: [[0.1, 0.1], [0.9, 0.1], [0.9, 0.9], [0.1, 0.9]] }],
  });
}

/**
 * The two ways a server test deals with the legal framework, chosen explicitly (the product's
 * default, `legal.requireAuthorisation: true`, analyses nothing without an authorisation):
 * `testAuthorisation` records one covering the test cameras (startServer's seedAuthorisations), so
 * the test runs the enforced path; `siteWithoutAuthorisation` turns the check off, for tests about
 * something else that must not depend on it.
 */
export function testAuthorisation(cameras: readonly (CameraConfig | string)[], over: Partial<AuthorisationInput> = {}): AuthorisationInput {
  const ids = cameras.map((c) => (typeof c === 'string' ? c : c.id));
  const events = [...new Set(cameras.flatMap((c) => (typeof c === 'string' ? [] : c.events)))];
  const now = Date.now();
  return { reference: 'AP-TEST', authority: 'Préfecture (test)', perimeter: 'test cameras', cameraIds: ids, events: events.length ? events : ['intrusion'], startMs: now - 60_000, endMs: now + 86_400_000, ...over };
}

export function siteWithoutAuthorisation(input: Record<string, unknown> = {}): SiteConfig {
  return siteConfigSchema.parse({ ...input, legal: { requireAuthorisation: false } });
}

/** The first admin's session on a started server (habilitated unless `{ habilitated: false }`, see claimAdmin): its cookie and a console WebSocket (same origin). */
export async function adminSession(url: string, token: string | undefined, opts: { habilitated?: boolean } = {}): Promise<{ cookie: string; ws: WsClient }> {
  const cookie = await claimAdmin(url, token, opts);
  const ws = await connectWs(url.replace('http', 'ws') + '/ws', { Cookie: `vigie_session=${cookie}`, Origin: url });
  return { cookie, ws };
}
