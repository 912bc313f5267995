/**
 * Versioned schema. The version lives in SQLite's `user_version` pragma; each migration is an
 * ordered list of SQL steps applied, with the version bump, in one transaction.
 * Append new migrations at the end (a journal table, retention settings...); never edit old ones.
 */
import type Database from 'better-sqlite3';
import { VigieError } from '../core/errors.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly steps: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'alerts',
    steps: [
      `CREATE TABLE alerts (
        id              TEXT PRIMARY KEY,
        camera_id       TEXT    NOT NULL,
        type            TEXT    NOT NULL,
        t_ms            REAL    NOT NULL,
        frame_wall_ms   INTEGER NOT NULL,
        created_at_ms   INTEGER NOT NULL,
        zone_id         TEXT,
        track_id        INTEGER,
        box_x1          REAL,
        box_y1          REAL,
        box_x2          REAL,
        box_y2          REAL,
        score           REAL    NOT NULL,
        message         TEXT    NOT NULL,
        details         TEXT,
        snapshot_path   TEXT,
        status          TEXT    NOT NULL DEFAULT 'new'
                        CHECK (status IN ('new', 'confirmed', 'false_alarm', 'duplicate')),
        qualified_at_ms INTEGER,
        qualified_by    TEXT,
        note            TEXT,
        CHECK ((box_x1 IS NULL) = (box_y1 IS NULL) AND (box_x1 IS NULL) = (box_x2 IS NULL)
               AND (box_x1 IS NULL) = (box_y2 IS NULL)),
        CHECK (details IS NULL OR json_valid(details))
      ) STRICT`,
      'CREATE INDEX alerts_created ON alerts (created_at_ms)',
      'CREATE INDEX alerts_camera_created ON alerts (camera_id, created_at_ms)',
      'CREATE INDEX alerts_type_created ON alerts (type, created_at_ms)',
    ],
  },
  {
    version: 2,
    name: 'console',
    steps: [
      'ALTER TABLE alerts ADD COLUMN clip_path TEXT',
      'CREATE INDEX alerts_status_created ON alerts (status, created_at_ms)',
      `CREATE TABLE users (
        username      TEXT PRIMARY KEY,
        password_hash TEXT    NOT NULL,
        role          TEXT    NOT NULL CHECK (role IN ('admin', 'supervisor', 'operator', 'auditor')),
        created_at_ms INTEGER NOT NULL
      ) STRICT`,
      `CREATE TABLE sessions (
        token_hash    TEXT PRIMARY KEY,
        username      TEXT    NOT NULL REFERENCES users (username) ON DELETE CASCADE,
        created_at_ms INTEGER NOT NULL,
        expires_at_ms INTEGER NOT NULL
      ) STRICT`,
      'CREATE INDEX sessions_expires ON sessions (expires_at_ms)',
      `CREATE TABLE cameras (
        id            TEXT PRIMARY KEY,
        config        TEXT    NOT NULL CHECK (json_valid(config)),
        position      INTEGER NOT NULL,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
      ) STRICT`,
      'CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT',
      `CREATE TABLE webhooks (
        id            TEXT PRIMARY KEY,
        url           TEXT    NOT NULL,
        secret        TEXT    NOT NULL,
        events        TEXT    NOT NULL CHECK (json_valid(events)),
        created_at_ms INTEGER NOT NULL
      ) STRICT`,
      `CREATE TABLE webhook_deliveries (
        id         INTEGER PRIMARY KEY,
        webhook_id TEXT    NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
        alert_id   TEXT    NOT NULL,
        attempt    INTEGER NOT NULL,
        status     INTEGER,
        ok         INTEGER NOT NULL CHECK (ok IN (0, 1)),
        at_ms      INTEGER NOT NULL,
        error      TEXT
      ) STRICT`,
      'CREATE INDEX webhook_deliveries_hook ON webhook_deliveries (webhook_id, at_ms)',
      `CREATE TABLE camera_status_log (
        id        INTEGER PRIMARY KEY,
        camera_id TEXT    NOT NULL,
        state     TEXT    NOT NULL,
        at_ms     INTEGER NOT NULL,
        reason    TEXT
      ) STRICT`,
      'CREATE INDEX camera_status_log_camera ON camera_status_log (camera_id, at_ms)',
    ],
  },
  {
    version: 3,
    name: 'webhook outbox',
    steps: [
      `CREATE TABLE webhook_outbox (
        webhook_id  TEXT    NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
        alert_id    TEXT    NOT NULL,
        body        TEXT    NOT NULL,
        attempts    INTEGER NOT NULL DEFAULT 0,
        next_at_ms  INTEGER NOT NULL,
        PRIMARY KEY (webhook_id, alert_id)
      ) STRICT`,
      'CREATE INDEX webhook_outbox_due ON webhook_outbox (next_at_ms)',
    ],
  },
  {
    version: 4,
    name: 'journal',
    steps: [
      `CREATE TABLE journal (
        seq      INTEGER PRIMARY KEY AUTOINCREMENT,
        at_ms    INTEGER NOT NULL,
        actor    TEXT,
        action   TEXT    NOT NULL,
        target   TEXT,
        details  TEXT    CHECK (details IS NULL OR json_valid(details)),
        prev     TEXT    NOT NULL,
        hash     TEXT    NOT NULL
      ) STRICT`,
      'CREATE INDEX journal_at ON journal (at_ms)',
      'CREATE INDEX journal_actor ON journal (actor, at_ms)',
    ],
  },
  {
    // Usernames are case-insensitive: `Admin` and `admin` are one account. Accounts that differ
    // only by case from an older one are renamed `<name>~<created>-<random>` (their sessions end)
    // so that the unique index can be built; an admin then removes them.
    version: 5,
    name: 'usernames_nocase',
    steps: [
      `DELETE FROM sessions WHERE username IN (SELECT username FROM users WHERE EXISTS (SELECT 1 FROM users o WHERE o.username = users.username COLLATE NOCASE
          AND (o.created_at_ms < users.created_at_ms OR (o.created_at_ms = users.created_at_ms AND o.username < users.username))))`,
      `UPDATE users SET username = username || '~' || created_at_ms || '-' || lower(hex(randomblob(4))) WHERE EXISTS (SELECT 1 FROM users o WHERE o.username = users.username COLLATE NOCASE
          AND (o.created_at_ms < users.created_at_ms OR (o.created_at_ms = users.created_at_ms AND o.username < users.username)))`,
      'CREATE UNIQUE INDEX users_username_nocase ON users (username COLLATE NOCASE)',
    ],
  },
  {
    version: 6,
    name: 'alert decisions',
    steps: [
      // Every qualification and correction of an alert, never updated nor deleted with its alert's
      // decision: the alerts row holds the current status, this table how it got there.
      `CREATE TABLE alert_decisions (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        alert_id    TEXT    NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
        at_ms       INTEGER NOT NULL,
        by          TEXT    NOT NULL,
        from_status TEXT    NOT NULL CHECK (from_status IN ('new', 'confirmed', 'false_alarm', 'duplicate')),
        to_status   TEXT    NOT NULL CHECK (to_status IN ('confirmed', 'false_alarm', 'duplicate')),
        note        TEXT,
        correction  INTEGER NOT NULL CHECK (correction IN (0, 1))
      ) STRICT`,
      'CREATE INDEX alert_decisions_alert ON alert_decisions (alert_id, seq)',
      // The decisions taken before this table: the one qualification each alert kept.
      `INSERT INTO alert_decisions (alert_id, at_ms, by, from_status, to_status, note, correction)
       SELECT id, qualified_at_ms, qualified_by, 'new', status, note, 0 FROM alerts
       WHERE status <> 'new' AND qualified_at_ms IS NOT NULL AND qualified_by IS NOT NULL
       ORDER BY qualified_at_ms, id`,
    ],
  },
  {
    version: 7,
    name: 'system alerts',
    steps: [
      `CREATE TABLE system_alerts (
        id             TEXT    PRIMARY KEY,
        kind           TEXT    NOT NULL,
        target         TEXT,
        message        TEXT    NOT NULL,
        raised_at_ms   INTEGER NOT NULL,
        cleared_at_ms  INTEGER
      ) STRICT`,
      'CREATE INDEX system_alerts_open ON system_alerts (cleared_at_ms, raised_at_ms)',
    ],
  },
  {
    // One row per delivery (a webhook and an alert, or a test): its id is the X-Vigie-Delivery header,
    // the same at every attempt and re-send; the outbox becomes its pending rows, the attempt log
    // keeps every try. Accounts get a disabled mark and their last sign-in.
    version: 8,
    name: 'webhook deliveries, account state',
    steps: [
      'DROP INDEX webhook_deliveries_hook',
      'ALTER TABLE webhook_deliveries RENAME TO webhook_attempts',
      'ALTER TABLE webhook_attempts ADD COLUMN delivery_id TEXT',
      'CREATE INDEX webhook_attempts_hook ON webhook_attempts (webhook_id, at_ms)',
      'CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, at_ms)',
      `CREATE TABLE webhook_deliveries (
        id            TEXT PRIMARY KEY,
        webhook_id    TEXT    NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
        alert_id      TEXT,
        event         TEXT    NOT NULL CHECK (event IN ('alert', 'test')),
        body          TEXT    NOT NULL,
        state         TEXT    NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
        attempts      INTEGER NOT NULL DEFAULT 0,
        next_at_ms    INTEGER,
        last_status   INTEGER,
        last_error    TEXT,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL,
        CHECK ((state = 'pending') = (next_at_ms IS NOT NULL)),
        CHECK ((event = 'alert') = (alert_id IS NOT NULL))
      ) STRICT`,
      'CREATE UNIQUE INDEX webhook_deliveries_alert ON webhook_deliveries (webhook_id, alert_id) WHERE alert_id IS NOT NULL',
      "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_at_ms) WHERE state = 'pending'",
      'CREATE INDEX webhook_deliveries_hook ON webhook_deliveries (webhook_id, created_at_ms)',
      `INSERT INTO webhook_deliveries (id, webhook_id, alert_id, event, body, state, attempts, next_at_ms, created_at_ms, updated_at_ms)
       SELECT lower(hex(randomblob(16))), webhook_id, alert_id, 'alert', body, 'pending', attempts, next_at_ms, next_at_ms, next_at_ms
       FROM webhook_outbox`,
      'DROP TABLE webhook_outbox',
      'ALTER TABLE users ADD COLUMN disabled_at_ms INTEGER',
      'ALTER TABLE users ADD COLUMN last_login_at_ms INTEGER',
    ],
  },
  {
    // The journal proves itself: the server signs its chain head (Ed25519, the key in the data
    // folder, not here) every so many entries, every minute and at a clean stop, and each retention
    // purge leaves a signed boundary (the last entry purged). `payload` is the exact JSON text signed.
    version: 9,
    name: 'journal checkpoints',
    steps: [
      `CREATE TABLE journal_checkpoints (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        kind      TEXT    NOT NULL CHECK (kind IN ('start', 'head', 'purge')),
        seq       INTEGER NOT NULL,
        at_ms     INTEGER NOT NULL,
        key_fp    TEXT    NOT NULL,
        payload   TEXT    NOT NULL CHECK (json_valid(payload)),
        signature TEXT    NOT NULL
      ) STRICT`,
      'CREATE INDEX journal_checkpoints_seq ON journal_checkpoints (seq)',
    ],
  },
  {
    // Decree 2023-828: who may view alerts and live video. One habilitation per account (a new grant
    // replaces it, a withdrawal is kept on it), every training followed; both go with the account.
    // The journal keeps each change with its before and after.
    version: 10,
    name: 'habilitations and trainings',
    steps: [
      `CREATE TABLE habilitations (
        username        TEXT PRIMARY KEY REFERENCES users (username) ON DELETE CASCADE,
        authority       TEXT    NOT NULL,
        reference       TEXT    NOT NULL,
        granted_at_ms   INTEGER NOT NULL,
        expires_at_ms   INTEGER,
        recorded_at_ms  INTEGER NOT NULL,
        recorded_by     TEXT    NOT NULL,
        withdrawn_at_ms INTEGER,
        withdrawn_by    TEXT,
        withdrawn_why   TEXT,
        CHECK ((withdrawn_at_ms IS NULL) = (withdrawn_by IS NULL) AND (withdrawn_at_ms IS NULL) = (withdrawn_why IS NULL)),
        CHECK (expires_at_ms IS NULL OR expires_at_ms > granted_at_ms)
      ) STRICT`,
      `CREATE TABLE trainings (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        username       TEXT    NOT NULL REFERENCES users (username) ON DELETE CASCADE,
        kind           TEXT    NOT NULL CHECK (kind IN ('data_protection', 'tool_use')),
        at_ms          INTEGER NOT NULL,
        trainer        TEXT    NOT NULL,
        reference      TEXT,
        recorded_at_ms INTEGER NOT NULL,
        recorded_by    TEXT    NOT NULL
      ) STRICT`,
      'CREATE INDEX trainings_user ON trainings (username, at_ms)',
    ],
  },
  {
    // The prefectoral orders that authorise the analysis (cameras, event types, a time window),
    // revoked but never deleted, and the kill switches (global, per authorisation, per camera),
    // released but never deleted. expiry_noted_at_ms: when the server journaled its expiry (once).
    version: 11,
    name: 'authorisations, kill switches',
    steps: [
      `CREATE TABLE authorisations (
        id                 TEXT PRIMARY KEY,
        reference          TEXT    NOT NULL,
        authority          TEXT    NOT NULL,
        perimeter          TEXT    NOT NULL,
        camera_ids         TEXT    NOT NULL CHECK (json_valid(camera_ids) AND json_type(camera_ids) = 'array'),
        events             TEXT    NOT NULL CHECK (json_valid(events) AND json_type(events) = 'array'),
        start_ms           INTEGER NOT NULL,
        end_ms             INTEGER NOT NULL,
        demo               INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
        created_at_ms      INTEGER NOT NULL,
        created_by         TEXT    NOT NULL,
        updated_at_ms      INTEGER NOT NULL,
        updated_by         TEXT    NOT NULL,
        revoked_at_ms      INTEGER,
        revoked_by         TEXT,
        revoked_why        TEXT,
        expiry_noted_at_ms INTEGER,
        CHECK (end_ms > start_ms),
        CHECK ((revoked_at_ms IS NULL) = (revoked_by IS NULL) AND (revoked_at_ms IS NULL) = (revoked_why IS NULL))
      ) STRICT`,
      'CREATE INDEX authorisations_window ON authorisations (end_ms, start_ms)',
      `CREATE TABLE kill_switches (
        id             TEXT PRIMARY KEY,
        scope          TEXT    NOT NULL CHECK (scope IN ('global', 'authorisation', 'camera')),
        target_id      TEXT,
        engaged_at_ms  INTEGER NOT NULL,
        engaged_by     TEXT    NOT NULL,
        engaged_why    TEXT    NOT NULL,
        released_at_ms INTEGER,
        released_by    TEXT,
        released_why   TEXT,
        CHECK ((scope = 'global') = (target_id IS NULL)),
        CHECK ((released_at_ms IS NULL) = (released_by IS NULL) AND (released_at_ms IS NULL) = (released_why IS NULL))
      ) STRICT`,
      // At most one engaged switch per scope and target.
      "CREATE UNIQUE INDEX kill_switches_engaged ON kill_switches (scope, COALESCE(target_id, '')) WHERE released_at_ms IS NULL",
    ],
  },
  {
    // Events the system missed, declared by an operator or a supervisor: the evaluation report
    // (decree 2023-828) counts them beside the signals raised.
    version: 12,
    name: 'missed events',
    steps: [
      `CREATE TABLE missed_events (
        id             TEXT    PRIMARY KEY,
        camera_id      TEXT    NOT NULL,
        type           TEXT    NOT NULL,
        at_ms          INTEGER NOT NULL,
        declared_by    TEXT    NOT NULL,
        declared_at_ms INTEGER NOT NULL,
        note           TEXT
      ) STRICT`,
      'CREATE INDEX missed_events_at ON missed_events (at_ms)',
    ],
  },
];

export const LATEST_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the schema to the latest version. Returns the versions before and after. */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
): { fromVersion: number; toVersion: number } {
  const fromVersion = schemaVersion(db);
  const latest = migrations.reduce((v, m) => Math.max(v, m.version), 0);
  if (fromVersion > latest) {
    throw new VigieError(
      'STORE_FAILED',
      `database schema version ${fromVersion} is newer than this Vigie knows (${latest}); upgrade Vigie`,
    );
  }
  const pending = migrations.filter((m) => m.version > fromVersion).sort((a, b) => a.version - b.version);
  for (const m of pending) {
    db.transaction(() => {
      for (const sql of m.steps) db.exec(sql);
      db.pragma(`user_version = ${Math.trunc(m.version)}`);
    })();
  }
  return { fromVersion, toVersion: schemaVersion(db) };
}
