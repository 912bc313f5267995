import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../../src/core/types.ts';
import { PRIORITY, PRIORITY_ORDER, typeRank } from './priority.ts';

describe('priority', () => {
  it('orders every event type once, each level before the next', () => {
    expect([...PRIORITY_ORDER].sort()).toEqual([...EVENT_TYPES].sort());
    const levels = PRIORITY_ORDER.map((t) => PRIORITY[t]);
    expect(levels).toEqual([...levels].sort());
  });
  it.each([
    ['weapon', 'intrusion'],
    ['fire', 'intrusion'],
    ['person_down', 'intrusion'],
    ['intrusion', 'abandoned_object'],
    ['crowd_density', 'wrong_way'],
  ] as const)('%s before %s', (first, then) => {
    expect(typeRank(first)).toBeLessThan(typeRank(then));
  });
});
