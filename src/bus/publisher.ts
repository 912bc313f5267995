/**
 * An ordered outbox for JetStream publishes. publish() returns at once; the messages go out one at
 * a time, in order, each retried (0.5 s, 1 s, 2 s... 5 s) until the stream acknowledges it (a
 * duplicate acknowledged counts: the stream already holds it). A nats-server restart or a network
 * cut is a pause, nothing is lost. Bounded in messages (maxPending) and bytes (maxBytes): beyond
 * either, the oldest waiting expendable message (a clip chunk) goes first, with every waiting
 * message of its group (a clip missing a chunk is worth nothing), then the oldest waiting message;
 * each drop is logged. A message stamped with a fence (a camera's key and its creation
 * time) is sent, held or dropped as the lease fence decides (lease-fence.ts): held ones wait, the
 * others go on past them; recheck() after the fence changed. With a journal (outbox-journal.ts)
 * each message is kept on disk from when it is queued until it is acknowledged or dropped, so what
 * is still waiting when the worker stops, however it stops, is published by its next start.
 */
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { JetStreamClient } from '@nats-io/jetstream';
import { errorMessage } from '../core/errors.ts';
import type { FenceDecision } from './lease-fence.ts';

export interface OutboxLogger {
  info(message: string): void;
  error(message: string): void;
}

export interface OutboxOptions {
  readonly js: Pick<JetStreamClient, 'publish'>;
  readonly logger: OutboxLogger;
  /** Messages waiting at most (default 5000). */
  readonly maxPending?: number;
  /** Bytes waiting at most (default 256 MiB: a long cut never runs the worker out of memory). */
  readonly maxBytes?: number;
  /** First and longest wait between two tries of one message (default 500 ms, 5 s). */
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** How long one try waits for its acknowledgement (default: the client's, 5 s). */
  readonly ackTimeoutMs?: number;
  /** The lease fence, asked before each try of a fenced message (default: every message is sent). */
  readonly decide?: (key: string, atMs: number) => FenceDecision;
  /** Where each queued message is kept until acknowledged or dropped (default: in memory only). */
  readonly journal?: OutboxJournal;
}

/** The outbox's side of a write-ahead journal: `add` as a message is queued, `done` once it is acknowledged or dropped. */
export interface OutboxJournal {
  /** The folder, for log lines. */
  readonly where: string;
  add(subject: string, data: Uint8Array, opts: PublishOptions): unknown;
  done(entry: unknown): void;
}

export interface PublishOptions {
  /** Nats-Msg-Id: the stream refuses a second message with this id (within its duplicate window). */
  readonly msgID?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The camera (bus key) whose lease covers this message, and when the message was made (this worker's clock). */
  readonly fence?: { readonly key: string; readonly atMs: number };
  /** Dropped before the others when the outbox is full, with every waiting message of the same group (a clip's chunks). */
  readonly expendable?: { readonly group: string };
}

export interface Outbox {
  publish(subject: string, data: Uint8Array, opts?: PublishOptions): void;
  /** Messages not yet acknowledged. */
  pending(): number;
  /** Waits until every message is acknowledged or `timeoutMs` passed; true when all went out. */
  flush(timeoutMs: number): Promise<boolean>;
  /** The fence changed: held messages are decided again now. */
  recheck(): void;
  /** Stops sending; what is still waiting stays in the journal for the next start, or is lost without one (logged). */
  close(): void;
}

interface Item {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly opts: PublishOptions;
  /** Its journal entry. */
  readonly entry?: unknown;
}

const MAX_DROPPED_GROUPS = 1000;

/** Errors no retry cures (the message is over the server's max_payload). */
const PERMANENT = /max_payload|payload.*(exceed|too large)/i;

const describe = (item: Item): string => `${item.subject}${item.opts.msgID ? ` (${item.opts.msgID})` : ''}`;

export function createOutbox(opts: OutboxOptions): Outbox {
  const max = Math.max(1, opts.maxPending ?? 5000);
  const maxBytes = Math.max(1, opts.maxBytes ?? 256 * 1024 * 1024);
  let bytes = 0;
  /** Groups dropped lately: a later message of one goes too (a clip's next chunks, read after the drop). */
  const droppedGroups = new Set<string>();
  const rememberDropped = (group: string): void => {
    droppedGroups.add(group);
    if (droppedGroups.size > MAX_DROPPED_GROUPS) droppedGroups.delete(droppedGroups.values().next().value!);
  };
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

  let inFlight: Item | undefined;
  const logFenced = (item: Item): void =>
    opts.logger.error(`bus: message to ${describe(item)} dropped: made at ${new Date(item.opts.fence!.atMs).toISOString()}, after another worker took the lease of camera ${item.opts.fence!.key}`);
  /** Out of the queue, sent or dropped: out of the journal too. */
  const takeAt = (i: number): Item => {
    const [item] = queue.splice(i, 1);
    bytes -= item!.data.length;
    if (item!.entry !== undefined) opts.journal?.done(item!.entry);
    return item!;
  };
  const remove = (item: Item): void => {
    const i = queue.indexOf(item);
    if (i >= 0) takeAt(i);
  };
  /** Over a bound: drops the oldest expendable group, else the oldest message, never the one in flight. False when nothing can go. */
  const dropOldest = (): boolean => {
    const waiting = (item: Item): boolean => item !== inFlight;
    const expendable = queue.find((item) => waiting(item) && item.opts.expendable);
    const why = `outbox full (${queue.length} waiting, ${(bytes / 1048576).toFixed(1)} MB; at most ${max}, ${(maxBytes / 1048576).toFixed(1)} MB)`;
    if (expendable) {
      const group = expendable.opts.expendable!.group;
      const members = queue.filter((item) => waiting(item) && item.opts.expendable?.group === group);
      for (const item of members) remove(item);
      rememberDropped(group);
      opts.logger.error(`bus: ${why}: oldest expendable group ${group} dropped (${members.length} message(s) to ${expendable.subject})`);
      return true;
    }
    const i = queue.findIndex(waiting);
    if (i < 0) return false;
    opts.logger.error(`bus: ${why}: oldest message to ${describe(takeAt(i))} dropped`);
    return true;
  };
  const decisionOf = (item: Item): FenceDecision => {
    const fence = item.opts.fence;
    return fence && opts.decide ? opts.decide(fence.key, fence.atMs) : 'send';
  };
  /** The oldest message to try now: held ones are passed over, those the fence drops removed (logged). */
  const next = (): Item | undefined => {
    for (let i = 0; i < queue.length; ) {
      const item = queue[i]!;
      const decision = decisionOf(item);
      if (decision === 'send') return item;
      if (decision === 'drop') {
        takeAt(i);
        logFenced(item);
      } else i += 1;
    }
    return undefined;
  };

  const run = async (): Promise<void> => {
    sending = true;
    let delay = initialMs;
    for (let item = next(); item && !closed; item = next()) {
      inFlight = item;
      try {
        await sendOne(item);
        remove(item);
        delay = initialMs;
        if (failing) opts.logger.info(`bus: publishing again (${queue.length} waiting)`);
        failing = false;
      } catch (err) {
        const message = errorMessage(err);
        if (PERMANENT.test(message)) {
          remove(item);
          opts.logger.error(`bus: message to ${describe(item)} dropped: ${message}`);
          continue;
        }
        if (!failing) opts.logger.error(`bus: publish to ${describe(item)} failed (${message}); retrying, ${queue.length} waiting`);
        failing = true;
        await sleep(delay);
        delay = Math.min(maxMs, delay * 2);
      } finally {
        inFlight = undefined;
      }
    }
    // Empty, closed, or only held messages left (recheck() starts again).
    sending = false;
    if (queue.length === 0) settle(true);
  };

  return {
    publish(subject, data, publishOpts = {}) {
      if (closed) {
        opts.logger.error(`bus: message to ${describe({ subject, data, opts: publishOpts })} dropped: the outbox is closed`);
        return;
      }
      if (publishOpts.expendable && droppedGroups.has(publishOpts.expendable.group)) {
        opts.logger.error(`bus: message to ${describe({ subject, data, opts: publishOpts })} dropped: the rest of its group ${publishOpts.expendable.group} was dropped when the outbox was full`);
        return;
      }
      queue.push({ subject, data, opts: publishOpts, ...(opts.journal ? { entry: opts.journal.add(subject, data, publishOpts) } : {}) });
      bytes += data.length;
      while ((queue.length > max || bytes > maxBytes) && dropOldest());
      if (!sending) void run();
    },
    pending: () => queue.length,
    recheck() {
      if (closed) return;
      if (!sending) void run();
      else wake?.();
    },
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
      // Out of memory, not out of the journal: the next start publishes them.
      const left = queue.splice(0);
      bytes = 0;
      settle(false);
      if (left.length === 0) return;
      const first = describe(left[0]!);
      if (opts.journal) opts.logger.info(`bus: ${left.length} message(s) not published at close (first: ${first}), kept in ${opts.journal.where} for the next start`);
      else opts.logger.error(`bus: ${left.length} message(s) not published at close (first: ${first}), lost`);
    },
  };
}
