/**
 * The console's view of the system alerts: the open incidents (camera lost, store cannot write,
 * disk nearly full) and the alerts shown but not stored yet. A pure reducer over server messages,
 * and each incident in words from its structured fields (kind, target) and the server's health
 * (free disk space, store failure), never from the server's English sentence.
 */
import type { ServerMessage, SystemAlert } from '../api/types.ts';
import type { Translate } from '../i18n/translator.ts';

export interface SystemView {
  /** Open incidents, oldest first. */
  readonly open: readonly SystemAlert[];
  /** Ids of detection alerts the server could not store yet. */
  readonly unstored: readonly string[];
  /** An incident raised since the last message: the cue plays. */
  readonly cue: boolean;
}

export const EMPTY_SYSTEM_VIEW: SystemView = { open: [], unstored: [], cue: false };

export function applySystemMessage(view: SystemView, msg: ServerMessage): SystemView {
  if (msg.type === 'system-alert') {
    const rest = view.open.filter((a) => a.id !== msg.alert.id);
    if (msg.alert.clearedAtMs !== undefined) return { ...view, open: rest, cue: false };
    const isNew = rest.length === view.open.length;
    return { ...view, open: [...rest, msg.alert].sort((a, b) => a.raisedAtMs - b.raisedAtMs), cue: isNew };
  }
  if (msg.type === 'alert' && msg.stored === false) return { ...view, unstored: [...view.unstored, msg.alert.id].slice(-1000), cue: false };
  if (msg.type === 'alert-updated' && view.unstored.includes(msg.alert.id)) return { ...view, unstored: view.unstored.filter((id) => id !== msg.alert.id), cue: false };
  return view.cue ? { ...view, cue: false } : view;
}

/** What the kind is called: "Camera lost", "Alerts not stored", "Disk nearly full". */
export function systemKindLabel(kind: SystemAlert['kind'], t: Translate): string {
  return t(`queue.system_${kind}`);
}

/** What the console knows besides the incident: camera names, the health's disk and store. */
export interface SystemContext {
  /** The camera's name, when it has one. */
  readonly cameraName?: (id: string) => string | undefined;
  readonly diskFreeBytes?: number;
  /** The store's failure as the system reports it (technical, shown as is). */
  readonly storeReason?: string;
  /** A number in the console's language. */
  readonly formatNumber: (value: number) => string;
}

const MB = 1024 * 1024;

/** The incident in words, after its kind's label. */
export function systemAlertText(a: SystemAlert, ctx: SystemContext, t: Translate): string {
  switch (a.kind) {
    case 'camera_lost': {
      const id = a.target ?? '?';
      const name = a.target ? ctx.cameraName?.(a.target) : undefined;
      return t('queue.systemCameraLost', { camera: name && name !== id ? `${name} (${id})` : id });
    }
    case 'disk_low':
      return ctx.diskFreeBytes !== undefined
        ? t('queue.systemDiskFree', { free: ctx.formatNumber(Math.round(ctx.diskFreeBytes / MB)), dir: a.target ?? '?' })
        : t('queue.systemDiskDir', { dir: a.target ?? '?' });
    case 'store_failed':
      if (a.target === 'snapshots') return t('queue.systemSnapshotsFailed');
      return ctx.storeReason ? t('queue.systemStoreFailedWhy', { reason: ctx.storeReason }) : t('queue.systemStoreFailed');
  }
}
