import { describe, expect, it } from 'vitest';
import { formatReport, formatTable } from './report.ts';
import { scoreRun } from './score.ts';

describe('formatTable', () => {
  it('aligns columns', () => {
    expect(formatTable([['type', 'tp'], ['fire', '12'], ['weapon', '3']])).toBe('type    tp\nfire    12\nweapon   3');
  });
});

describe('formatReport', () => {
  const report = scoreRun([
    {
      scenario: { name: 'falls', scene: { events: ['person_down'] }, expected: [{ type: 'person_down', start: 3.5, end: 5.7 }] },
      alerts: [{ type: 'person_down', tSeconds: 4 }, { type: 'person_down', tSeconds: 30 }],
      footageSeconds: 60,
    },
    {
      scenario: { name: 'crowd', scene: { events: ['crowd_density'] }, expected: [], counts: { persons: 100 } },
      alerts: [],
      footageSeconds: 5,
      estimatedCount: 80,
    },
    {
      scenario: { name: 'broken', scene: { events: ['fire'] }, expected: [{ type: 'fire', start: 0, end: 30 }] },
      alerts: [],
      footageSeconds: 0,
      error: 'cannot open clip',
    },
  ]);
  const text = formatReport(report);
  const lines = text.split('\n');

  it('prints one row per type with tp fp fn dup P R F1 latency', () => {
    expect(lines.find((l) => l.startsWith('person_down'))?.split(/\s+/)).toEqual(['person_down', '1', '1', '0', '0', '0.500', '1.000', '0.667', '0.50']);
    expect(lines.find((l) => l.startsWith('crowd_density'))?.split(/\s+/)).toEqual(['crowd_density', '0', '0', '0', '0', '-', '-', '-', '-']);
    expect(lines.find((l) => l.startsWith('fire'))?.split(/\s+/)).toEqual(['fire', '0', '0', '1', '0', '-', '0.000', '-', '-']);
  });

  it('prints counts, false alarms per hour, failures and misses', () => {
    expect(text).toContain('3 scenarios (1 failed), 65 s of footage');
    expect(text).toContain('mean relative error 0.200');
    expect(text).toContain('false alarms per hour: 55.38');
    expect(text).toContain('  broken: cannot open clip');
    expect(text).toContain('  falls: fp person_down@30s');
  });
});
