import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Alert } from '../core/types.ts';
import { toRow } from './alert-row.ts';
import { openConsoleStore, type ConsoleStore } from './console-store.ts';
import { refusal } from './decisions.ts';
import { MIGRATIONS, migrate } from './migrations.ts';
import type { AlertStatus } from './types.ts';

const T0 = 1_700_000_000_000;
const alert = (n: number): Alert => ({
  id: `a${n}`,
  cameraId: 'front',
  type: 'intrusion',
  tMs: n * 1000,
  frameWallMs: T0 + n * 1000,
  createdAtMs: T0 + n * 1000,
  score: 0.8,
  message: `alert ${n}`,
});

describe('refusal', () => {
  const rows: readonly [AlertStatus, boolean, ReturnType<typeof refusal>][] = [
    // current status, correction?, refused because
    ['new', false, undefined],
    ['confirmed', false, 'already_qualified'],
    ['false_alarm', false, 'already_qualified'],
    ['duplicate', false, 'already_qualified'],
    ['new', true, 'not_qualified'],
    ['confirmed', true, undefined],
    ['false_alarm', true, undefined],
  ];
  it.each(rows)('status %s, correction %s -> %s', (status, correction, expected) => {
    expect(refusal(status, correction)).toBe(expected);
  });
});

describe('decision store', () => {
  let dir: string;
  let store: ConsoleStore;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vigie-decisions-'));
    store = openConsoleStore({ dir });
    store.alerts.insertAlert(alert(1));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the first decision and refuses a second one, without touching the note', () => {
    const first = store.decisions.decide('a1', { status: 'confirmed', by: 'olga', atMs: T0 + 5000, note: 'patrol sent', correction: false });
    expect(first).toMatchObject({ kind: 'decided', alert: { status: 'confirmed', qualifiedBy: 'olga', note: 'patrol sent', ackSeconds: 4 } });
    const second = store.decisions.decide('a1', { status: 'false_alarm', by: 'oscar', atMs: T0 + 9000, correction: false });
    expect(second).toMatchObject({ kind: 'already_qualified', alert: { status: 'confirmed', note: 'patrol sent' }, last: { by: 'olga', atMs: T0 + 5000 } });
    expect(store.alerts.getAlert('a1')).toMatchObject({ status: 'confirmed', qualifiedBy: 'olga', note: 'patrol sent' });
    expect(store.decisions.history('a1')).toHaveLength(1);
    expect(store.decisions.decide('zz', { status: 'confirmed', by: 'olga', atMs: T0, correction: false }).kind).toBe('not_found');
  });

  it('a decision on an alert whose images were purged by retention returns it still marked purged', () => {
    store.alerts.purgeMediaBefore(T0 + 5000);
    const r = store.decisions.decide('a1', { status: 'confirmed', by: 'olga', atMs: T0 + 6000, correction: false });
    expect(r).toMatchObject({ kind: 'decided', alert: { id: 'a1', mediaPurged: true } });
  });

  it('a correction changes the status, keeps the first decision and both in the history and the journal', () => {
    expect(store.decisions.decide('a1', { status: 'confirmed', by: 'sam', atMs: T0, correction: true }).kind).toBe('not_qualified');
    store.decisions.decide('a1', { status: 'confirmed', by: 'olga', atMs: T0 + 5000, note: 'patrol sent', correction: false });
    const fixed = store.decisions.decide('a1', { status: 'false_alarm', by: 'sam', atMs: T0 + 60_000, note: 'a shadow, seen on the clip', correction: true });
    expect(fixed).toMatchObject({ kind: 'decided', alert: { status: 'false_alarm', qualifiedBy: 'olga', qualifiedAtMs: T0 + 5000, note: 'patrol sent' } });
    expect(store.decisions.history('a1').map(({ by, fromStatus, toStatus, note, correction }) => ({ by, fromStatus, toStatus, note, correction }))).toEqual([
      { by: 'olga', fromStatus: 'new', toStatus: 'confirmed', note: 'patrol sent', correction: false },
      { by: 'sam', fromStatus: 'confirmed', toStatus: 'false_alarm', note: 'a shadow, seen on the clip', correction: true },
    ]);
    // The journal holds the whole decision: previous and new status, the note as written.
    const journaled = store.journal.list({ action: 'alert.' }).map((e) => [e.actor, e.action, e.target, e.details?.from, e.details?.to, e.details?.note]);
    expect(journaled).toEqual([
      ['sam', 'alert.correct', 'a1', 'confirmed', 'false_alarm', 'a shadow, seen on the clip'],
      ['olga', 'alert.qualify', 'a1', 'new', 'confirmed', 'patrol sent'],
    ]);
    expect(store.journal.verify().ok).toBe(true);
  });
});

describe('migration 6', () => {
  it('moves the decisions taken before it into the history', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.filter((m) => m.version < 6));
    const insert = db.prepare(`INSERT INTO alerts (id, camera_id, type, t_ms, frame_wall_ms, created_at_ms, zone_id, track_id,
      box_x1, box_y1, box_x2, box_y2, score, message, details, snapshot_path)
      VALUES (@id, @camera_id, @type, @t_ms, @frame_wall_ms, @created_at_ms, @zone_id, @track_id,
      @box_x1, @box_y1, @box_x2, @box_y2, @score, @message, @details, @snapshot_path)`);
    insert.run(toRow(alert(1)));
    insert.run(toRow(alert(2)));
    db.prepare("UPDATE alerts SET status = 'duplicate', qualified_at_ms = ?, qualified_by = 'olga', note = 'same person' WHERE id = 'a2'").run(T0 + 9000);
    migrate(db);
    expect(db.prepare('SELECT alert_id, by, from_status, to_status, note, correction FROM alert_decisions').all()).toEqual([
      { alert_id: 'a2', by: 'olga', from_status: 'new', to_status: 'duplicate', note: 'same person', correction: 0 },
    ]);
    db.close();
  });
});
