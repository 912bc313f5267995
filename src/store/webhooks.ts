/**
 * Webhook subscriptions of integrators, the outbox of deliveries still to make (it survives a
 * restart), and the log of every delivery attempt.
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

export interface Delivery {
  readonly webhookId: string;
  readonly alertId: string;
  /** 1 for the first try. */
  readonly attempt: number;
  /** HTTP status of the answer; undefined when none came (refused, timed out). */
  readonly status?: number;
  readonly ok: boolean;
  readonly atMs: number;
  readonly error?: string;
}

/** A delivery still to make: the signed body is fixed when the alert is queued. */
export interface OutboxEntry {
  readonly webhookId: string;
  readonly alertId: string;
  readonly body: string;
  /** Attempts already made. */
  readonly attempts: number;
  readonly nextAtMs: number;
}

export interface WebhookStore {
  list(): Webhook[];
  get(id: string): Webhook | undefined;
  insert(hook: Webhook): void;
  /** Deletes the webhook and its delivery log; false when there was none. */
  remove(id: string): boolean;
  logDelivery(d: Delivery): void;
  /** The latest attempts first. */
  deliveries(webhookId: string, limit?: number): Delivery[];
  /** Deletes the delivery log older than cutoffMs; returns how many attempts. */
  purgeDeliveriesBefore(cutoffMs: number): number;
  /** Queues deliveries (one per webhook and alert: a second one is ignored); dropped for a webhook deleted meanwhile. */
  enqueue(entries: readonly OutboxEntry[]): void;
  /** Queued deliveries due at nowMs, the oldest first. */
  due(nowMs: number, limit: number): OutboxEntry[];
  /** When the next queued delivery is due; undefined when none is queued. */
  nextDueAtMs(): number | undefined;
  /** Records a failed attempt and when to try again. */
  reschedule(webhookId: string, alertId: string, attempts: number, nextAtMs: number): void;
  /** Takes a delivery off the queue (done, or given up). */
  dequeue(webhookId: string, alertId: string): void;
  /** Deliveries queued. */
  queued(): number;
}

interface HookRow {
  id: string;
  url: string;
  secret: string;
  events: string;
  created_at_ms: number;
}

interface OutboxRow {
  webhook_id: string;
  alert_id: string;
  body: string;
  attempts: number;
  next_at_ms: number;
}

const outboxFromRow = (r: OutboxRow): OutboxEntry => ({ webhookId: r.webhook_id, alertId: r.alert_id, body: r.body, attempts: r.attempts, nextAtMs: r.next_at_ms });

interface DeliveryRow {
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
  webhookId: r.webhook_id,
  alertId: r.alert_id,
  attempt: r.attempt,
  ...(r.status !== null ? { status: r.status } : {}),
  ok: r.ok === 1,
  atMs: r.at_ms,
  ...(r.error !== null ? { error: r.error } : {}),
});

const toDeliveryRow = (d: Delivery): DeliveryRow => ({
  webhook_id: d.webhookId,
  alert_id: d.alertId,
  attempt: d.attempt,
  status: d.status ?? null,
  ok: d.ok ? 1 : 0,
  at_ms: Math.round(d.atMs),
  error: d.error ?? null,
});

export function createWebhookStore(db: Database.Database): WebhookStore {
  const all = db.prepare<[], HookRow>('SELECT * FROM webhooks ORDER BY created_at_ms, id');
  const getOne = db.prepare<[string], HookRow>('SELECT * FROM webhooks WHERE id = ?');
  const insert = db.prepare<[string, string, string, string, number]>(
    'INSERT INTO webhooks (id, url, secret, events, created_at_ms) VALUES (?, ?, ?, ?, ?)',
  );
  const remove = db.prepare<[string]>('DELETE FROM webhooks WHERE id = ?');
  const log = db.prepare<[DeliveryRow]>(
    `INSERT INTO webhook_deliveries (webhook_id, alert_id, attempt, status, ok, at_ms, error)
     SELECT @webhook_id, @alert_id, @attempt, @status, @ok, @at_ms, @error
     WHERE EXISTS (SELECT 1 FROM webhooks WHERE id = @webhook_id)`,
  );
  const purge = db.prepare<[number]>('DELETE FROM webhook_deliveries WHERE at_ms < ?');
  const enqueue = db.prepare<[OutboxRow]>(
    `INSERT OR IGNORE INTO webhook_outbox (webhook_id, alert_id, body, attempts, next_at_ms)
     SELECT @webhook_id, @alert_id, @body, @attempts, @next_at_ms WHERE EXISTS (SELECT 1 FROM webhooks WHERE id = @webhook_id)`,
  );
  const enqueueAll = db.transaction((entries: readonly OutboxEntry[]) => {
    for (const e of entries) {
      enqueue.run({ webhook_id: e.webhookId, alert_id: e.alertId, body: e.body, attempts: e.attempts, next_at_ms: Math.round(e.nextAtMs) });
    }
  });
  const dueRows = db.prepare<[number, number], OutboxRow>('SELECT * FROM webhook_outbox WHERE next_at_ms <= ? ORDER BY next_at_ms, rowid LIMIT ?');
  const nextDue = db.prepare<[], { next: number | null }>('SELECT MIN(next_at_ms) AS next FROM webhook_outbox');
  const reschedule = db.prepare<[number, number, string, string]>('UPDATE webhook_outbox SET attempts = ?, next_at_ms = ? WHERE webhook_id = ? AND alert_id = ?');
  const dequeue = db.prepare<[string, string]>('DELETE FROM webhook_outbox WHERE webhook_id = ? AND alert_id = ?');
  const queued = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM webhook_outbox');
  const list = db.prepare<[string, number], DeliveryRow>(
    'SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY at_ms DESC, id DESC LIMIT ?',
  );
  return {
    list: () => all.all().map(hookFromRow),
    get: (id) => {
      const row = getOne.get(id);
      return row ? hookFromRow(row) : undefined;
    },
    insert: (h) => void insert.run(h.id, h.url, h.secret, JSON.stringify(h.events), Math.round(h.createdAtMs)),
    remove: (id) => remove.run(id).changes > 0,
    // A delivery of a webhook deleted meanwhile is dropped (nothing left to show it under).
    logDelivery: (d) => void log.run(toDeliveryRow(d)),
    deliveries: (webhookId, limit = 200) => list.all(webhookId, Math.max(1, Math.min(1000, Math.trunc(limit)))).map(deliveryFromRow),
    purgeDeliveriesBefore: (cutoffMs) => purge.run(Math.round(cutoffMs)).changes,
    enqueue: (entries) => enqueueAll(entries),
    due: (nowMs, limit) => dueRows.all(Math.round(nowMs), limit).map(outboxFromRow),
    nextDueAtMs: () => nextDue.get()?.next ?? undefined,
    reschedule: (webhookId, alertId, attempts, nextAtMs) => void reschedule.run(attempts, Math.round(nextAtMs), webhookId, alertId),
    dequeue: (webhookId, alertId) => void dequeue.run(webhookId, alertId),
    queued: () => queued.get()?.n ?? 0,
  };
}
