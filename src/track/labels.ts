/** Label groups and the majority label of a track. */
import { LABEL_GROUPS, type Label, type LabelGroup } from '../core/types.ts';

const GROUP_OF: ReadonlyMap<Label, LabelGroup> = new Map(
  (Object.entries(LABEL_GROUPS) as [LabelGroup, readonly Label[]][]).flatMap(([group, labels]) =>
    labels.map((label) => [label, group] as const),
  ),
);

/** The group a label belongs to (every Vigie label has exactly one). */
export function groupOf(label: Label): LabelGroup | undefined {
  return GROUP_OF.get(label);
}

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
