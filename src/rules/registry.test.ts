import { describe, expect, it } from 'vitest';
import { rulesFor } from './registry.ts';

describe('rulesFor', () => {
  it.each([
    { events: ['intrusion', 'wrong_way'] as const, want: ['intrusion', 'wrong_way'] },
    { events: ['wrong_way', 'fire', 'weapon', 'wrong_way'] as const, want: ['wrong_way'] },
    { events: ['crowd_density'] as const, want: [] },
  ])('$events -> $want', ({ events, want }) => {
    expect(rulesFor(events).map((r) => r.type)).toEqual(want);
  });
});
