/**
 * When the console sounds: at once for a new alert, then again every CUE_REPEAT_MS while a pending
 * alert is not acknowledged (selected, opened or qualified), with the pattern of the most urgent
 * one. Pure.
 */
import type { StoredAlert } from '../api/types.ts';
import { PRIORITY, type Priority } from './priority.ts';

export const CUE_REPEAT_MS = 15_000;

/** The priority whose cue is due, or undefined when every pending alert was acknowledged. */
export function cueDue(pending: readonly StoredAlert[], acked: ReadonlySet<string>): Priority | undefined {
  let due: Priority | undefined;
  for (const a of pending) {
    if (a.status !== 'new' || acked.has(a.id)) continue;
    const p = PRIORITY[a.type];
    if (due === undefined || p < due) due = p;
  }
  return due;
}
