import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../../src/core/types.ts';
import { translator } from '../i18n/translator.ts';
import { PRIORITY, PRIORITY_ORDER, priorityLabel, typeRank, type Priority } from './priority.ts';

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

describe('priorityLabel', () => {
  it.each<[Priority, string, string]>([
    [1, 'Critique', 'Critical'],
    [2, 'Haute', 'High'],
    [3, 'Normale', 'Normal'],
  ])('level %d: "%s" / "%s"', (level, fr, en) => {
    expect(priorityLabel(level, translator('fr'))).toBe(fr);
    expect(priorityLabel(level, translator('en'))).toBe(en);
  });
});
