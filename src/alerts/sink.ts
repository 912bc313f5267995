/**
 * The alert sink: the one place every signal passes through. For each rule event it writes the
 * snapshot, then the database row, then tells the listeners (stdout, WebSocket, bus...).
 * Nothing is broadcast that is not stored first.
 */
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Alert, Frame, RuleEvent, Zone } from '../core/types.ts';
import { VigieError, errorMessage } from '../core/errors.ts';
import type { Store } from '../store/types.ts';
import { newAlertId } from './id.ts';
import { SNAPSHOT_QUALITY, snapshotJpeg } from './snapshot.ts';

export interface SinkLogger {
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Where a stored alert came from, when not this process's detector (an alert of a bus worker). */
export interface AlertOrigin {
  /** The detector that raised it (file name, SHA-256). */
  readonly model?: { readonly name: string; readonly sha256?: string };
}

export type AlertListener = (alert: Alert, origin?: AlertOrigin) => void | Promise<void>;

export interface AlertContext {
  readonly cameraId: string;
  readonly frame: Frame;
  readonly zones: readonly Zone[];
}

export interface AlertSinkOptions {
  readonly store: Pick<Store, 'insertAlert' | 'mediaDir'>;
  /** Where snapshots are written; defaults to the store's, which is where purge looks for them. */
  readonly mediaDir?: string;
  readonly logger?: SinkLogger;
  readonly nowMs?: () => number;
  readonly newId?: (nowMs: number) => string;
  readonly jpegQuality?: number;
}

export interface AlertSink {
  /** Stores the event as an alert (snapshot file, then row) and hands it to every listener. */
  emit(event: RuleEvent, ctx: AlertContext): Promise<Alert>;
  /**
   * Stores an alert raised elsewhere (a bus worker: its id, times and event already set) with its
   * snapshot JPEG, written like emit's, and hands it to every listener with its origin.
   */
  accept(alert: Alert, opts?: AlertOrigin & { readonly snapshotJpeg?: Uint8Array }): Promise<Alert>;
  /** Subscribes to every stored alert; returns the unsubscribe function. */
  onAlert(listener: AlertListener): () => void;
}

const consoleLogger: SinkLogger = {
  error: (message, fields) => console.error(`[alerts] ${message}`, fields ?? {}),
};

/** `<camera>/<YYYY-MM-DD>/<id>.jpg`, relative to the media folder, with a filesystem-safe camera part. */
export function snapshotRelPath(cameraId: string, id: string, createdAtMs: number): string {
  const cam = cameraId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || '_';
  const day = new Date(createdAtMs).toISOString().slice(0, 10);
  return `${cam}/${day}/${id}.jpg`;
}

function toAlert(event: RuleEvent, fields: Pick<Alert, 'id' | 'cameraId' | 'frameWallMs' | 'createdAtMs' | 'snapshotPath'>): Alert {
  return {
    id: fields.id,
    cameraId: fields.cameraId,
    type: event.type,
    tMs: event.tMs,
    frameWallMs: fields.frameWallMs,
    createdAtMs: fields.createdAtMs,
    ...(event.zoneId !== undefined ? { zoneId: event.zoneId } : {}),
    ...(event.trackId !== undefined ? { trackId: event.trackId } : {}),
    ...(event.box !== undefined ? { box: event.box } : {}),
    score: event.score,
    message: event.message,
    ...(event.details !== undefined ? { details: event.details } : {}),
    ...(fields.snapshotPath !== undefined ? { snapshotPath: fields.snapshotPath } : {}),
  };
}

export function createAlertSink(opts: AlertSinkOptions): AlertSink {
  const { store } = opts;
  const mediaDir = path.resolve(opts.mediaDir ?? store.mediaDir);
  const log = opts.logger ?? consoleLogger;
  const now = opts.nowMs ?? Date.now;
  const newId = opts.newId ?? ((ms: number) => newAlertId(ms));
  const quality = opts.jpegQuality ?? SNAPSHOT_QUALITY;
  let listeners: AlertListener[] = [];

  /** Writes the snapshot (temp file + rename); undefined when it could not be written. */
  async function writeSnapshot(jpeg: () => Uint8Array, rel: string, id: string): Promise<string | undefined> {
    const abs = path.join(mediaDir, rel);
    try {
      const bytes = jpeg();
      await mkdir(path.dirname(abs), { recursive: true });
      await writeFile(`${abs}.tmp`, bytes);
      await rename(`${abs}.tmp`, abs);
      return rel;
    } catch (err) {
      log.error('snapshot not written; the alert is stored without it', { id, path: abs, error: errorMessage(err) });
      return undefined;
    }
  }

  async function removeOrphan(rel: string, id: string): Promise<void> {
    try {
      await unlink(path.join(mediaDir, rel));
    } catch (err) {
      log.error('orphan snapshot not removed', { id, path: rel, error: errorMessage(err) });
    }
  }

  function broadcast(alert: Alert, origin?: AlertOrigin): void {
    for (const listener of [...listeners]) {
      const fail = (err: unknown): void =>
        log.error('alert listener failed', { id: alert.id, error: errorMessage(err) });
      try {
        const r = listener(alert, origin);
        if (r instanceof Promise) r.catch(fail);
      } catch (err) {
        fail(err);
      }
    }
  }

  /** The row; on failure the snapshot written for it is removed and the error is a VigieError. */
  async function insert(alert: Alert): Promise<void> {
    try {
      store.insertAlert(alert);
    } catch (err) {
      if (alert.snapshotPath !== undefined) await removeOrphan(alert.snapshotPath, alert.id);
      throw err instanceof VigieError ? err : new VigieError('STORE_FAILED', `alert ${alert.id} not stored: ${errorMessage(err)}`, { cause: err });
    }
  }

  return {
    async emit(event, ctx) {
      const createdAtMs = now();
      const id = newId(createdAtMs);
      const rel = snapshotRelPath(ctx.cameraId, id, createdAtMs);
      const snapshotPath = await writeSnapshot(() => snapshotJpeg(ctx.frame, { box: event.box, zoneId: event.zoneId, zones: ctx.zones }, quality), rel, id);
      const alert = toAlert(event, { id, cameraId: ctx.cameraId, frameWallMs: ctx.frame.wallMs, createdAtMs, snapshotPath });
      await insert(alert);
      broadcast(alert);
      return alert;
    },
    async accept(given, opts = {}) {
      const { snapshotPath: _ignored, ...fields } = given;
      const jpeg = opts.snapshotJpeg;
      const rel = snapshotRelPath(given.cameraId, given.id, given.createdAtMs);
      const snapshotPath = jpeg && jpeg.length > 0 ? await writeSnapshot(() => jpeg, rel, given.id) : undefined;
      const alert: Alert = { ...fields, ...(snapshotPath !== undefined ? { snapshotPath } : {}) };
      await insert(alert);
      broadcast(alert, opts.model ? { model: opts.model } : undefined);
      return alert;
    },
    onAlert(listener) {
      listeners = [...listeners, listener];
      return () => {
        listeners = listeners.filter((l) => l !== listener);
      };
    },
  };
}
