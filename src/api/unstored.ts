/**
 * GET /api/alerts also lists the alerts the store could not write yet (disk full; kept in memory by
 * the server), marked `stored: false`, so that a console opened or reloaded meanwhile still shows
 * them. Pure: the same filters as the store's query, newest first, within the limit.
 */
import type { Alert } from '../core/types.ts';
import type { AlertFilter, StoredAlert } from '../store/types.ts';

export type ListedAlert = StoredAlert & { readonly stored?: false };

const DEFAULT_LIMIT = 100;

export function withUnstored(stored: readonly StoredAlert[], unstored: readonly Alert[], filter: AlertFilter): ListedAlert[] {
  if (unstored.length === 0 || (filter.status !== undefined && filter.status !== 'new')) return [...stored];
  const known = new Set(stored.map((a) => a.id));
  const extra: ListedAlert[] = unstored
    .filter(
      (a) =>
        !known.has(a.id) &&
        (filter.cameraId === undefined || a.cameraId === filter.cameraId) &&
        (filter.type === undefined || a.type === filter.type) &&
        (filter.sinceMs === undefined || a.createdAtMs >= filter.sinceMs) &&
        (filter.untilMs === undefined || a.createdAtMs < filter.untilMs),
    )
    .map((a) => ({ ...a, status: 'new', stored: false }));
  const limit = Math.min(10_000, Math.max(1, filter.limit ?? DEFAULT_LIMIT));
  return [...extra, ...stored].sort((a, b) => b.createdAtMs - a.createdAtMs).slice(0, limit);
}
