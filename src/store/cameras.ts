/**
 * Camera configurations persisted in the database, so the console's changes apply without a
 * restart and survive one. A config file seeds them once, on the first start.
 */
import type Database from 'better-sqlite3';
import { cameraSchema, type CameraConfig } from '../config/schema.ts';
import { formatIssues } from '../config/issues.ts';
import { errorMessage } from '../core/errors.ts';

export interface InvalidCamera {
  readonly id: string;
  readonly reason: string;
}

export interface CameraList {
  readonly cameras: CameraConfig[];
  /** Rows that no longer pass the schema (written by another version): kept, reported, not run. */
  readonly invalid: InvalidCamera[];
}

export interface CameraStore {
  list(): CameraList;
  get(id: string): CameraConfig | undefined;
  /** Adds a camera at the end; false when the id is taken. */
  insert(camera: CameraConfig, nowMs: number): boolean;
  /** Replaces a camera's config; false when there is no such camera. */
  update(camera: CameraConfig, nowMs: number): boolean;
  remove(id: string): boolean;
  /** Inserts the cameras once per `key` (the first start); later calls do nothing. Returns how many were added. */
  seedOnce(key: string, cameras: readonly CameraConfig[], nowMs: number): number;
  /** Inserts the cameras whose id is not there yet. Returns how many were added. */
  addMissing(cameras: readonly CameraConfig[], nowMs: number): number;
}

interface CameraRow {
  id: string;
  config: string;
}

function parseRow(row: CameraRow): { ok: true; camera: CameraConfig } | { ok: false; reason: string } {
  try {
    const parsed = cameraSchema.safeParse(JSON.parse(row.config));
    if (parsed.success) return { ok: true, camera: parsed.data };
    return { ok: false, reason: formatIssues(parsed.error.issues).join('; ') };
  } catch (err) {
    return { ok: false, reason: `stored config is not JSON: ${errorMessage(err)}` };
  }
}

export function createCameraStore(db: Database.Database): CameraStore {
  const all = db.prepare<[], CameraRow>('SELECT id, config FROM cameras ORDER BY position, id');
  const getOne = db.prepare<[string], CameraRow>('SELECT id, config FROM cameras WHERE id = ?');
  const insert = db.prepare<[string, string, number, number]>(
    `INSERT INTO cameras (id, config, position, created_at_ms, updated_at_ms)
     VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM cameras), ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  const update = db.prepare<[string, number, string]>('UPDATE cameras SET config = ?, updated_at_ms = ? WHERE id = ?');
  const remove = db.prepare<[string]>('DELETE FROM cameras WHERE id = ?');
  const getSetting = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const setSetting = db.prepare<[string, string]>('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)');

  const put = (c: CameraConfig, nowMs: number): boolean =>
    insert.run(c.id, JSON.stringify(c), Math.round(nowMs), Math.round(nowMs)).changes > 0;
  const addMissing = db.transaction((cams: readonly CameraConfig[], nowMs: number) => cams.filter((c) => put(c, nowMs)).length);
  const seedOnce = db.transaction((key: string, cams: readonly CameraConfig[], nowMs: number) => {
    if (getSetting.get(key)) return 0;
    setSetting.run(key, String(Math.round(nowMs)));
    return addMissing(cams, nowMs);
  });

  return {
    list: () => {
      const out: CameraList = { cameras: [], invalid: [] };
      for (const row of all.all()) {
        const r = parseRow(row);
        if (r.ok) out.cameras.push(r.camera);
        else out.invalid.push({ id: row.id, reason: r.reason });
      }
      return out;
    },
    get: (id) => {
      const row = getOne.get(id);
      const r = row ? parseRow(row) : undefined;
      return r?.ok ? r.camera : undefined;
    },
    insert: put,
    update: (c, nowMs) => update.run(JSON.stringify(c), Math.round(nowMs), c.id).changes > 0,
    remove: (id) => remove.run(id).changes > 0,
    seedOnce: (key, cams, nowMs) => seedOnce(key, cams, nowMs),
    addMissing: (cams, nowMs) => addMissing(cams, nowMs),
  };
}
