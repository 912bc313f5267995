/**
 * The SQLite store: `<dir>/vigie.db` (WAL) and `<dir>/media/` for snapshots and clips.
 * One connection, statements prepared once, every failure surfaced as VigieError('STORE_FAILED').
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Alert } from '../core/types.ts';
import { VigieError, errorMessage } from '../core/errors.ts';
import { ALERT_COLUMNS, type AlertRow, MEDIA_PURGED_BEFORE_KEY, fromRow, toRow } from './alert-row.ts';
import { removeMediaFiles } from './media.ts';
import { migrate } from './migrations.ts';
import type { AlertFilter, MediaPurgeResult, PurgeResult, Store } from './types.ts';

export const DB_FILE = 'vigie.db';
export const MEDIA_DIR = 'media';
export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 10_000;
/**
 * Alerts raised within this span share at most one clip (the clip covers a few seconds around them):
 * a purge keeps the files still used by an alert created less than this after its cutoff.
 */
export const SHARED_MEDIA_SPAN_MS = 3_600_000;

export interface StoreOptions {
  readonly dir: string;
}

function fail(what: string, err: unknown): VigieError {
  if (err instanceof VigieError) return err;
  return new VigieError('STORE_FAILED', `${what}: ${errorMessage(err)}`, { cause: err });
}

function guarded<A extends unknown[], R>(what: string, fn: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    try {
      return fn(...args);
    } catch (err) {
      throw fail(what, err);
    }
  };
}

function openDatabase(file: string): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIST_LIMIT;
  return Math.min(MAX_LIST_LIMIT, Math.max(1, Math.trunc(limit)));
}

/** SQL for one shape of filter (which keys are set); the statement is cached per shape. */
function listSql(f: AlertFilter): { key: string; sql: string } {
  const where: string[] = [];
  if (f.cameraId !== undefined) where.push('camera_id = @cameraId');
  if (f.type !== undefined) where.push('type = @type');
  if (f.status !== undefined) where.push('status = @status');
  if (f.sinceMs !== undefined) where.push('created_at_ms >= @sinceMs');
  if (f.untilMs !== undefined) where.push('created_at_ms < @untilMs');
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  return { key: where.join('|'), sql: `SELECT ${ALERT_COLUMNS} FROM alerts ${clause} ORDER BY created_at_ms DESC, id DESC LIMIT @limit` };
}

function listParams(f: AlertFilter): Record<string, string | number> {
  const p: Record<string, string | number> = { limit: clampLimit(f.limit) };
  if (f.cameraId !== undefined) p.cameraId = f.cameraId;
  if (f.type !== undefined) p.type = f.type;
  if (f.status !== undefined) p.status = f.status;
  if (f.sinceMs !== undefined) p.sinceMs = f.sinceMs;
  if (f.untilMs !== undefined) p.untilMs = f.untilMs;
  return p;
}

interface MediaRow {
  id: string;
  snapshot_path: string | null;
  clip_path: string | null;
}

const mediaPaths = (r: MediaRow): string[] => [r.snapshot_path, r.clip_path].filter((p): p is string => p !== null);

/** An open database in `<dir>/vigie.db`, migrated, with `<dir>/media/` created. */
export interface OpenedDatabase {
  readonly db: Database.Database;
  readonly dir: string;
  readonly mediaDir: string;
}

export function openDatabaseDir(dirOpt: string): OpenedDatabase {
  const dir = path.resolve(dirOpt);
  const mediaDir = path.join(dir, MEDIA_DIR);
  const file = path.join(dir, DB_FILE);
  try {
    mkdirSync(mediaDir, { recursive: true });
    return { db: openDatabase(file), dir, mediaDir };
  } catch (err) {
    throw fail(`cannot open the store at ${file}`, err);
  }
}

export function openStore(opts: StoreOptions): Store {
  return createAlertStore(openDatabaseDir(opts.dir));
}

/** The alert store over an open database; close() closes the database. */
export function createAlertStore({ db, dir, mediaDir }: OpenedDatabase): Store {
  const insert = db.prepare(
    `INSERT INTO alerts (id, camera_id, type, t_ms, frame_wall_ms, created_at_ms, zone_id, track_id,
       box_x1, box_y1, box_x2, box_y2, score, message, details, snapshot_path)
     VALUES (@id, @camera_id, @type, @t_ms, @frame_wall_ms, @created_at_ms, @zone_id, @track_id,
       @box_x1, @box_y1, @box_x2, @box_y2, @score, @message, @details, @snapshot_path)`,
  );
  const getOne = db.prepare<[string], AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = ?`);
  const setClip = db.prepare<[string, string]>('UPDATE alerts SET clip_path = ? WHERE id = ?');
  const mediaBefore = db.prepare<[number], MediaRow>(
    `SELECT id, snapshot_path, clip_path FROM alerts
     WHERE created_at_ms < ? AND (snapshot_path IS NOT NULL OR clip_path IS NOT NULL)`,
  );
  const mediaFrom = db.prepare<[number, number], MediaRow>(
    `SELECT id, snapshot_path, clip_path FROM alerts
     WHERE created_at_ms >= ? AND created_at_ms < ? AND (snapshot_path IS NOT NULL OR clip_path IS NOT NULL)`,
  );
  const decisionsBefore = db.prepare<[number], { n: number }>(
    'SELECT COUNT(*) AS n FROM alert_decisions WHERE alert_id IN (SELECT id FROM alerts WHERE created_at_ms < ?)',
  );
  const deleteOld = db.prepare<[number]>('DELETE FROM alerts WHERE created_at_ms < ?');
  const clearMedia = db.prepare<[string]>('UPDATE alerts SET snapshot_path = NULL, clip_path = NULL WHERE id = ?');
  const setBoundary = db.prepare<[string, number]>(
    `INSERT INTO settings (key, value) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET value = MAX(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))`,
  );
  const listStatements = new Map<string, Database.Statement<Record<string, string | number>, AlertRow>>();

  /** The media files of `rows` that no alert created from `ms` on still uses (a shared clip). */
  const unusedPaths = (rows: readonly MediaRow[], ms: number): string[] => {
    const used = new Set(mediaFrom.all(ms, ms + SHARED_MEDIA_SPAN_MS).flatMap(mediaPaths));
    return [...new Set(rows.flatMap(mediaPaths))].filter((p) => !used.has(p));
  };
  const purgeRows = db.transaction((ms: number) => {
    const paths = unusedPaths(mediaBefore.all(ms), ms);
    const decisions = decisionsBefore.get(ms)?.n ?? 0;
    const { changes } = deleteOld.run(ms);
    return { paths, changes, decisions };
  });
  const clearMediaOf = db.transaction((ids: readonly string[], ms: number) => {
    for (const id of ids) clearMedia.run(id);
    setBoundary.run(MEDIA_PURGED_BEFORE_KEY, Math.round(ms));
    return ids.length;
  });
  const setClips = db.transaction((ids: readonly string[], rel: string) => {
    for (const id of ids) setClip.run(rel, id);
  });

  return {
    dir,
    mediaDir,
    insertAlert: guarded('cannot insert the alert', (alert: Alert) => {
      insert.run(toRow(alert));
    }),
    listAlerts: guarded('cannot list alerts', (filter: AlertFilter = {}) => {
      const { key, sql } = listSql(filter);
      let stmt = listStatements.get(key);
      if (!stmt) {
        stmt = db.prepare<Record<string, string | number>, AlertRow>(sql);
        listStatements.set(key, stmt);
      }
      return stmt.all(listParams(filter)).map(fromRow);
    }),
    getAlert: guarded('cannot read the alert', (id: string) => {
      const row = getOne.get(id);
      return row ? fromRow(row) : undefined;
    }),
    setClipPath: guarded('cannot record the clip', (ids: readonly string[], rel: string) => setClips(ids, rel)),
    purgeBefore: guarded('cannot purge alerts', (ms: number): PurgeResult => {
      // Rows first: a crash in between leaves orphan files, never rows pointing at nothing.
      const { paths, changes, decisions } = purgeRows(ms);
      const files = removeMediaFiles(mediaDir, paths);
      return { alerts: changes, decisions, files: files.removed, fileFailures: files.failures };
    }),
    purgeMediaBefore: guarded('cannot purge media', (ms: number): MediaPurgeResult => {
      // Files first: a crash in between leaves paths to files that are gone (cleared at the next
      // run), never a file past its retention. An alert whose file could not be deleted keeps its
      // path, so the next run tries that file again.
      const rows = mediaBefore.all(ms);
      const files = removeMediaFiles(mediaDir, unusedPaths(rows, ms));
      const failed = new Set(files.failures.map((f) => f.path));
      const cleared = rows.filter((r) => !mediaPaths(r).some((p) => failed.has(p))).map((r) => r.id);
      return { alerts: clearMediaOf(cleared, ms), files: files.removed, fileFailures: files.failures };
    }),
    close: () => {
      if (db.open) db.close();
    },
  };
}
