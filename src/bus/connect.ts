/**
 * One connection to the bus and the streams and buckets of protocol.ts, created when missing
 * (idempotent: every worker and the console call it at start). The connection reconnects forever:
 * a restarted nats-server is a pause, never the end of a worker or of the console.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, DiscardPolicy, RetentionPolicy, StorageType, type JetStreamClient, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { VigieError, errorMessage } from '../core/errors.ts';
import {
  BUCKET_CAMERAS,
  BUCKET_LEASES,
  BUCKET_WORKERS,
  DUPLICATE_WINDOW_MS,
  STREAM_ALERTS,
  STREAM_MEDIA,
  STREAM_STATUS,
  SUBJECT_ALERTS,
  SUBJECT_MEDIA,
  SUBJECT_STATUS,
} from './protocol.ts';

export interface Bus {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly cameras: KV;
  readonly leases: KV;
  readonly workers: KV;
  /** Drains and closes the connection. */
  close(): Promise<void>;
}

export interface BusLogger {
  info(message: string): void;
  error(message: string): void;
}

const nanos = (ms: number): number => ms * 1_000_000;
const DAY_MS = 24 * 3600_000;

/** The three streams: alerts a week, clips a day, the last status per camera. File storage: a server restart keeps them. */
export function streamConfigs(): (Partial<StreamConfig> & { name: string })[] {
  const common = { storage: StorageType.File, retention: RetentionPolicy.Limits, discard: DiscardPolicy.Old, num_replicas: 1 };
  return [
    { ...common, name: STREAM_ALERTS, subjects: [`${SUBJECT_ALERTS}.>`], max_age: nanos(7 * DAY_MS), duplicate_window: nanos(DUPLICATE_WINDOW_MS) },
    { ...common, name: STREAM_MEDIA, subjects: [`${SUBJECT_MEDIA}.>`], max_age: nanos(DAY_MS), duplicate_window: nanos(DUPLICATE_WINDOW_MS), max_bytes: 2 * 1024 ** 3 },
    { ...common, name: STREAM_STATUS, subjects: [`${SUBJECT_STATUS}.>`], max_msgs_per_subject: 1, max_age: nanos(DAY_MS) },
  ];
}

/**
 * The server address without its credentials, and the credentials of `nats://user:pass@host:4222`
 * (user and password, URL-encoded) or `nats://token@host:4222` (a token): nats.js does not read
 * them from the address itself.
 */
export function busServerOf(url: string): { server: string; user?: string; pass?: string; token?: string } {
  const u = URL.canParse(url) ? new URL(url) : undefined;
  if (!u || u.username === '') return { server: url };
  const user = decodeURIComponent(u.username);
  const pass = decodeURIComponent(u.password);
  u.username = '';
  u.password = '';
  return { server: u.toString(), ...(pass === '' ? { token: user } : { user, pass }) };
}

/** Masks a password (`user:***@`) or a token (`***@`) in a NATS URL for messages. */
export function safeBusUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@').replace(/\/\/[^:/@]+@/, '//***@');
}

export async function ensureStreams(jsm: JetStreamManager): Promise<void> {
  for (const cfg of streamConfigs()) {
    const { name } = cfg;
    try {
      await jsm.streams.info(name);
      await jsm.streams.update(name, cfg);
    } catch (err) {
      if (!/not found/i.test(errorMessage(err))) throw err;
      await jsm.streams.add(cfg);
    }
  }
}

export interface ConnectBusOptions {
  readonly url: string;
  /** Shown in the server's connection list (`vigie-worker-<id>`, `vigie-console`). */
  readonly name: string;
  readonly logger?: BusLogger;
  /** How long the first connection may take (default 10 s): a bus not there at start is an error. */
  readonly timeoutMs?: number;
}

export async function connectBus(opts: ConnectBusOptions): Promise<Bus> {
  const where = safeBusUrl(opts.url);
  let nc: NatsConnection;
  try {
    const { server, ...credentials } = busServerOf(opts.url);
    nc = await connect({
      servers: server,
      ...credentials,
      name: opts.name,
      timeout: opts.timeoutMs ?? 10_000,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      waitOnFirstConnect: false,
    });
  } catch (err) {
    throw new VigieError('BUS_UNREACHABLE', `cannot reach the bus at ${where}: ${errorMessage(err)}`, { cause: err });
  }
  void (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') opts.logger?.error(`bus ${where}: disconnected; reconnecting`);
      else if (s.type === 'reconnect') opts.logger?.info(`bus ${where}: reconnected`);
    }
  })();
  try {
    const jsm = await jetstreamManager(nc);
    await ensureStreams(jsm);
    const js = jetstream(nc);
    const kvm = new Kvm(js);
    const cameras = await kvm.create(BUCKET_CAMERAS, { history: 1 });
    const leases = await kvm.create(BUCKET_LEASES, { history: 1 });
    const workers = await kvm.create(BUCKET_WORKERS, { history: 1, ttl: 24 * 3600_000 });
    return { nc, js, jsm, cameras, leases, workers, close: () => nc.drain() };
  } catch (err) {
    await nc.close();
    throw new VigieError('BUS_UNREACHABLE', `the bus at ${where} has no usable JetStream (run nats-server with -js): ${errorMessage(err)}`, { cause: err });
  }
}
