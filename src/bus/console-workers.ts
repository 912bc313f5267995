/**
 * The workers as the console sees them (`vigie serve --bus`): a watch of KV vigie-workers, where
 * each worker writes its heartbeat every 2 s (host, pid, start, cameras) and deletes it when it
 * stops cleanly. A worker is alive while its heartbeat changed within LEASE_TTL_MS on the
 * console's own clock (the rule the workers apply to each other; clock skew plays no part). A
 * killed or cut-off worker's last heartbeat stays in the bucket (24 h): it is listed as silent.
 */
import type { KV } from '@nats-io/kv';
import type { Logger } from '../server/log.ts';
import type { WorkerBeat } from './protocol.ts';
import { follow, isFresh, trackHeartbeats } from './worker-watch.ts';

export interface WorkerView {
  readonly workerId: string;
  readonly host: string;
  readonly pid: number;
  readonly startedAtMs: number;
  /** The cameras its last heartbeat named. */
  readonly cameras: readonly string[];
  /** Whether its heartbeat changed within the last LEASE_TTL_MS. */
  readonly alive: boolean;
  /** How long ago the console saw its heartbeat change (its own clock). */
  readonly silentForMs: number;
}

export interface WorkerBoard {
  /** Every worker with a heartbeat in the bucket, by id. */
  list(): WorkerView[];
  stop(): void;
}

/** What the console knows of one heartbeat (pure, for tests). */
export function workerView(beat: WorkerBeat, seenMs: number, nowMs: number): WorkerView {
  const silentForMs = Math.max(0, nowMs - seenMs);
  return { workerId: beat.workerId, host: beat.host, pid: beat.pid, startedAtMs: beat.startedAtMs, cameras: [...beat.cameras].sort(), alive: isFresh(seenMs, nowMs), silentForMs };
}

export function watchWorkers(opts: { readonly kv: KV; readonly logger: Logger; readonly nowMs?: () => number }): WorkerBoard {
  const now = opts.nowMs ?? Date.now;
  const beats = trackHeartbeats(opts.logger, now);
  let stopped = false;
  const watch = follow(opts.kv, 'vigie-workers', beats.onEntry, opts.logger, () => stopped);
  return {
    list: () => {
      const at = now();
      return beats
        .heard()
        .map((b) => workerView(b.beat, b.seenMs, at))
        .sort((a, b) => a.workerId.localeCompare(b.workerId));
    },
    stop() {
      stopped = true;
      watch.stop();
    },
  };
}
