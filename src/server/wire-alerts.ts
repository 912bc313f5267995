/**
 * What happens to each stored alert: WebSocket broadcast first (and its latency measured), then
 * the live "active" marks, the evidence clip and the webhooks. A finished clip is recorded on its
 * alerts and announced as alert-updated. Nothing here qualifies or acts on an alert.
 */
import { errorMessage } from '../core/errors.ts';
import type { AlertSink } from '../alerts/sink.ts';
import type { Store } from '../store/types.ts';
import type { ClipRecorder } from './clip-recorder.ts';
import type { LatencyRecorder } from './latency.ts';
import type { ActiveAlerts } from './live.ts';
import type { Logger } from './log.ts';
import type { WebhookDispatcher } from './webhooks.ts';
import type { WsHub } from './ws-hub.ts';
import type { SystemAlerts } from './system-alerts.ts';

export interface AlertWiring {
  readonly sink: Pick<AlertSink, 'onAlert'>;
  readonly store: Pick<Store, 'setClipPath' | 'getAlert'>;
  readonly hub: Pick<WsHub, 'broadcast'>;
  /** Analysed frame (frameWallMs) -> WebSocket send. */
  readonly latency: LatencyRecorder;
  /** Alert sink start (createdAtMs) -> WebSocket send: snapshot, database row, broadcast. */
  readonly sinkLatency?: LatencyRecorder;
  readonly active: ActiveAlerts;
  readonly clips: Pick<ClipRecorder, 'onAlert'>;
  readonly webhooks: Pick<WebhookDispatcher, 'dispatch'>;
  readonly logger: Logger;
  /** The alert could not be stored yet (disk full, see alert-buffer.ts): sent marked not stored. */
  readonly isKept?: (alertId: string) => boolean;
  /** An alert without its snapshot (the file could not be written: disk full) raises store_failed on `snapshots`; the next one written clears it. */
  readonly systemAlerts?: Pick<SystemAlerts, 'raise' | 'clear'>;
}

/** Subscribes to the sink; returns the handler of finished clips. */
export function wireAlerts(w: AlertWiring): (alertIds: readonly string[], relPath: string) => void {
  w.sink.onAlert((alert) => {
    const stored = { ...alert, status: 'new' as const };
    w.hub.broadcast({ type: 'alert', alert: stored, ...(w.isKept?.(alert.id) ? { stored: false as const } : {}) });
    const nowMs = Date.now();
    w.latency.record(nowMs - alert.frameWallMs);
    w.sinkLatency?.record(nowMs - alert.createdAtMs);
    w.active.add(alert, nowMs);
    w.clips.onAlert(alert);
    w.webhooks.dispatch(stored);
    if (alert.snapshotPath) w.systemAlerts?.clear('store_failed', 'snapshots');
    else w.systemAlerts?.raise('store_failed', 'snapshots', `the snapshot of alert ${alert.id} could not be written (disk full?): alerts go on without their image`);
  });
  return (alertIds, relPath) => {
    try {
      w.store.setClipPath(alertIds, relPath);
      for (const id of alertIds) {
        const alert = w.store.getAlert(id);
        if (alert) w.hub.broadcast({ type: 'alert-updated', alert });
      }
    } catch (err) {
      w.logger.error(`clip ${relPath} not recorded on its alerts: ${errorMessage(err)}`);
    }
  };
}
