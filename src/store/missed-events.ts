/**
 * Events the system missed (migration 12): an operator or a supervisor declares what happened that
 * no signal reported (camera, event type, approximate time, note). The evaluation report counts them.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';

export interface MissedEvent {
  readonly id: string;
  readonly cameraId: string;
  readonly type: string;
  /** Approximate time of the event. */
  readonly atMs: number;
  readonly declaredBy: string;
  readonly declaredAtMs: number;
  readonly note?: string;
}

export type MissedEventInput = Omit<MissedEvent, 'id'>;

export interface MissedEventStore {
  declare(e: MissedEventInput): MissedEvent;
  /** Events whose time is in [sinceMs, untilMs), oldest first. */
  list(sinceMs: number, untilMs: number): MissedEvent[];
}

interface Row {
  id: string;
  camera_id: string;
  type: string;
  at_ms: number;
  declared_by: string;
  declared_at_ms: number;
  note: string | null;
}

const fromRow = (r: Row): MissedEvent => ({
  id: r.id,
  cameraId: r.camera_id,
  type: r.type,
  atMs: r.at_ms,
  declaredBy: r.declared_by,
  declaredAtMs: r.declared_at_ms,
  ...(r.note !== null ? { note: r.note } : {}),
});

export function createMissedEventStore(db: Database.Database): MissedEventStore {
  const insert = db.prepare<[string, string, string, number, string, number, string | null]>(
    'INSERT INTO missed_events (id, camera_id, type, at_ms, declared_by, declared_at_ms, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const between = db.prepare<[number, number], Row>('SELECT * FROM missed_events WHERE at_ms >= ? AND at_ms < ? ORDER BY at_ms, id');
  return {
    declare: (e) => {
      const event: MissedEvent = { id: randomUUID(), ...e, atMs: Math.round(e.atMs), declaredAtMs: Math.round(e.declaredAtMs) };
      insert.run(event.id, event.cameraId, event.type, event.atMs, event.declaredBy, event.declaredAtMs, event.note ?? null);
      return event;
    },
    list: (sinceMs, untilMs) => between.all(Math.round(sinceMs), Math.round(untilMs)).map(fromRow),
  };
}
