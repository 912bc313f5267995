import { describe, expect, it } from 'vitest';
import type { StoredAlert } from '../api/types.ts';
import { groupAlerts } from './alert-groups.ts';
import { moveSelection, nextPending, selectedGroup } from './selection.ts';

const T0 = 1_700_000_000_000;
const a = (id: string, cameraId: string, type: StoredAlert['type'], minutes: number, status: StoredAlert['status'] = 'new'): StoredAlert => ({
  id,
  cameraId,
  type,
  tMs: 0,
  frameWallMs: T0 + minutes * 60_000,
  createdAtMs: T0 + minutes * 60_000,
  score: 0.9,
  message: id,
  status,
});
// Queue order: w (weapon), i2 (intrusion, newer), i1 (intrusion), o (abandoned object).
const base = [a('i1', 'gate', 'intrusion', 0), a('o', 'dock', 'abandoned_object', 1), a('i2', 'hall', 'intrusion', 2), a('w', 'roof', 'weapon', 3)];

describe('selectedGroup', () => {
  it.each<[string, StoredAlert[], string | undefined, string | undefined]>([
    ['nothing chosen: nothing selected (never the top row)', base, undefined, undefined],
    ['the chosen alert', base, 'i1', 'i1'],
    ['a repeat in the chosen alert\'s group', [...base, a('i1b', 'gate', 'intrusion', 4)], 'i1b', 'i1'],
    ['the chosen alert left the list: nothing selected', base, 'gone', undefined],
  ])('%s', (_name, alerts, selectedId, expected) => {
    expect(selectedGroup(groupAlerts(alerts), selectedId)?.id).toBe(expected);
  });

  it('stays on the chosen alert when alerts arrive, above it or in its group', () => {
    const before = groupAlerts(base);
    expect(before.map((g) => g.id)).toEqual(['w', 'i2', 'i1', 'o']);
    const after = groupAlerts([...base, a('f', 'lab', 'fire', 5), a('i1b', 'gate', 'intrusion', 6)]);
    // The repeat makes i1's group the newest intrusion: it moves up, and stays selected.
    expect(after.map((g) => g.id)).toEqual(['w', 'f', 'i1', 'i2', 'o']);
    expect(selectedGroup(after, 'i1')?.id).toBe('i1');
    expect(selectedGroup(after, 'i1')?.pendingIds).toEqual(['i1b', 'i1']);
  });
});

describe('moveSelection', () => {
  const groups = groupAlerts(base);
  it.each<[string, string | undefined, number, string | undefined]>([
    ['down from nothing: the first', undefined, 1, 'w'],
    ['up from nothing: the last', undefined, -1, 'o'],
    ['down', 'w', 1, 'i2'],
    ['up', 'i1', -1, 'i2'],
    ['clamped at the top', 'w', -1, 'w'],
    ['clamped at the bottom', 'o', 1, 'o'],
    ['End', 'i2', groups.length, 'o'],
    ['Home', 'o', -groups.length, 'w'],
  ])('%s', (_name, from, delta, expected) => {
    expect(moveSelection(groups, from, delta)).toBe(expected);
  });
  it('keeps nothing selected in an empty list', () => {
    expect(moveSelection([], undefined, 1)).toBeUndefined();
  });
});

describe('nextPending', () => {
  const qualify = (alerts: StoredAlert[], ids: string[]): StoredAlert[] => alerts.map((x) => (ids.includes(x.id) ? { ...x, status: 'confirmed' } : x));
  it.each<[string, StoredAlert[], string[], string | undefined]>([
    ['the most urgent pending one after the weapon', qualify(base, ['w']), ['w'], 'i2'],
    ['the top one when a lower one was qualified', qualify(base, ['o']), ['o'], 'w'],
    ['skips qualified groups', qualify(base, ['w', 'i2']), ['i2'], 'i1'],
    ['nothing left', qualify(base, ['w', 'i2', 'i1', 'o']), ['o'], undefined],
  ])('%s', (_name, alerts, done, expected) => {
    expect(nextPending(groupAlerts(alerts), done)?.id).toBe(expected);
  });
});
