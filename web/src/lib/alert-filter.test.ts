import { describe, expect, it } from 'vitest';
import type { StoredAlert } from '../api/types.ts';
import { DEFAULT_FILTER, alertQuery, applyLive, matchesFilter, replayLive, type AlertFilter } from './alert-filter.ts';

const NOW = 1_700_000_000_000;
const alert = (id: string, over: Partial<StoredAlert> = {}): StoredAlert => ({
  id,
  cameraId: 'gate',
  type: 'intrusion',
  tMs: 0,
  frameWallMs: NOW - 1000,
  createdAtMs: NOW - 1000,
  score: 0.9,
  message: 'person in zone',
  status: 'new',
  ...over,
});

describe('alertQuery', () => {
  it.each<[string, AlertFilter, string]>([
    ['default: to qualify, last 24 h', DEFAULT_FILTER, `status=new&since=${NOW - 86_400_000}&limit=50`],
    ['everything', { type: '', cameraId: '', status: '', range: 'all' }, 'limit=50'],
    ['type, camera, custom range', { type: 'fire', cameraId: 'hall 1', status: '', range: 'custom', sinceMs: 10, untilMs: 20 }, 'type=fire&cameraId=hall+1&since=10&until=20&limit=50'],
  ])('%s', (_name, filter, query) => {
    expect(alertQuery(filter, NOW, 50)).toBe(`/api/alerts?${query}`);
  });
});

describe('matchesFilter', () => {
  it.each<[string, Partial<StoredAlert>, AlertFilter, boolean]>([
    ['new alert, default filter', {}, DEFAULT_FILTER, true],
    ['qualified alert, default filter', { status: 'confirmed' }, DEFAULT_FILTER, false],
    ['other type', { type: 'fire' }, { ...DEFAULT_FILTER, type: 'intrusion' }, false],
    ['other camera', {}, { ...DEFAULT_FILTER, cameraId: 'hall' }, false],
    ['older than 1 h', { createdAtMs: NOW - 2 * 3_600_000 }, { ...DEFAULT_FILTER, range: '1h' }, false],
    ['custom range, until is exclusive', { createdAtMs: 20 }, { ...DEFAULT_FILTER, range: 'custom', sinceMs: 10, untilMs: 20 }, false],
    ['custom range inside', { createdAtMs: 15 }, { ...DEFAULT_FILTER, range: 'custom', sinceMs: 10, untilMs: 20 }, true],
  ])('%s', (_name, over, filter, expected) => {
    expect(matchesFilter(alert('a', over), filter, NOW)).toBe(expected);
  });
});

describe('applyLive', () => {
  const list = [alert('b', { createdAtMs: NOW - 10 }), alert('a', { createdAtMs: NOW - 20 })];
  it('puts a new matching alert on top', () => {
    expect(applyLive(list, alert('c', { createdAtMs: NOW }), DEFAULT_FILTER, NOW).map((a) => a.id)).toEqual(['c', 'b', 'a']);
  });
  it('ignores an alert outside the filter', () => {
    expect(applyLive(list, alert('c', { type: 'fire' }), { ...DEFAULT_FILTER, type: 'intrusion' }, NOW).map((a) => a.id)).toEqual(['b', 'a']);
  });
  it('removes a row qualified out of the "to qualify" list', () => {
    expect(applyLive(list, alert('b', { status: 'confirmed' }), DEFAULT_FILTER, NOW).map((a) => a.id)).toEqual(['a']);
  });
  it('updates a row in place when it still matches', () => {
    const out = applyLive(list, alert('b', { status: 'confirmed', createdAtMs: NOW - 10 }), { ...DEFAULT_FILTER, status: '' }, NOW);
    expect(out.map((a) => [a.id, a.status])).toEqual([['b', 'confirmed'], ['a', 'new']]);
  });
});

describe('replayLive: a load that was on its way while live messages came', () => {
  const loaded = [alert('b', { createdAtMs: NOW - 10 }), alert('a', { createdAtMs: NOW - 20 })];
  it.each<[string, StoredAlert[], [string, string][]]>([
    ['nothing came: the loaded list', [], [['b', 'new'], ['a', 'new']]],
    ['an alert raised during the load, missing from it, stays on top', [alert('c', { createdAtMs: NOW })], [['c', 'new'], ['b', 'new'], ['a', 'new']]],
    ['an alert the load already has is not doubled', [alert('b', { createdAtMs: NOW - 10 })], [['b', 'new'], ['a', 'new']]],
    ['qualified during the load: out of "to qualify"', [alert('a', { status: 'confirmed', createdAtMs: NOW - 20 })], [['b', 'new']]],
    [
      'in the order they came: raised, then qualified',
      [alert('c', { createdAtMs: NOW }), alert('c', { status: 'false_alarm', createdAtMs: NOW })],
      [['b', 'new'], ['a', 'new']],
    ],
  ])('%s', (_name, live, expected) => {
    expect(replayLive(loaded, live, DEFAULT_FILTER, NOW).map((a) => [a.id, a.status])).toEqual(expected);
  });
});
