/**
 * Score thresholds per label. The config record's keys are a label, a label group, or "default";
 * a label's own key wins over its group's, which wins over "default". Keys the user left out fall
 * back to the built-in DEFAULT_THRESHOLDS resolved the same way.
 */
import { LABEL_GROUPS, LABELS, type Label } from '../core/types.ts';
import { DEFAULT_THRESHOLDS } from '../config/schema.ts';
import { groupOf } from '../core/labels.ts';
import { VigieError } from '../core/errors.ts';

export type ThresholdTable = Readonly<Record<Label, number>>;

export { groupOf };

function lookup(record: Readonly<Record<string, number>>, label: Label): number | undefined {
  const group = groupOf(label);
  return record[label] ?? (group === undefined ? undefined : record[group]) ?? record['default'];
}

/** The minimum score for one label. */
export function resolveThreshold(thresholds: Readonly<Record<string, number>>, label: Label): number {
  return lookup(thresholds, label) ?? lookup(DEFAULT_THRESHOLDS, label) ?? 0.5;
}

const KNOWN_KEYS: ReadonlySet<string> = new Set<string>([...LABELS, ...Object.keys(LABEL_GROUPS), 'default']);

/** Keys that are neither a label, a group nor "default" (typos), so the caller can reject them. */
export function unknownThresholdKeys(thresholds: Readonly<Record<string, number>>): string[] {
  return Object.keys(thresholds).filter((k) => !KNOWN_KEYS.has(k));
}

/** Validates the keys once and precomputes the threshold of every label. */
export function createThresholdTable(thresholds: Readonly<Record<string, number>>): ThresholdTable {
  const unknown = unknownThresholdKeys(thresholds);
  if (unknown.length > 0) {
    throw new VigieError(
      'CONFIG_INVALID',
      `detector.thresholds: unknown key(s) ${unknown.map((k) => `"${k}"`).join(', ')}; ` +
        `use a label (${LABELS.join(', ')}), a group (${Object.keys(LABEL_GROUPS).join(', ')}) or "default"`,
    );
  }
  const table = {} as Record<Label, number>;
  for (const label of LABELS) table[label] = resolveThreshold(thresholds, label);
  return table;
}

/** Per-label decode thresholds: each label's threshold lowered to `lowScore` (ByteTrack's low stage). */
export function floorThresholds(thresholds: Readonly<Record<string, number>>, lowScore: number): Record<string, number> {
  const table = createThresholdTable(thresholds);
  return Object.fromEntries(LABELS.map((label) => [label, Math.min(table[label], lowScore)]));
}
