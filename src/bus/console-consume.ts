/**
 * The console's consumers of the bus streams: a durable pull consumer created when missing
 * (explicit ack, from the first message: a console that was stopped reads what it missed), and a
 * loop that hands each message to its handler one at a time and starts consuming again after any
 * failure (a restarted nats-server, a consumer deleted) until closed. A handler that throws leaves
 * its message unacknowledged: it comes back after the ack wait.
 */
import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg, type OrderedConsumerOptions } from '@nats-io/jetstream';
import { errorMessage } from '../core/errors.ts';
import type { Logger } from '../server/log.ts';

const nanos = (ms: number): number => ms * 1_000_000;

export interface DurableOptions {
  /** An unacknowledged message is delivered again after this long. */
  readonly ackWaitMs: number;
  /** Messages delivered and not acknowledged yet, at most (a clip's chunks wait unacknowledged until it is complete). */
  readonly maxAckPending?: number;
}

/** Creates the durable consumer, or brings its settings up to date. */
export async function ensureDurable(jsm: JetStreamManager, stream: string, name: string, o: DurableOptions): Promise<void> {
  const settings = { ack_wait: nanos(o.ackWaitMs), max_ack_pending: o.maxAckPending ?? 1000 };
  try {
    await jsm.consumers.add(stream, { durable_name: name, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, ...settings });
  } catch (err) {
    // It exists with other settings (another version of the console made it): those are updated.
    if (!/already exists|different|not match/i.test(errorMessage(err))) throw err;
    await jsm.consumers.update(stream, name, settings);
  }
}

export interface ConsumerLoop {
  /** Stops consuming; resolves once the message being handled is done. */
  close(): Promise<void>;
}

export interface ConsumerLoopOptions {
  readonly js: JetStreamClient;
  readonly stream: string;
  /** A durable consumer's name, or the options of an ordered consumer. */
  readonly consumer: string | Partial<OrderedConsumerOptions>;
  readonly handle: (m: JsMsg) => Promise<void>;
  readonly label: string;
  readonly logger: Logger;
  /** Before consuming again after a failure (default 1 s). */
  readonly retryMs?: number;
}

export function runConsumer(opts: ConsumerLoopOptions): ConsumerLoop {
  let closed = false;
  let messages: ConsumerMessages | undefined;
  let failures = 0;
  const loop = async (): Promise<void> => {
    while (!closed) {
      try {
        const consumer = await opts.js.consumers.get(opts.stream, opts.consumer);
        messages = await consumer.consume({ max_messages: 64 });
        if (closed) await messages.close();
        for await (const m of messages) {
          failures = 0;
          try {
            await opts.handle(m);
          } catch (err) {
            opts.logger.error(`bus ${opts.label}: message ${m.subject} #${m.seq} not handled (delivered again later): ${errorMessage(err)}`);
          }
          if (closed) break;
        }
      } catch (err) {
        if (failures++ % 30 === 0) opts.logger.error(`bus ${opts.label}: consuming ${opts.stream} failed: ${errorMessage(err)}; trying again`);
      }
      if (!closed) await new Promise((r) => setTimeout(r, opts.retryMs ?? 1000));
    }
  };
  const done = loop();
  return {
    async close() {
      closed = true;
      await messages?.close();
      await done;
    },
  };
}
