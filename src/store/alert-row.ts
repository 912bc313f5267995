/** Alert <-> row of the `alerts` table. Only what, where and when: box, type, zone, track number. */
import type { Alert, EventType } from '../core/types.ts';
import type { AlertStatus, StoredAlert } from './types.ts';

export interface AlertRow {
  id: string;
  camera_id: string;
  type: string;
  t_ms: number;
  frame_wall_ms: number;
  created_at_ms: number;
  zone_id: string | null;
  track_id: number | null;
  box_x1: number | null;
  box_y1: number | null;
  box_x2: number | null;
  box_y2: number | null;
  score: number;
  message: string;
  details: string | null;
  snapshot_path: string | null;
  status: string;
  qualified_at_ms: number | null;
  qualified_by: string | null;
  note: string | null;
  clip_path: string | null;
  /** 1 when retention deleted its media (computed by ALERT_COLUMNS, not stored). */
  media_purged?: number | null;
}

/** The settings key holding the wall-clock time before which alerts' media were purged (store.ts). */
export const MEDIA_PURGED_BEFORE_KEY = 'retention.media_purged_before_ms';

/**
 * The columns to select an alert with: the table's, and whether retention purged its media (no
 * snapshot nor clip left, created before the media purge boundary). Every query that reads an
 * alert back selects these.
 */
export const ALERT_COLUMNS = `alerts.*, (snapshot_path IS NULL AND clip_path IS NULL AND created_at_ms <
  (SELECT CAST(value AS INTEGER) FROM settings WHERE key = '${MEDIA_PURGED_BEFORE_KEY}')) AS media_purged`;

/** The columns written on insert (the qualification columns keep their defaults). */
export type AlertInsertRow = Omit<AlertRow, 'status' | 'qualified_at_ms' | 'qualified_by' | 'note' | 'clip_path'>;

export function toRow(a: Alert): AlertInsertRow {
  return {
    id: a.id,
    camera_id: a.cameraId,
    type: a.type,
    t_ms: a.tMs,
    frame_wall_ms: Math.round(a.frameWallMs),
    created_at_ms: Math.round(a.createdAtMs),
    zone_id: a.zoneId ?? null,
    track_id: a.trackId ?? null,
    box_x1: a.box?.x1 ?? null,
    box_y1: a.box?.y1 ?? null,
    box_x2: a.box?.x2 ?? null,
    box_y2: a.box?.y2 ?? null,
    score: a.score,
    message: a.message,
    details: a.details ? JSON.stringify(a.details) : null,
    snapshot_path: a.snapshotPath ?? null,
  };
}

function parseDetails(json: string): Record<string, number | string> {
  const parsed: unknown = JSON.parse(json);
  const out: Record<string, number | string> = {};
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'number' || typeof v === 'string') out[k] = v;
  }
  return out;
}

export function fromRow(r: AlertRow): StoredAlert {
  const hasBox = r.box_x1 !== null && r.box_y1 !== null && r.box_x2 !== null && r.box_y2 !== null;
  return {
    id: r.id,
    cameraId: r.camera_id,
    type: r.type as EventType,
    tMs: r.t_ms,
    frameWallMs: r.frame_wall_ms,
    createdAtMs: r.created_at_ms,
    ...(r.zone_id !== null ? { zoneId: r.zone_id } : {}),
    ...(r.track_id !== null ? { trackId: r.track_id } : {}),
    ...(hasBox ? { box: { x1: r.box_x1!, y1: r.box_y1!, x2: r.box_x2!, y2: r.box_y2! } } : {}),
    score: r.score,
    message: r.message,
    ...(r.details !== null ? { details: parseDetails(r.details) } : {}),
    ...(r.snapshot_path !== null ? { snapshotPath: r.snapshot_path } : {}),
    status: r.status as AlertStatus,
    ...(r.qualified_at_ms !== null ? { qualifiedAtMs: r.qualified_at_ms } : {}),
    ...(r.qualified_by !== null ? { qualifiedBy: r.qualified_by } : {}),
    ...(r.note !== null ? { note: r.note } : {}),
    ...(r.qualified_at_ms !== null ? { ackSeconds: ackSeconds(r.created_at_ms, r.qualified_at_ms) } : {}),
    ...(r.clip_path != null ? { clipPath: r.clip_path } : {}),
    ...(r.media_purged === 1 ? { mediaPurged: true as const } : {}),
  };
}

/** Seconds from the alert's creation to its qualification, rounded to 0.1 s (never negative). */
export function ackSeconds(createdAtMs: number, qualifiedAtMs: number): number {
  return Math.max(0, Math.round((qualifiedAtMs - createdAtMs) / 100) / 10);
}
