/** Label -> label group (every Vigie label belongs to exactly one group). */
import { LABEL_GROUPS, type Label, type LabelGroup } from './types.ts';

const GROUP_OF: ReadonlyMap<Label, LabelGroup> = new Map(
  (Object.entries(LABEL_GROUPS) as [LabelGroup, readonly Label[]][]).flatMap(([group, labels]) =>
    labels.map((label) => [label, group] as const),
  ),
);

export function groupOf(label: Label): LabelGroup | undefined {
  return GROUP_OF.get(label);
}
