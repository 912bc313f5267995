/**
 * The console's view of the system alerts: the open incidents (camera lost, store cannot write,
 * disk nearly full) and the alerts shown but not stored yet. A pure reducer over server messages.
 */
import type { ServerMessage, SystemAlert } from '../api/types.ts';

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

export const SYSTEM_KIND_LABELS: Record<SystemAlert['kind'], string> = {
  camera_lost: 'Camera lost',
  store_failed: 'Alerts not stored',
  disk_low: 'Disk nearly full',
};
