import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../core/types.ts';
import { rulesFor } from './registry.ts';

describe('rulesFor', () => {
  it.each([
    { events: ['intrusion', 'wrong_way'] as const, want: ['intrusion', 'wrong_way'] },
    { events: ['wrong_way', 'fire', 'weapon', 'wrong_way'] as const, want: ['wrong_way', 'fire', 'weapon'] },
    { events: ['crowd_density'] as const, want: ['crowd_density'] },
    { events: [...EVENT_TYPES], want: [...EVENT_TYPES] },
  ])('$events -> $want', ({ events, want }) => {
    expect(rulesFor(events).map((r) => r.type)).toEqual(want);
  });
});
