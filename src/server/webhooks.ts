/**
 * Webhook deliveries: each stored alert is POSTed as JSON to every matching webhook, signed
 * (`X-Vigie-Signature: sha256=<HMAC-SHA256 of the body>`), with its delivery id
 * (`X-Vigie-Delivery`, the same at every attempt and re-send: receivers deduplicate on it), retried
 * with exponential backoff over about two hours (10 s, 30 s, 1 min, 5 min, 15 min, 30 min, 1 h),
 * every attempt written to the delivery log.
 *
 * Deliveries are stored before they are sent: one pending when the server stops is made when it
 * starts again (with the body it was queued with), so a restart loses none. An attempt cut short by
 * the shutdown counts as a failed attempt. Time and timers are injected (`nowMs`, `scheduler`), so
 * tests replay the retry schedule without waiting.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { errorMessage } from '../core/errors.ts';
import type { StoredAlert } from '../store/types.ts';
import type { AttemptOutcome, Delivery, NewDelivery, Webhook, WebhookStore } from '../store/webhooks.ts';
import type { Logger } from './log.ts';

/** Waits between attempts: attempt n+1 comes RETRY_DELAYS_MS[n-1] after attempt n fails. */
export const RETRY_DELAYS_MS: readonly number[] = [10_000, 30_000, 60_000, 300_000, 900_000, 1_800_000, 3_600_000];

export interface Timer {
  cancel(): void;
}

/** Runs a callback later (setTimeout by default; tests pass a fake clock). */
export type Scheduler = (run: () => void, delayMs: number) => Timer;

const realScheduler: Scheduler = (run, delayMs) => {
  const t = setTimeout(run, delayMs);
  t.unref();
  return { cancel: () => clearTimeout(t) };
};

export interface WebhookDispatcherOptions {
  readonly store: WebhookStore;
  readonly logger: Logger;
  readonly fetchImpl?: typeof fetch;
  /** The wait after each failed attempt; the delivery fails for good after the last. */
  readonly retryDelaysMs?: readonly number[];
  readonly timeoutMs?: number;
  readonly nowMs?: () => number;
  readonly scheduler?: Scheduler;
  readonly newId?: () => string;
}

export interface WebhookDispatcher {
  dispatch(alert: StoredAlert): void;
  /** Looks at the queue again (a test delivery or a re-send was queued through the store). */
  kick(): void;
  /** Resolves when no request is in flight (deliveries due later may still be pending). */
  idle(): Promise<void>;
  /** Stops sending: requests in flight are cut short, pending deliveries stay for the next start. */
  close(): Promise<void>;
}

export const signBody = (secret: string, body: string): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export const wants = (hook: Pick<Webhook, 'events'>, alert: Pick<StoredAlert, 'type'>): boolean =>
  hook.events.length === 0 || hook.events.includes(alert.type);

/** What follows a failed attempt number `attempt` (1 = the first): the next try, or failure after the last delay. */
export function afterFailure(attempt: number, nowMs: number, delaysMs: readonly number[]): AttemptOutcome {
  const waitMs = delaysMs[attempt - 1];
  return waitMs === undefined ? { state: 'failed' } : { state: 'pending', nextAtMs: nowMs + waitMs };
}

/** Deliveries started per pass over the queue. */
const BATCH = 16;
/** How long the queue rests after the store failed. */
const STORE_RETRY_MS = 5000;

export function createWebhookDispatcher(opts: WebhookDispatcherOptions): WebhookDispatcher {
  const { store } = opts;
  const post = opts.fetchImpl ?? fetch;
  const delaysMs = opts.retryDelaysMs ?? RETRY_DELAYS_MS;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const now = opts.nowMs ?? Date.now;
  const schedule = opts.scheduler ?? realScheduler;
  const newId = opts.newId ?? randomUUID;
  const stop = new AbortController();
  const inFlight = new Map<string, Promise<void>>();
  let timer: Timer | undefined;
  /** After a store failure, the queue is left alone until then (no tight loop on a broken disk). */
  let pausedUntilMs = 0;

  /** One attempt: the HTTP status and the error, if any (a non-2xx answer is one). */
  const send = async (hook: Webhook, d: Delivery, n: number): Promise<{ status?: number; error?: string }> => {
    try {
      const res = await post(hook.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Vigie-Event': d.event,
          'X-Vigie-Delivery': d.id,
          'X-Vigie-Signature': signBody(hook.secret, d.body),
          'X-Vigie-Attempt': String(n),
        },
        body: d.body,
        signal: AbortSignal.any([stop.signal, AbortSignal.timeout(timeoutMs)]),
        redirect: 'manual',
      });
      await res.body?.cancel();
      return res.ok ? { status: res.status } : { status: res.status, error: `HTTP ${res.status}` };
    } catch (err) {
      return { error: errorMessage(err) };
    }
  };

  const deliver = async (d: Delivery): Promise<void> => {
    const hook = store.get(d.webhookId);
    if (!hook) return;
    const n = d.attempts + 1;
    const { status, error } = await send(hook, d, n);
    const atMs = now();
    const outcome: AttemptOutcome = error === undefined ? { state: 'delivered' } : afterFailure(n, atMs, delaysMs);
    const attempt = { deliveryId: d.id, webhookId: d.webhookId, attempt: n, ok: error === undefined, atMs, ...(d.alertId ? { alertId: d.alertId } : {}) };
    store.recordAttempt({ ...attempt, ...(status !== undefined ? { status } : {}), ...(error !== undefined ? { error } : {}) }, outcome);
    if (outcome.state === 'failed') opts.logger.error(`webhook ${hook.id} (${hook.url}): delivery ${d.id} failed after ${n} attempts: ${error ?? ''}`);
  };

  const wakeAt = (atMs: number): void => {
    timer = schedule(pump, Math.max(0, atMs - now()));
  };

  /** Starts the due deliveries not already under way, then sleeps until the next one is due. */
  function pump(): void {
    if (stop.signal.aborted) return;
    timer?.cancel();
    timer = undefined;
    if (pausedUntilMs > now()) return wakeAt(pausedUntilMs);
    try {
      let started = 0;
      for (const d of store.due(now(), BATCH + inFlight.size)) {
        if (inFlight.has(d.id) || started >= BATCH) continue;
        started++;
        const p = deliver(d)
          .catch((err: unknown) => {
            pausedUntilMs = now() + STORE_RETRY_MS;
            opts.logger.error(`webhook ${d.webhookId}: ${errorMessage(err)} (deliveries paused ${STORE_RETRY_MS / 1000} s)`);
          })
          .finally(() => {
            inFlight.delete(d.id);
            pump();
          });
        inFlight.set(d.id, p);
      }
      // A later delivery gets a timer; due ones not started yet (over the batch) start when one in flight ends.
      const next = store.nextDueAtMs();
      if (next !== undefined && (next > now() || inFlight.size === 0)) wakeAt(next);
    } catch (err) {
      opts.logger.error(`webhooks: cannot read the deliveries, trying again in ${STORE_RETRY_MS / 1000} s: ${errorMessage(err)}`);
      wakeAt(now() + STORE_RETRY_MS);
    }
  }

  const resumed = store.queued();
  if (resumed > 0) opts.logger.info(`webhooks: ${resumed} delivery(ies) pending before the last stop, resuming`);
  pump();

  return {
    dispatch(alert) {
      if (stop.signal.aborted) return;
      const body = JSON.stringify(alert);
      const atMs = now();
      const entries = store
        .list()
        .filter((h) => wants(h, alert))
        .map((h): NewDelivery => ({ id: newId(), webhookId: h.id, event: 'alert', alertId: alert.id, body, atMs }));
      if (entries.length === 0) return;
      store.enqueue(entries);
      pump();
    },
    kick: () => pump(),
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight.values()]);
    },
    async close() {
      stop.abort();
      timer?.cancel();
      await Promise.all([...inFlight.values()]);
    },
  };
}
