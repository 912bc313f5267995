import { describe, expect, it } from 'vitest';
import type { StoredAlert } from '../api/types.ts';
import { GROUP_WINDOW_MS, groupAlerts } from './alert-groups.ts';

const T0 = 1_700_000_000_000;
const MIN = 60_000;
/** An alert: id, camera, type, zone, minutes after T0, status. */
const a = (id: string, cameraId: string, type: StoredAlert['type'], zoneId: string | undefined, minutes: number, status: StoredAlert['status'] = 'new'): StoredAlert => ({
  id,
  cameraId,
  type,
  ...(zoneId ? { zoneId } : {}),
  tMs: 0,
  frameWallMs: T0 + minutes * MIN,
  createdAtMs: T0 + minutes * MIN,
  score: 0.9,
  message: id,
  status,
});

describe('groupAlerts', () => {
  it.each<[string, StoredAlert[], string[][]]>([
    // name, alerts, expected groups in queue order (ids newest first)
    ['nothing', [], []],
    ['repeats of one event are one group', [a('1', 'gate', 'intrusion', 'yard', 0), a('2', 'gate', 'intrusion', 'yard', 3), a('3', 'gate', 'intrusion', 'yard', 6)], [['3', '2', '1']]],
    ['the window runs from the group\'s last alert', [a('1', 'gate', 'intrusion', 'yard', 0), a('2', 'gate', 'intrusion', 'yard', 9), a('3', 'gate', 'intrusion', 'yard', 18)], [['3', '2', '1']]],
    ['a gap over the window starts a new group', [a('1', 'gate', 'intrusion', 'yard', 0), a('2', 'gate', 'intrusion', 'yard', 11)], [['2'], ['1']]],
    ['another camera, type or zone is another group', [a('1', 'gate', 'intrusion', 'yard', 0), a('2', 'hall', 'intrusion', 'yard', 1), a('3', 'gate', 'intrusion', 'dock', 2), a('4', 'gate', 'abandoned_object', 'yard', 3)], [['3'], ['2'], ['1'], ['4']]],
    ['qualified alerts do not join pending ones', [a('1', 'gate', 'intrusion', 'yard', 0, 'confirmed'), a('2', 'gate', 'intrusion', 'yard', 1)], [['2'], ['1']]],
    ['pending by priority, weapon and fire above intrusion, then newest', [a('1', 'gate', 'intrusion', 'yard', 5), a('2', 'hall', 'weapon', undefined, 0), a('3', 'dock', 'wrong_way', undefined, 9), a('4', 'roof', 'fire', undefined, 1)], [['2'], ['4'], ['1'], ['3']]],
    ['qualified groups after the pending ones, newest first', [a('1', 'gate', 'weapon', undefined, 0, 'confirmed'), a('2', 'hall', 'wrong_way', undefined, 1), a('3', 'dock', 'fire', undefined, 2, 'false_alarm')], [['2'], ['3'], ['1']]],
  ])('%s', (_name, alerts, expected) => {
    expect(groupAlerts(alerts).map((g) => g.alerts.map((x) => x.id))).toEqual(expected);
  });

  it('keeps the first alert as the id of the group, shows the latest, counts the pending ones', () => {
    const [g] = groupAlerts([a('1', 'gate', 'intrusion', 'yard', 0), a('2', 'gate', 'intrusion', 'yard', 2)]);
    expect(g).toMatchObject({ id: '1', latest: { id: '2' }, pendingIds: ['2', '1'], priority: 2 });
    expect(groupAlerts([a('1', 'gate', 'intrusion', 'yard', 0), a('2', 'gate', 'intrusion', 'yard', 2)], 1 * MIN)).toHaveLength(2);
    expect(GROUP_WINDOW_MS).toBe(10 * MIN);
  });
});
