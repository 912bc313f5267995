/**
 * The worker's view of the three buckets: a KV watch per bucket (reopened if it ever ends), each
 * key's last revision and when this worker saw it change (its own clock), the parsed camera
 * assignments. After a reconnect every "seen" time is reset to now: time spent disconnected never
 * makes a lease or a heartbeat look expired.
 */
import type { KV, KvEntry } from '@nats-io/kv';
import { errorMessage } from '../core/errors.ts';
import type { LeaseSeen } from './lease-plan.ts';
import { LEASE_TTL_MS, busKey, cameraAssignmentSchema, leaseSchema, parseBusMessage, workerBeatSchema, type CameraAssignment, type WorkerBeat } from './protocol.ts';
import type { BusLogger } from './connect.ts';

export interface WatchedAssignment {
  readonly assignment: CameraAssignment;
  /** The camera and analysis as JSON: a different one restarts the camera (putAtMs alone does not). */
  readonly content: string;
}

export interface BusView {
  readonly assignments: ReadonlyMap<string, WatchedAssignment>;
  readonly leases: ReadonlyMap<string, LeaseSeen>;
  /** Workers whose heartbeat changed within LEASE_TTL_MS (this worker's clock). */
  liveWorkers(nowMs: number): string[];
  /** Records a lease this worker just wrote (before its watch echoes it). */
  noteLease(key: string, lease: LeaseSeen): void;
  /** After a reconnect: every key seen changing now. */
  resetClocks(nowMs: number): void;
  stop(): void;
}

export interface BusViewOptions {
  readonly cameras: KV;
  readonly leases: KV;
  readonly workers: KV;
  readonly logger: BusLogger;
  /** Something changed that may call for a scan now (an assignment, a lease). */
  readonly onChange: (bucket: 'cameras' | 'leases', key: string) => void;
  readonly nowMs?: () => number;
}

/** Follows one bucket; the watch is reopened after 1 s if it ends or fails (the bucket delivers its last values again). */
export function follow(kv: KV, name: string, onEntry: (e: KvEntry) => void, logger: BusLogger, stopped: () => boolean): { stop(): void } {
  let current: { stop(): void } | undefined;
  void (async () => {
    while (!stopped()) {
      try {
        const iter = await kv.watch();
        current = iter;
        if (stopped()) iter.stop();
        for await (const e of iter) onEntry(e);
      } catch (err) {
        if (!stopped()) logger.error(`bus: watch of ${name} failed: ${errorMessage(err)}; again in 1 s`);
      }
      if (!stopped()) await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  return { stop: () => current?.stop() };
}

/**
 * The holder a vigie-leases entry names and the holder's sinceMs: nobody once deleted;
 * '(unreadable lease)', with why, when it cannot be read (held by nobody known until it expires).
 */
export function readLease(e: Pick<KvEntry, 'key' | 'operation' | 'value'>): { holder: { workerId?: string; sinceMs?: number }; error?: string } {
  if (e.operation !== 'PUT') return { holder: {} };
  const parsed = parseBusMessage(leaseSchema, `vigie-leases/${e.key}`, e.value);
  return parsed.ok ? { holder: { workerId: parsed.value.workerId, sinceMs: parsed.value.sinceMs } } : { holder: { workerId: '(unreadable lease)' }, error: parsed.error };
}

/** A heartbeat is fresh while it changed within LEASE_TTL_MS of the listener's clock (lease-plan.ts judges a lease the same way). */
export const isFresh = (seenMs: number, nowMs: number): boolean => nowMs - seenMs < LEASE_TTL_MS;

export interface HeardBeat {
  readonly beat: WorkerBeat;
  /** When this process saw it change (its own clock). */
  readonly seenMs: number;
}

/** The heartbeats of KV vigie-workers as one process hears them (a worker, the console). */
export interface HeartbeatTracker {
  readonly onEntry: (e: KvEntry) => void;
  heard(): HeardBeat[];
  /** After a reconnect: every heartbeat seen changing now. */
  resetClocks(nowMs: number): void;
}

export function trackHeartbeats(logger: BusLogger, now: () => number): HeartbeatTracker {
  const beats = new Map<string, { beat: WorkerBeat; revision: number; seenMs: number }>();
  return {
    onEntry(e) {
      if (e.operation !== 'PUT') return void beats.delete(e.key);
      if (beats.get(e.key)?.revision === e.revision) return;
      const parsed = parseBusMessage(workerBeatSchema, `vigie-workers/${e.key}`, e.value);
      if (!parsed.ok) return logger.error(`bus: heartbeat ignored: ${parsed.error}`);
      beats.set(e.key, { beat: parsed.value, revision: e.revision, seenMs: now() });
    },
    heard: () => [...beats.values()].map(({ beat, seenMs }) => ({ beat, seenMs })),
    resetClocks(nowMs) {
      for (const b of beats.values()) b.seenMs = nowMs;
    },
  };
}

export function watchBus(opts: BusViewOptions): BusView {
  const now = opts.nowMs ?? Date.now;
  const assignments = new Map<string, WatchedAssignment>();
  const leases = new Map<string, LeaseSeen>();
  const beats = trackHeartbeats(opts.logger, now);
  let stopped = false;
  const isStopped = (): boolean => stopped;
  const deleted = (e: KvEntry): boolean => e.operation === 'DEL' || e.operation === 'PURGE';

  const onCamera = (e: KvEntry): void => {
    const prev = assignments.get(e.key);
    if (deleted(e)) assignments.delete(e.key);
    else {
      const parsed = parseBusMessage(cameraAssignmentSchema, `vigie-cameras/${e.key}`, e.value);
      if (!parsed.ok) {
        opts.logger.error(`bus: camera assignment ignored: ${parsed.error}`);
        assignments.delete(e.key);
      } else if (busKey(parsed.value.camera.id) !== e.key) {
        opts.logger.error(`bus: camera assignment ignored: key ${e.key} does not match camera ${parsed.value.camera.id}`);
        assignments.delete(e.key);
      } else {
        const { camera, analysis } = parsed.value;
        assignments.set(e.key, { assignment: parsed.value, content: JSON.stringify({ camera, analysis }) });
      }
    }
    if (prev?.content !== assignments.get(e.key)?.content) opts.onChange('cameras', e.key);
  };
  const onLease = (e: KvEntry): void => {
    const prev = leases.get(e.key);
    if (prev?.revision === e.revision) return;
    const { holder, error } = readLease(e);
    if (error !== undefined) opts.logger.error(`bus: lease not understood (held by nobody known until it expires): ${error}`);
    leases.set(e.key, { ...holder, revision: e.revision, lastChangeSeenMs: now() });
    if (prev?.workerId !== holder.workerId) opts.onChange('leases', e.key);
  };

  const watches = [
    follow(opts.cameras, 'vigie-cameras', onCamera, opts.logger, isStopped),
    follow(opts.leases, 'vigie-leases', onLease, opts.logger, isStopped),
    follow(opts.workers, 'vigie-workers', beats.onEntry, opts.logger, isStopped),
  ];

  return {
    assignments,
    leases,
    liveWorkers: (nowMs) => beats.heard().flatMap((b) => (isFresh(b.seenMs, nowMs) ? [b.beat.workerId] : [])),
    noteLease(key, lease) {
      if ((leases.get(key)?.revision ?? -1) < lease.revision) leases.set(key, lease);
    },
    resetClocks(nowMs) {
      for (const [k, l] of leases) leases.set(k, { ...l, lastChangeSeenMs: nowMs });
      beats.resetClocks(nowMs);
    },
    stop() {
      stopped = true;
      for (const w of watches) w.stop();
    },
  };
}
