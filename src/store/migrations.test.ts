import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { VigieError } from '../core/errors.ts';
import { LATEST_VERSION, MIGRATIONS, type Migration, migrate, schemaVersion } from './migrations.ts';

const tableNames = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );

describe('migrate', () => {
  let db: Database.Database;
  afterEach(() => db?.close());

  it('brings an empty database to the latest version', () => {
    db = new Database(':memory:');
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db)).toEqual({ fromVersion: 0, toVersion: LATEST_VERSION });
    expect(tableNames(db)).toContain('alerts');
    expect(migrate(db)).toEqual({ fromVersion: LATEST_VERSION, toVersion: LATEST_VERSION });
  });

  it('applies only the pending migrations, in order', () => {
    db = new Database(':memory:');
    migrate(db);
    const next: Migration[] = [
      ...MIGRATIONS,
      { version: LATEST_VERSION + 2, name: 'b', steps: ['ALTER TABLE t ADD COLUMN b TEXT'] },
      { version: LATEST_VERSION + 1, name: 'a', steps: ['CREATE TABLE t (a TEXT)'] },
    ];
    expect(migrate(db, next)).toEqual({ fromVersion: LATEST_VERSION, toVersion: LATEST_VERSION + 2 });
    const cols = (db.prepare('PRAGMA table_info(t)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(['a', 'b']);
  });

  it('rolls back a migration whose step fails, keeping the version', () => {
    db = new Database(':memory:');
    migrate(db);
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: LATEST_VERSION + 1, name: 'broken', steps: ['CREATE TABLE half (a TEXT)', 'NOT SQL AT ALL'] },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(tableNames(db)).not.toContain('half');
  });

  it('refuses a database written by a newer schema', () => {
    db = new Database(':memory:');
    db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    const err = (() => {
      try {
        migrate(db);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(VigieError);
    expect((err as VigieError).code).toBe('STORE_FAILED');
  });
});

describe('alerts table constraints', () => {
  it.each([
    ['an unknown status', "status = 'maybe'"],
    ['a partial box', 'box_x2 = NULL'],
    ['details that are not JSON', "details = 'not json'"],
  ])('rejects %s', (_name, set) => {
    const db = new Database(':memory:');
    migrate(db);
    db.exec(`INSERT INTO alerts (id, camera_id, type, t_ms, frame_wall_ms, created_at_ms, box_x1, box_y1, box_x2, box_y2,
      score, message) VALUES ('a', 'c', 'intrusion', 0, 0, 0, 0.1, 0.1, 0.2, 0.2, 0.9, 'm')`);
    expect(() => db.exec(`UPDATE alerts SET ${set} WHERE id = 'a'`)).toThrow(/constraint/i);
    db.close();
  });
});
