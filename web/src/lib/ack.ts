/**
 * Alerts the operator acknowledged in this console: selected in the queue or opened. Their cue
 * stops repeating (a qualified alert leaves the pending list, which stops it too). Kept for the
 * page's life, in memory.
 */
const acked = new Set<string>();

export function acknowledge(ids: Iterable<string>): void {
  for (const id of ids) acked.add(id);
}

export function acknowledged(): ReadonlySet<string> {
  return acked;
}
