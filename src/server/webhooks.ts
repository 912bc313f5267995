/**
 * Webhook deliveries: each stored alert is POSTed as JSON to every matching webhook, signed
 * (`X-Vigie-Signature: sha256=<HMAC-SHA256 of the body>`), retried with exponential backoff
 * (1 s, 2 s, 4 s, 8 s by default), every attempt written to the delivery log.
 *
 * Deliveries go through an outbox table first: a delivery queued or waiting for a retry when the
 * server stops is made when it starts again (with the body it was queued with), so a restart loses
 * none. An attempt cut short by the shutdown counts as a failed attempt.
 */
import { createHmac } from 'node:crypto';
import { errorMessage } from '../core/errors.ts';
import type { StoredAlert } from '../store/types.ts';
import type { OutboxEntry, Webhook, WebhookStore } from '../store/webhooks.ts';
import type { Logger } from './log.ts';

export interface WebhookDispatcherOptions {
  readonly store: WebhookStore;
  readonly logger: Logger;
  readonly fetchImpl?: typeof fetch;
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly timeoutMs?: number;
  readonly nowMs?: () => number;
}

export interface WebhookDispatcher {
  dispatch(alert: StoredAlert): void;
  /** Resolves when the outbox is empty and no request is in flight (tests). */
  idle(): Promise<void>;
  /** Stops sending: requests in flight are cut short, the outbox stays for the next start. */
  close(): Promise<void>;
}

export const signBody = (secret: string, body: string): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export const wants = (hook: Pick<Webhook, 'events'>, alert: Pick<StoredAlert, 'type'>): boolean =>
  hook.events.length === 0 || hook.events.includes(alert.type);

/** Deliveries started per pass over the outbox. */
const BATCH = 16;
/** How long the outbox rests after the store failed. */
const STORE_RETRY_MS = 5000;
const keyOf = (e: Pick<OutboxEntry, 'webhookId' | 'alertId'>): string => `${e.webhookId}\n${e.alertId}`;

export function createWebhookDispatcher(opts: WebhookDispatcherOptions): WebhookDispatcher {
  const { store } = opts;
  const post = opts.fetchImpl ?? fetch;
  const maxAttempts = opts.maxAttempts ?? 5;
  const baseDelayMs = opts.baseDelayMs ?? 1000;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const now = opts.nowMs ?? Date.now;
  const stop = new AbortController();
  const inFlight = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  /** After a store failure, the outbox is left alone until then (no tight loop on a broken disk). */
  let pausedUntilMs = 0;

  /** One attempt; true when the receiver accepted it (2xx). Logged either way. */
  const attempt = async (hook: Webhook, entry: OutboxEntry, n: number): Promise<boolean> => {
    let status: number | undefined;
    let error: string | undefined;
    try {
      const res = await post(hook.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Vigie-Event': 'alert', 'X-Vigie-Signature': signBody(hook.secret, entry.body), 'X-Vigie-Attempt': String(n) },
        body: entry.body,
        signal: AbortSignal.any([stop.signal, AbortSignal.timeout(timeoutMs)]),
        redirect: 'manual',
      });
      status = res.status;
      await res.body?.cancel();
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (err) {
      error = errorMessage(err);
    }
    const ok = error === undefined;
    store.logDelivery({ webhookId: hook.id, alertId: entry.alertId, attempt: n, ok, atMs: now(), ...(status !== undefined ? { status } : {}), ...(error ? { error } : {}) });
    return ok;
  };

  const deliver = async (entry: OutboxEntry): Promise<void> => {
    const hook = store.get(entry.webhookId);
    if (!hook) return store.dequeue(entry.webhookId, entry.alertId);
    const n = entry.attempts + 1;
    if (await attempt(hook, entry, n)) return store.dequeue(entry.webhookId, entry.alertId);
    if (n >= maxAttempts) {
      store.dequeue(entry.webhookId, entry.alertId);
      opts.logger.error(`webhook ${hook.id} (${hook.url}): alert ${entry.alertId} not delivered after ${n} attempts`);
      return;
    }
    store.reschedule(entry.webhookId, entry.alertId, n, now() + baseDelayMs * 2 ** (n - 1));
  };

  /** Starts the due deliveries not already under way, then sleeps until the next one is due. */
  const pump = (): void => {
    if (stop.signal.aborted) return;
    clearTimeout(timer);
    timer = undefined;
    const waitMs = pausedUntilMs - now();
    if (waitMs > 0) {
      timer = setTimeout(pump, waitMs);
      timer.unref();
      return;
    }
    let started = 0;
    try {
      for (const entry of store.due(now(), BATCH + inFlight.size)) {
        const key = keyOf(entry);
        if (inFlight.has(key) || started >= BATCH) continue;
        started++;
        const p = deliver(entry)
          .catch((err: unknown) => {
            pausedUntilMs = now() + STORE_RETRY_MS;
            opts.logger.error(`webhook ${entry.webhookId}: ${errorMessage(err)} (outbox paused ${STORE_RETRY_MS / 1000} s)`);
          })
          .finally(() => {
            inFlight.delete(key);
            pump();
          });
        inFlight.set(key, p);
      }
      // A later entry gets a timer; due ones not started yet (over the batch) start when one in flight ends.
      const next = store.nextDueAtMs();
      if (next !== undefined && (next > now() || inFlight.size === 0)) timer = setTimeout(pump, Math.max(0, next - now()));
    } catch (err) {
      opts.logger.error(`webhooks: cannot read the outbox, trying again in ${STORE_RETRY_MS / 1000} s: ${errorMessage(err)}`);
      timer = setTimeout(pump, STORE_RETRY_MS);
    }
    timer?.unref();
  };

  const resumed = store.queued();
  if (resumed > 0) opts.logger.info(`webhooks: ${resumed} delivery(ies) queued before the last stop, resuming`);
  pump();

  return {
    dispatch(alert) {
      if (stop.signal.aborted) return;
      const body = JSON.stringify(alert);
      const at = now();
      const entries = store
        .list()
        .filter((h) => wants(h, alert))
        .map((h): OutboxEntry => ({ webhookId: h.id, alertId: alert.id, body, attempts: 0, nextAtMs: at }));
      if (entries.length === 0) return;
      store.enqueue(entries);
      pump();
    },
    async idle() {
      while (!stop.signal.aborted && (inFlight.size > 0 || store.queued() > 0)) {
        await Promise.race([...inFlight.values(), new Promise((r) => setTimeout(r, 5))]);
      }
    },
    async close() {
      stop.abort();
      clearTimeout(timer);
      await Promise.all([...inFlight.values()]);
    },
  };
}
