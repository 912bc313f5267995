/**
 * Webhook subscriptions of integrators, their deliveries and the log of every attempt.
 *
 * A delivery is one message to one webhook (an alert, or a test): its id travels as the
 * X-Vigie-Delivery header, the same at every attempt and re-send, so a receiver can deduplicate.
 * Pending deliveries are the outbox: they survive a restart. Finished ones (delivered, failed)
 * stay for the delivery log until retention removes them.
 */
import type Database from 'better-sqlite3';
import type { EventType } from '../core/types.ts';

export interface Webhook {
  readonly id: string;
  readonly url: string;
  readonly secret: string;
  /** Event types delivered; empty = all. */
  readonly events: readonly EventType[];
  readonly createdAtMs: number;
}

export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
export type DeliveryEvent = 'alert' | 'test';

/** A new delivery, queued with the signed body it keeps at every attempt. */
export interface NewDelivery {
  readonly id: string;
  readonly webhookId: string;
  readonly event: DeliveryEvent;
  /** Set for an alert delivery (one per webhook and alert). */
  readonly alertId?: string;
  readonly body: string;
  readonly atMs: number;
}

export interface Delivery {
  readonly id: string;
  readonly webhookId: string;
  readonly event: DeliveryEvent;
  readonly alertId?: string;
  readonly body: string;
  readonly state: DeliveryState;
  /** Attempts since it was last queued (a re-send starts again at 0). */
  readonly attempts: number;
  /** When the next attempt is due (pending only). */
  readonly nextAtMs?: number;
  readonly lastStatus?: number;
  readonly lastError?: string;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

export interface DeliveryAttempt {
  readonly deliveryId: string;
  readonly webhookId: string;
  readonly alertId?: string;
  /** 1 for the first try. */
  readonly attempt: number;
  /** HTTP status of the answer; undefined when none came (refused, timed out). */
  readonly status?: number;
  readonly ok: boolean;
  readonly atMs: number;
  readonly error?: string;
}

/** What happens to a delivery after an attempt. */
export type AttemptOutcome = { readonly state: 'delivered' | 'failed' } | { readonly state: 'pending'; readonly nextAtMs: number };

export interface WebhookStore {
  list(): Webhook[];
  get(id: string): Webhook | undefined;
  insert(hook: Webhook): void;
  /** Deletes the webhook, its deliveries and their log; false when there was none. */
  remove(id: string): boolean;
  /** Queues deliveries, due at once; an alert already queued for a webhook, or a webhook deleted meanwhile, is skipped. */
  enqueue(deliveries: readonly NewDelivery[]): void;
  /** Pending deliveries due at nowMs, the oldest due first. */
  due(nowMs: number, limit: number): Delivery[];
  /** When the next pending delivery is due; undefined when none is pending. */
  nextDueAtMs(): number | undefined;
  /** Logs an attempt and moves its delivery on, in one transaction. */
  recordAttempt(attempt: DeliveryAttempt, outcome: AttemptOutcome): void;
  /** Queues a delivery again, due at nowMs, with its attempts counted from 0; false when there is none. */
  requeue(deliveryId: string, nowMs: number): boolean;
  delivery(id: string): Delivery | undefined;
  /** The latest deliveries of a webhook first. */
  deliveries(webhookId: string, limit?: number): Delivery[];
  /** The attempts of a delivery, the latest first. */
  attempts(deliveryId: string): DeliveryAttempt[];
  /** Deletes the attempts and the finished deliveries older than cutoffMs; returns how many rows. */
  purgeDeliveriesBefore(cutoffMs: number): number;
  /** Pending deliveries. */
  queued(): number;
}

interface HookRow {
  id: string;
  url: string;
  secret: string;
  events: string;
  created_at_ms: number;
}

interface DeliveryRow {
  id: string;
  webhook_id: string;
  alert_id: string | null;
  event: string;
  body: string;
  state: string;
  attempts: number;
  next_at_ms: number | null;
  last_status: number | null;
  last_error: string | null;
  created_at_ms: number;
  updated_at_ms: number;
}

interface AttemptRow {
  delivery_id: string | null;
  webhook_id: string;
  alert_id: string;
  attempt: number;
  status: number | null;
  ok: number;
  at_ms: number;
  error: string | null;
}

const hookFromRow = (r: HookRow): Webhook => ({
  id: r.id,
  url: r.url,
  secret: r.secret,
  events: JSON.parse(r.events) as EventType[],
  createdAtMs: r.created_at_ms,
});

const deliveryFromRow = (r: DeliveryRow): Delivery => ({
  id: r.id,
  webhookId: r.webhook_id,
  event: r.event as DeliveryEvent,
  ...(r.alert_id !== null ? { alertId: r.alert_id } : {}),
  body: r.body,
  state: r.state as DeliveryState,
  attempts: r.attempts,
  ...(r.next_at_ms !== null ? { nextAtMs: r.next_at_ms } : {}),
  ...(r.last_status !== null ? { lastStatus: r.last_status } : {}),
  ...(r.last_error !== null ? { lastError: r.last_error } : {}),
  createdAtMs: r.created_at_ms,
  updatedAtMs: r.updated_at_ms,
});

const attemptFromRow = (r: AttemptRow): DeliveryAttempt => ({
  deliveryId: r.delivery_id ?? '',
  webhookId: r.webhook_id,
  ...(r.alert_id !== '' ? { alertId: r.alert_id } : {}),
  attempt: r.attempt,
  ...(r.status !== null ? { status: r.status } : {}),
  ok: r.ok === 1,
  atMs: r.at_ms,
  ...(r.error !== null ? { error: r.error } : {}),
});

const toAttemptRow = (a: DeliveryAttempt): AttemptRow => ({
  delivery_id: a.deliveryId,
  webhook_id: a.webhookId,
  alert_id: a.alertId ?? '',
  attempt: a.attempt,
  status: a.status ?? null,
  ok: a.ok ? 1 : 0,
  at_ms: Math.round(a.atMs),
  error: a.error ?? null,
});

export function createWebhookStore(db: Database.Database): WebhookStore {
  const all = db.prepare<[], HookRow>('SELECT * FROM webhooks ORDER BY created_at_ms, id');
  const getOne = db.prepare<[string], HookRow>('SELECT * FROM webhooks WHERE id = ?');
  const insert = db.prepare<[string, string, string, string, number]>(
    'INSERT INTO webhooks (id, url, secret, events, created_at_ms) VALUES (?, ?, ?, ?, ?)',
  );
  // Deliveries and attempts go with their webhook (ON DELETE CASCADE).
  const remove = db.prepare<[string]>('DELETE FROM webhooks WHERE id = ?');
  const enqueueOne = db.prepare<[{ id: string; webhook_id: string; alert_id: string | null; event: string; body: string; at_ms: number }]>(
    `INSERT OR IGNORE INTO webhook_deliveries (id, webhook_id, alert_id, event, body, state, attempts, next_at_ms, created_at_ms, updated_at_ms)
     SELECT @id, @webhook_id, @alert_id, @event, @body, 'pending', 0, @at_ms, @at_ms, @at_ms
     WHERE EXISTS (SELECT 1 FROM webhooks WHERE id = @webhook_id)`,
  );
  const enqueueAll = db.transaction((entries: readonly NewDelivery[]) => {
    for (const e of entries) {
      enqueueOne.run({ id: e.id, webhook_id: e.webhookId, alert_id: e.alertId ?? null, event: e.event, body: e.body, at_ms: Math.round(e.atMs) });
    }
  });
  const dueRows = db.prepare<[number, number], DeliveryRow>(
    "SELECT * FROM webhook_deliveries WHERE state = 'pending' AND next_at_ms <= ? ORDER BY next_at_ms, rowid LIMIT ?",
  );
  const nextDue = db.prepare<[], { next: number | null }>("SELECT MIN(next_at_ms) AS next FROM webhook_deliveries WHERE state = 'pending'");
  const logAttempt = db.prepare<[AttemptRow]>(
    `INSERT INTO webhook_attempts (delivery_id, webhook_id, alert_id, attempt, status, ok, at_ms, error)
     SELECT @delivery_id, @webhook_id, @alert_id, @attempt, @status, @ok, @at_ms, @error
     WHERE EXISTS (SELECT 1 FROM webhooks WHERE id = @webhook_id)`,
  );
  const update = db.prepare<[string, number, number | null, number | null, string | null, number, string]>(
    'UPDATE webhook_deliveries SET state = ?, attempts = ?, next_at_ms = ?, last_status = ?, last_error = ?, updated_at_ms = ? WHERE id = ?',
  );
  const recordAttempt = db.transaction((a: DeliveryAttempt, outcome: AttemptOutcome) => {
    const row = toAttemptRow(a);
    logAttempt.run(row);
    const nextAtMs = outcome.state === 'pending' ? Math.round(outcome.nextAtMs) : null;
    update.run(outcome.state, a.attempt, nextAtMs, row.status, row.error, row.at_ms, a.deliveryId);
  });
  const requeue = db.prepare<[number, number, string]>(
    "UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_at_ms = ?, updated_at_ms = ? WHERE id = ?",
  );
  const getDelivery = db.prepare<[string], DeliveryRow>('SELECT * FROM webhook_deliveries WHERE id = ?');
  const listDeliveries = db.prepare<[string, number], DeliveryRow>(
    'SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY created_at_ms DESC, rowid DESC LIMIT ?',
  );
  const listAttempts = db.prepare<[string], AttemptRow>('SELECT * FROM webhook_attempts WHERE delivery_id = ? ORDER BY at_ms DESC, id DESC');
  const purgeAttempts = db.prepare<[number]>('DELETE FROM webhook_attempts WHERE at_ms < ?');
  const purgeFinished = db.prepare<[number]>("DELETE FROM webhook_deliveries WHERE state != 'pending' AND updated_at_ms < ?");
  const purge = db.transaction((cutoffMs: number) => purgeAttempts.run(cutoffMs).changes + purgeFinished.run(cutoffMs).changes);
  const queued = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE state = 'pending'");
  return {
    list: () => all.all().map(hookFromRow),
    get: (id) => {
      const row = getOne.get(id);
      return row ? hookFromRow(row) : undefined;
    },
    insert: (h) => void insert.run(h.id, h.url, h.secret, JSON.stringify(h.events), Math.round(h.createdAtMs)),
    remove: (id) => remove.run(id).changes > 0,
    enqueue: (entries) => enqueueAll(entries),
    due: (nowMs, limit) => dueRows.all(Math.round(nowMs), limit).map(deliveryFromRow),
    nextDueAtMs: () => nextDue.get()?.next ?? undefined,
    // An attempt for a webhook deleted meanwhile is dropped (nothing left to show it under).
    recordAttempt: (a, outcome) => recordAttempt(a, outcome),
    requeue: (id, nowMs) => requeue.run(Math.round(nowMs), Math.round(nowMs), id).changes > 0,
    delivery: (id) => {
      const row = getDelivery.get(id);
      return row ? deliveryFromRow(row) : undefined;
    },
    deliveries: (webhookId, limit = 200) => listDeliveries.all(webhookId, Math.max(1, Math.min(1000, Math.trunc(limit)))).map(deliveryFromRow),
    attempts: (deliveryId) => listAttempts.all(deliveryId).map(attemptFromRow),
    purgeDeliveriesBefore: (cutoffMs) => purge(Math.round(cutoffMs)),
    queued: () => queued.get()?.n ?? 0,
  };
}
