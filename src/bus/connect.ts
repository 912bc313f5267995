/**
 * One connection to the bus and the streams and buckets of protocol.ts, created when missing
 * (idempotent: every worker and the console call it at start). The connection reconnects forever:
 * a restarted nats-server is a pause, never the end of a worker or of the console.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, DiscardPolicy, RetentionPolicy, StorageType, type JetStreamClient, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { VigieError, errorMessage } from '../core/errors.ts';
import { busFailureHint, natsAccessOptions, safeBusUrl, type BusSecurity } from './bus-access.ts';
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
  /** One or several comma-separated nats:// or tls:// URLs (bus-access.ts). */
  readonly url: string;
  /** TLS files, an NKey seed or a credentials file (bus-access.ts); none: the URL alone. */
  readonly security?: BusSecurity;
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
    nc = await connect({
      ...natsAccessOptions(opts.url, opts.security),
      name: opts.name,
      timeout: opts.timeoutMs ?? 10_000,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      waitOnFirstConnect: false,
    });
  } catch (err) {
    const message = errorMessage(err);
    throw new VigieError('BUS_UNREACHABLE', `cannot reach the bus at ${where}: ${message}${busFailureHint(message, opts.url, opts.security)}`, { cause: err });
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
