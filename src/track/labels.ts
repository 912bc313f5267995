/** Label groups and the majority label of a track. */
import type { Label } from '../core/types.ts';

export { groupOf } from '../core/labels.ts';

/** Counts of each label seen on one track (at most one entry per label, so bounded). */
export type LabelCounts = ReadonlyMap<Label, number>;

export function addLabel(counts: LabelCounts, label: Label): LabelCounts {
  const next = new Map(counts);
  next.set(label, (next.get(label) ?? 0) + 1);
  return next;
}

/** The most frequent label; ties go to `latest` when it is among the leaders, else to the first leader. */
export function majorityLabel(counts: LabelCounts, latest: Label): Label {
  let best: Label = latest;
  let bestCount = counts.get(latest) ?? 0;
  for (const [label, n] of counts) {
    if (n > bestCount) {
      best = label;
      bestCount = n;
    }
  }
  return best;
}
