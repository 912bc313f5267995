/**
 * An ordered outbox for JetStream publishes. publish() returns at once; the messages go out one at
 * a time, in order, each retried (0.5 s, 1 s, 2 s... 5 s) until the stream acknowledges it (a
 * duplicate acknowledged counts: the stream already holds it). A nats-server restart or a network
 * cut is a pause, nothing is lost. Bounded: beyond maxPending the oldest waiting message is
 * dropped, with an error naming it.
 */
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { JetStreamClient } from '@nats-io/jetstream';
import { errorMessage } from '../core/errors.ts';

export interface OutboxLogger {
  info(message: string): void;
  error(message: string): void;
}

export interface OutboxOptions {
  readonly js: Pick<JetStreamClient, 'publish'>;
  readonly logger: OutboxLogger;
  /** Messages waiting at most (default 5000). */
  readonly maxPending?: number;
  /** First and longest wait between two tries of one message (default 500 ms, 5 s). */
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** How long one try waits for its acknowledgement (default: the client's, 5 s). */
  readonly ackTimeoutMs?: number;
}

export interface PublishOptions {
  /** Nats-Msg-Id: the stream refuses a second message with this id (within its duplicate window). */
  readonly msgID?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Outbox {
  publish(subject: string, data: Uint8Array, opts?: PublishOptions): void;
  /** Messages not yet acknowledged. */
  pending(): number;
  /** Waits until every message is acknowledged or `timeoutMs` passed; true when all went out. */
  flush(timeoutMs: number): Promise<boolean>;
  /** Stops sending; what is still waiting is dropped (logged). */
  close(): void;
}

interface Item {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly opts: PublishOptions;
}

/** Errors no retry cures (the message is over the server's max_payload). */
const PERMANENT = /max_payload|payload.*(exceed|too large)/i;

const describe = (item: Item): string => `${item.subject}${item.opts.msgID ? ` (${item.opts.msgID})` : ''}`;

export function createOutbox(opts: OutboxOptions): Outbox {
  const max = Math.max(1, opts.maxPending ?? 5000);
  const initialMs = opts.backoff?.initialMs ?? 500;
  const maxMs = opts.backoff?.maxMs ?? 5000;
  const queue: Item[] = [];
  let sending = false;
  let closed = false;
  let failing = false;
  let wake: (() => void) | undefined;
  let idle: ((sent: boolean) => void)[] = [];

  const settle = (sent: boolean): void => {
    const waiting = idle;
    idle = [];
    for (const resolve of waiting) resolve(sent);
  };
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        wake = undefined;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
    });

  const sendOne = async (item: Item): Promise<void> => {
    const h = item.opts.headers ? natsHeaders() : undefined;
    for (const [k, v] of Object.entries(item.opts.headers ?? {})) h?.set(k, v);
    await opts.js.publish(item.subject, item.data, {
      ...(item.opts.msgID ? { msgID: item.opts.msgID } : {}),
      ...(h ? { headers: h } : {}),
      ...(opts.ackTimeoutMs ? { timeout: opts.ackTimeoutMs } : {}),
    });
  };

  const run = async (): Promise<void> => {
    sending = true;
    let delay = initialMs;
    while (!closed && queue.length > 0) {
      const item = queue[0]!;
      try {
        await sendOne(item);
        if (queue[0] === item) queue.shift();
        delay = initialMs;
        if (failing) opts.logger.info(`bus: publishing again (${queue.length} waiting)`);
        failing = false;
      } catch (err) {
        const message = errorMessage(err);
        if (PERMANENT.test(message)) {
          if (queue[0] === item) queue.shift();
          opts.logger.error(`bus: message to ${describe(item)} dropped: ${message}`);
          continue;
        }
        if (!failing) opts.logger.error(`bus: publish to ${describe(item)} failed (${message}); retrying, ${queue.length} waiting`);
        failing = true;
        await sleep(delay);
        delay = Math.min(maxMs, delay * 2);
      }
    }
    sending = false;
    if (queue.length === 0) settle(true);
  };

  return {
    publish(subject, data, publishOpts = {}) {
      if (closed) {
        opts.logger.error(`bus: message to ${describe({ subject, data, opts: publishOpts })} dropped: the outbox is closed`);
        return;
      }
      queue.push({ subject, data, opts: publishOpts });
      while (queue.length > max) {
        // The head may be in flight: the oldest waiting one behind it goes.
        const [dropped] = queue.splice(sending && queue.length > 1 ? 1 : 0, 1);
        opts.logger.error(`bus: outbox full (${max} waiting): oldest message to ${describe(dropped!)} dropped`);
      }
      if (!sending) void run();
    },
    pending: () => queue.length,
    async flush(timeoutMs) {
      if (queue.length === 0) return true;
      wake?.(); // retry now rather than after the current backoff
      let timer: NodeJS.Timeout | undefined;
      const done = await Promise.race([
        new Promise<boolean>((resolve) => idle.push(resolve)),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
      ]);
      clearTimeout(timer);
      return done;
    },
    close() {
      closed = true;
      wake?.();
      if (queue.length > 0) opts.logger.error(`bus: ${queue.length} message(s) not published at close (first: ${describe(queue[0]!)})`);
      queue.length = 0;
      settle(false);
    },
  };
}
