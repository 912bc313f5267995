/**
 * The status of a worker's cameras on VIGIE_STATUS (the stream keeps the last per camera): every
 * STATUS_MS and at each state change. Not through the outbox: the latest wins, an old status is
 * worth nothing; a failed publish is logged once per outage.
 */
import type { JetStreamClient } from '@nats-io/jetstream';
import { errorMessage } from '../core/errors.ts';
import type { Logger } from '../server/log.ts';
import { STATUS_MS, SUBJECT_STATUS, busKey, type StatusMessage } from './protocol.ts';
import type { WorkerCamera } from './worker-camera.ts';

export interface StatusPublisherOptions {
  readonly js: Pick<JetStreamClient, 'publish'>;
  readonly workerId: string;
  readonly logger: Logger;
  readonly cameras: () => readonly WorkerCamera[];
  readonly connected: () => boolean;
  readonly intervalMs?: number;
}

export interface StatusPublisher {
  /** Publishes one camera's status now (its state changed). */
  publishOne(cameraId: string): void;
  stop(): void;
}

export function statusMessage(cam: WorkerCamera, workerId: string, atMs: number): StatusMessage {
  const { fps, dropped, decoded, restarts, dropRate, lastFrameMs } = cam.runner.stats();
  return { v: 1, cameraId: cam.assignment.camera.id, workerId, atMs, status: cam.runner.status(), stats: { fps, dropped, decoded, restarts, dropRate, lastFrameMs } };
}

export function createStatusPublisher(opts: StatusPublisherOptions): StatusPublisher {
  let failing = false;
  let stopped = false;
  const publish = (cam: WorkerCamera): void => {
    if (stopped || !opts.connected()) return;
    const message = statusMessage(cam, opts.workerId, Date.now());
    opts.js.publish(`${SUBJECT_STATUS}.${busKey(message.cameraId)}`, new TextEncoder().encode(JSON.stringify(message))).then(
      () => {
        if (failing) opts.logger.info(`worker ${opts.workerId}: status published again`);
        failing = false;
      },
      (err: unknown) => {
        if (!failing && !stopped) opts.logger.error(`worker ${opts.workerId}: status of ${message.cameraId} not published: ${errorMessage(err)}`);
        failing = true;
      },
    );
  };
  const timer = setInterval(() => {
    for (const cam of opts.cameras()) publish(cam);
  }, opts.intervalMs ?? STATUS_MS);
  return {
    publishOne(cameraId) {
      // The runner reports its first state while it is being built: wait for the map to hold it.
      queueMicrotask(() => {
        const cam = opts.cameras().find((c) => c.assignment.camera.id === cameraId);
        if (cam) publish(cam);
      });
    },
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
