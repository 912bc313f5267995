import type { Alert, EventType } from '../core/types.ts';

/** Operator qualification of an alert. Every alert starts as `new`. */
export const ALERT_STATUSES = ['new', 'confirmed', 'false_alarm', 'duplicate'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** An alert as read back from the store, with its qualification. */
export interface StoredAlert extends Alert {
  readonly status: AlertStatus;
  readonly qualifiedAtMs?: number;
  /** Operator account that qualified it (an account id, never a person's attribute). */
  readonly qualifiedBy?: string;
  readonly note?: string;
  /** Seconds from creation to qualification (set with qualifiedAtMs). */
  readonly ackSeconds?: number;
  /** The evidence clip (H.264 MP4), relative to the media folder, once encoded. */
  readonly clipPath?: string;
  /** Its snapshot and clip were deleted by retention (retention.mediaDays); the alert itself is kept. */
  readonly mediaPurged?: true;
}

/** Filter for listAlerts. Times are wall-clock ms on `createdAtMs`: since inclusive, until exclusive. */
export interface AlertFilter {
  readonly cameraId?: string;
  readonly type?: EventType;
  readonly status?: AlertStatus;
  readonly sinceMs?: number;
  readonly untilMs?: number;
  /** At most this many alerts, newest first. Default 100, clamped to 1..10000. */
  readonly limit?: number;
}

export interface PurgeResult {
  /** Alert rows deleted. */
  readonly alerts: number;
  /** Decisions on them, deleted with them. */
  readonly decisions: number;
  /** Snapshot and clip files deleted. */
  readonly files: number;
  /** Snapshot files that could not be deleted (the rows are gone all the same). */
  readonly fileFailures: readonly { readonly path: string; readonly reason: string }[];
}

export interface MediaPurgeResult {
  /** Alerts whose snapshot or clip was removed (the rows stay, marked mediaPurged). */
  readonly alerts: number;
  /** Snapshot and clip files deleted. */
  readonly files: number;
  /** Files that could not be deleted (the alerts no longer point at them all the same). */
  readonly fileFailures: readonly { readonly path: string; readonly reason: string }[];
}

export interface Store {
  /** The folder that holds `vigie.db` and `media/`. */
  readonly dir: string;
  /** Where snapshots go; an alert's `snapshotPath` is relative to it. */
  readonly mediaDir: string;
  insertAlert(alert: Alert): void;
  listAlerts(filter?: AlertFilter): StoredAlert[];
  getAlert(id: string): StoredAlert | undefined;
  /** Points the alerts at their evidence clip (relative to the media folder). */
  setClipPath(ids: readonly string[], relPath: string): void;
  /** Deletes the alerts created before `ms` (wall clock), their decisions, and their snapshot and clip files. */
  purgeBefore(ms: number): PurgeResult;
  /**
   * Deletes the snapshot and clip files of the alerts created before `ms` and clears their paths;
   * the alerts stay, read back with `mediaPurged`. A clip still used by a newer alert is kept.
   */
  purgeMediaBefore(ms: number): MediaPurgeResult;
  close(): void;
}

/** Dashboard counts of one event type over a window. */
export interface TypeStats {
  readonly total: number;
  readonly confirmed: number;
  readonly falseAlarm: number;
  readonly duplicate: number;
  /** Not qualified yet. */
  readonly pending: number;
  /** confirmed / (confirmed + falseAlarm); null before any of them. */
  readonly precision: number | null;
}
