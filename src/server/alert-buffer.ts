/**
 * A full disk never loses an alert silently: the alert store as the sink sees it, which keeps in
 * memory (bounded, oldest dropped with a log line) the alerts the database refused (SQLITE_FULL,
 * I/O error) instead of throwing. The sink then still hands the alert on, and the WebSocket marks
 * it not stored; retry() writes the kept ones, in order, once the database takes them again.
 */
import type { Alert } from '../core/types.ts';
import { errorMessage } from '../core/errors.ts';
import type { Store } from '../store/types.ts';
import type { Logger } from './log.ts';

export interface AlertBufferOptions {
  readonly store: Pick<Store, 'insertAlert' | 'mediaDir'>;
  readonly logger: Logger;
  /** The store refused an alert (kept in memory), or took them again (stored: all kept ones written). */
  readonly onStoreState?: (failure: string | undefined) => void;
  /** A kept alert was written at last. */
  readonly onStored?: (alert: Alert) => void;
  readonly maxKept?: number;
}

export interface AlertBuffer {
  /** What the sink writes into. */
  readonly store: Pick<Store, 'insertAlert' | 'mediaDir'>;
  isKept(alertId: string): boolean;
  /** Alerts not written yet, oldest first. */
  kept(): Alert[];
  /** The last write failure while alerts are kept, else undefined. */
  failure(): string | undefined;
  /** Writes the kept alerts in order, stopping at the first refusal; returns how many are left. */
  retry(): number;
}

export function createAlertBuffer(opts: AlertBufferOptions): AlertBuffer {
  const maxKept = opts.maxKept ?? 1000;
  const kept = new Map<string, Alert>();
  let failure: string | undefined;

  const setFailure = (next: string | undefined): void => {
    const changed = (next === undefined) !== (failure === undefined);
    failure = next;
    if (changed) opts.onStoreState?.(next);
  };
  const keep = (alert: Alert, err: unknown): void => {
    kept.set(alert.id, alert);
    while (kept.size > maxKept) {
      const [oldest] = kept.keys();
      kept.delete(oldest as string);
      opts.logger.error(`alert ${oldest} dropped from memory: over ${maxKept} alerts wait for the store`);
    }
    opts.logger.error(`alert ${alert.id} not stored, kept in memory until the store writes again: ${errorMessage(err)}`);
    setFailure(errorMessage(err));
  };

  return {
    store: {
      mediaDir: opts.store.mediaDir,
      insertAlert(alert) {
        // Behind older kept alerts: keep the order, retry() writes them all.
        if (kept.size > 0) return keep(alert, new Error(failure ?? 'alerts before it wait for the store'));
        try {
          opts.store.insertAlert(alert);
        } catch (err) {
          keep(alert, err);
        }
      },
    },
    isKept: (id) => kept.has(id),
    kept: () => [...kept.values()],
    failure: () => failure,
    retry() {
      for (const alert of [...kept.values()]) {
        try {
          opts.store.insertAlert(alert);
        } catch (err) {
          setFailure(errorMessage(err));
          return kept.size;
        }
        kept.delete(alert.id);
        opts.onStored?.(alert);
      }
      setFailure(undefined);
      return 0;
    },
  };
}
