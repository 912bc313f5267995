/**
 * The cameras' status as the workers publish it on VIGIE_STATUS: an ordered consumer from the last
 * message per subject (the stream keeps one per camera), the newest per camera id kept in memory.
 */
import { DeliverPolicy, type JetStreamClient } from '@nats-io/jetstream';
import type { Logger } from '../server/log.ts';
import { parseBusMessage, statusMessageSchema, STREAM_STATUS, type StatusMessage } from './protocol.ts';
import { runConsumer, type ConsumerLoop } from './console-consume.ts';

export interface StatusBoard {
  latest(cameraId: string): StatusMessage | undefined;
  /** Keeps the message unless an as recent one of that camera is there; true when kept. */
  take(message: StatusMessage): boolean;
}

export function createStatusBoard(): StatusBoard {
  const byCamera = new Map<string, StatusMessage>();
  return {
    latest: (id) => byCamera.get(id),
    take(m) {
      const before = byCamera.get(m.cameraId);
      if (before && before.atMs > m.atMs) return false;
      byCamera.set(m.cameraId, m);
      return true;
    },
  };
}

export interface StatusConsumerOptions {
  readonly js: JetStreamClient;
  readonly board: StatusBoard;
  /** A camera's status changed (the console broadcasts its view). */
  readonly onChange: (cameraId: string) => void;
  readonly logger: Logger;
}

export function consumeStatus(opts: StatusConsumerOptions): ConsumerLoop {
  return runConsumer({
    js: opts.js,
    stream: STREAM_STATUS,
    consumer: { deliver_policy: DeliverPolicy.LastPerSubject },
    label: 'status',
    logger: opts.logger,
    handle: async (m) => {
      const parsed = parseBusMessage(statusMessageSchema, m.subject, m.data);
      if (!parsed.ok) return opts.logger.error(`bus status message ignored: ${parsed.error}`);
      if (opts.board.take(parsed.value)) opts.onChange(parsed.value.cameraId);
    },
  });
}
