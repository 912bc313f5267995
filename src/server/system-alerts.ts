/**
 * System alerts of the server: raised once per incident (kind + target), journaled, pushed on the
 * WebSocket, cleared when the incident is over. An alert the store cannot write (disk full) is
 * still pushed, marked not stored, kept in memory (bounded) and written by retryUnsaved().
 */
import { randomBytes } from 'node:crypto';
import { errorMessage } from '../core/errors.ts';
import type { ServerMessage } from '../api/doc-schemas.ts';
import type { JournalInput } from '../store/journal.ts';
import type { SystemAlert, SystemAlertKind, SystemAlertStore } from '../store/system-alerts.ts';
import { newAlertId } from '../alerts/id.ts';
import type { Logger } from './log.ts';

export interface SystemAlertsOptions {
  readonly store: Pick<SystemAlertStore, 'save' | 'open'>;
  readonly record: (e: JournalInput) => void;
  readonly broadcast: (m: ServerMessage) => void;
  readonly logger: Logger;
  readonly nowMs?: () => number;
  /** Alerts kept in memory while the store cannot write them; the oldest cleared ones go first. */
  readonly maxUnsaved?: number;
}

export interface SystemAlerts {
  /** Raises the incident unless it is already open. */
  raise(kind: SystemAlertKind, target: string | undefined, message: string): void;
  clear(kind: SystemAlertKind, target: string | undefined): void;
  /** Open incidents, oldest first. */
  open(): SystemAlert[];
  isOpen(kind: SystemAlertKind, target: string | undefined): boolean;
  /** Writes the alerts the store refused before; returns how many are still unsaved. */
  retryUnsaved(): number;
}

const keyOf = (kind: string, target: string | undefined): string => `${kind}:${target ?? ''}`;

export function createSystemAlerts(opts: SystemAlertsOptions): SystemAlerts {
  const now = opts.nowMs ?? Date.now;
  const maxUnsaved = opts.maxUnsaved ?? 200;
  const open = new Map<string, SystemAlert>();
  const unsaved = new Map<string, SystemAlert>();
  try {
    for (const a of opts.store.open()) open.set(keyOf(a.kind, a.target), a);
  } catch (err) {
    opts.logger.error(`system alerts: open incidents not read: ${errorMessage(err)}`);
  }

  const save = (a: SystemAlert): boolean => {
    try {
      opts.store.save(a);
      unsaved.delete(a.id);
      return true;
    } catch (err) {
      opts.logger.error(`system alert ${a.kind} ${a.target ?? ''} not stored (kept in memory): ${errorMessage(err)}`);
      unsaved.set(a.id, a);
      while (unsaved.size > maxUnsaved) unsaved.delete(unsaved.keys().next().value as string);
      return false;
    }
  };
  const publish = (a: SystemAlert, action: string): void => {
    const stored = save(a);
    opts.broadcast({ type: 'system-alert', alert: a, stored });
    opts.record({ atMs: a.clearedAtMs ?? a.raisedAtMs, action, ...(a.target ? { target: a.target } : {}), details: { kind: a.kind, message: a.message } });
  };

  return {
    raise(kind, target, message) {
      const key = keyOf(kind, target);
      if (open.has(key)) return;
      const atMs = now();
      const alert: SystemAlert = { id: `sys-${newAlertId(atMs, randomBytes)}`, kind, message, raisedAtMs: atMs, ...(target ? { target } : {}) };
      open.set(key, alert);
      opts.logger.error(`system alert: ${kind}${target ? ` ${target}` : ''}: ${message}`);
      publish(alert, 'system.raised');
    },
    clear(kind, target) {
      const key = keyOf(kind, target);
      const alert = open.get(key);
      if (!alert) return;
      open.delete(key);
      opts.logger.info(`system alert cleared: ${kind}${target ? ` ${target}` : ''}`);
      publish({ ...alert, clearedAtMs: now() }, 'system.cleared');
    },
    open: () => [...open.values()].sort((a, b) => a.raisedAtMs - b.raisedAtMs),
    isOpen: (kind, target) => open.has(keyOf(kind, target)),
    retryUnsaved() {
      for (const a of [...unsaved.values()]) if (!save(a)) break;
      return unsaved.size;
    },
  };
}
