import { describe, expect, it } from 'vitest';
import type { Label } from '../core/types.ts';
import { addLabel, groupOf, majorityLabel, type LabelCounts } from './labels.ts';

describe('labels', () => {
  it.each([
    ['car', 'vehicle'],
    ['bicycle', 'vehicle'],
    ['person', 'person'],
    ['suitcase', 'bag'],
    ['smoke', 'fire'],
  ] as const)('%s is in group %s', (label, group) => {
    expect(groupOf(label)).toBe(group);
  });

  it.each([
    { seen: ['car', 'truck', 'car'], latest: 'truck', want: 'car' },
    { seen: ['car', 'truck'], latest: 'truck', want: 'truck' },
    { seen: ['bus', 'bus', 'truck', 'truck', 'car'], latest: 'car', want: 'bus' },
  ] as { seen: Label[]; latest: Label; want: Label }[])('$seen, latest $latest -> $want', ({ seen, latest, want }) => {
    const counts = seen.reduce<LabelCounts>((c, l) => addLabel(c, l), new Map());
    expect(majorityLabel(counts, latest)).toBe(want);
  });
});
