import { describe, expect, it } from 'vitest';
import type { Label } from '../core/types.ts';
import { createThresholdTable, resolveThreshold } from './thresholds.ts';

describe('resolveThreshold', () => {
  const cases: { name: string; record: Record<string, number>; label: Label; expected: number }[] = [
    { name: "label's own key", record: { person: 0.6, default: 0.1 }, label: 'person', expected: 0.6 },
    { name: 'label key wins over its group', record: { truck: 0.4, vehicle: 0.2 }, label: 'truck', expected: 0.4 },
    { name: 'group key', record: { vehicle: 0.15 }, label: 'bus', expected: 0.15 },
    { name: 'group wins over default', record: { bag: 0.3, default: 0.9 }, label: 'handbag', expected: 0.3 },
    { name: 'default when no label nor group key', record: { default: 0.45 }, label: 'knife', expected: 0.45 },
    { name: 'built-in defaults when the record is empty (vehicle group)', record: {}, label: 'car', expected: 0.2 },
    { name: 'built-in defaults when the record is empty (person)', record: {}, label: 'person', expected: 0.3 },
    { name: 'user default beats built-in group value', record: { default: 0.5 }, label: 'car', expected: 0.5 },
  ];
  it.each(cases)('$name', ({ record, label, expected }) => {
    expect(resolveThreshold(record, label)).toBe(expected);
  });
});

describe('createThresholdTable', () => {
  it('covers every label', () => {
    const t = createThresholdTable({ person: 0.3, vehicle: 0.2 });
    expect(t.person).toBe(0.3);
    expect(t.motorcycle).toBe(0.2);
  });

  it('rejects a typo with the valid keys in the message', () => {
    expect(() => createThresholdTable({ persn: 0.3 })).toThrow(/unknown key\(s\) "persn".*vehicle/);
  });
});
