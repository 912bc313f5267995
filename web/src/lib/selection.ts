/**
 * The queue's selection, held by the id of an alert the operator chose (click, j/k, opened): never
 * a position, so an alert arriving above it moves nothing, and never a default, so with nothing
 * chosen the qualification keys do nothing. Pure.
 */
import type { AlertGroup } from './alert-groups.ts';

/** The group holding the selected alert; undefined when none was chosen or it left the list. */
export function selectedGroup(groups: readonly AlertGroup[], selectedId: string | undefined): AlertGroup | undefined {
  if (selectedId === undefined) return undefined;
  return groups.find((g) => g.alerts.some((a) => a.id === selectedId));
}

/**
 * The alert id to select after a move by `delta` items (j/k, arrows, Home/End as large deltas).
 * With nothing selected, a move down starts at the first item and a move up at the last.
 */
export function moveSelection(groups: readonly AlertGroup[], selectedId: string | undefined, delta: number): string | undefined {
  if (groups.length === 0) return selectedId;
  const current = selectedGroup(groups, selectedId);
  const from = current ? groups.indexOf(current) : delta > 0 ? -1 : groups.length;
  const to = Math.max(0, Math.min(groups.length - 1, from + delta));
  return groups[to]!.id;
}

/**
 * After the operator qualified the alerts `doneIds`: the first pending group in queue order (so the
 * most urgent) that holds none of them, or undefined when nothing is left to qualify.
 */
export function nextPending(groups: readonly AlertGroup[], doneIds: readonly string[]): AlertGroup | undefined {
  return groups.find((g) => g.pendingIds.length > 0 && !g.alerts.some((a) => doneIds.includes(a.id)));
}
