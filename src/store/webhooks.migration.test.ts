import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from './migrations.ts';
import { createWebhookStore } from './webhooks.ts';

let db: Database.Database | undefined;
afterEach(() => db?.close());

it('migration 8 turns the outbox into pending deliveries and keeps the attempt log', () => {
  db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.filter((m) => m.version <= 4));
  db.exec(`INSERT INTO webhooks (id, url, secret, events, created_at_ms) VALUES ('w', 'https://rx.example/w', 's', '[]', 0)`);
  db.exec(`INSERT INTO webhook_outbox (webhook_id, alert_id, body, attempts, next_at_ms) VALUES ('w', 'a1', '{"id":"a1"}', 2, 5000)`);
  db.exec(`INSERT INTO webhook_deliveries (webhook_id, alert_id, attempt, status, ok, at_ms, error) VALUES ('w', 'a1', 2, 500, 0, 4000, 'HTTP 500')`);
  migrate(db);
  const hooks = createWebhookStore(db);
  const [d] = hooks.deliveries('w');
  expect(d).toMatchObject({ webhookId: 'w', event: 'alert', alertId: 'a1', body: '{"id":"a1"}', state: 'pending', attempts: 2, nextAtMs: 5000 });
  expect(d!.id).toMatch(/^[0-9a-f]{32}$/);
  expect(hooks.due(5000, 10).map((x) => x.id)).toEqual([d!.id]);
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
  expect(tables).not.toContain('webhook_outbox');
  expect(db.prepare('SELECT attempt, status, error FROM webhook_attempts').all()).toEqual([{ attempt: 2, status: 500, error: 'HTTP 500' }]);
  const cols = (db.prepare('PRAGMA table_info(users)').all() as { name: string }[]).map((c) => c.name);
  expect(cols).toEqual(expect.arrayContaining(['disabled_at_ms', 'last_login_at_ms']));
});
