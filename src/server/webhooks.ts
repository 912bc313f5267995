/**
 * Webhook deliveries: each stored alert is POSTed as JSON to every matching webhook, signed
 * (`X-Vigie-Signature: sha256=<HMAC-SHA256 of the body>`), retried with exponential backoff
 * (1 s, 2 s, 4 s, 8 s by default), every attempt written to the delivery log.
 */
import { createHmac } from 'node:crypto';
import { errorMessage } from '../core/errors.ts';
import type { StoredAlert } from '../store/types.ts';
import type { Webhook, WebhookStore } from '../store/webhooks.ts';
import type { Logger } from './log.ts';

export interface WebhookDispatcherOptions {
  readonly store: Pick<WebhookStore, 'list' | 'logDelivery'>;
  readonly logger: Logger;
  readonly fetchImpl?: typeof fetch;
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly timeoutMs?: number;
  readonly nowMs?: () => number;
}

export interface WebhookDispatcher {
  dispatch(alert: StoredAlert): void;
  /** Resolves when every delivery under way is done (tests). */
  idle(): Promise<void>;
  /** Cancels pending retries and waits for the requests in flight. */
  close(): Promise<void>;
}

export const signBody = (secret: string, body: string): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export const wants = (hook: Pick<Webhook, 'events'>, alert: Pick<StoredAlert, 'type'>): boolean =>
  hook.events.length === 0 || hook.events.includes(alert.type);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export function createWebhookDispatcher(opts: WebhookDispatcherOptions): WebhookDispatcher {
  const post = opts.fetchImpl ?? fetch;
  const maxAttempts = opts.maxAttempts ?? 5;
  const baseDelayMs = opts.baseDelayMs ?? 1000;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const now = opts.nowMs ?? Date.now;
  const stop = new AbortController();
  const running = new Set<Promise<void>>();

  const attempt = async (hook: Webhook, alert: StoredAlert, body: string, n: number): Promise<boolean> => {
    let status: number | undefined;
    let error: string | undefined;
    try {
      const res = await post(hook.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Vigie-Event': 'alert', 'X-Vigie-Signature': signBody(hook.secret, body), 'X-Vigie-Attempt': String(n) },
        body,
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
    opts.store.logDelivery({ webhookId: hook.id, alertId: alert.id, attempt: n, ok, atMs: now(), ...(status !== undefined ? { status } : {}), ...(error ? { error } : {}) });
    return ok;
  };
  const deliver = async (hook: Webhook, alert: StoredAlert): Promise<void> => {
    const body = JSON.stringify(alert);
    for (let n = 1; n <= maxAttempts && !stop.signal.aborted; n++) {
      if (await attempt(hook, alert, body, n)) return;
      if (n < maxAttempts) await sleep(baseDelayMs * 2 ** (n - 1), stop.signal);
    }
    opts.logger.error(`webhook ${hook.id} (${hook.url}): alert ${alert.id} not delivered`);
  };

  return {
    dispatch(alert) {
      if (stop.signal.aborted) return;
      for (const hook of opts.store.list().filter((h) => wants(h, alert))) {
        const p = deliver(hook, alert)
          .catch((err: unknown) => opts.logger.error(`webhook ${hook.id}: ${errorMessage(err)}`))
          .finally(() => running.delete(p));
        running.add(p);
      }
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
    async close() {
      stop.abort();
      await Promise.all([...running]);
    },
  };
}
