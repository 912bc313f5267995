import { describe, expect, it } from 'vitest';
import type { Alert } from '../core/types.ts';
import type { AlertFilter, StoredAlert } from '../store/types.ts';
import { withUnstored } from './unstored.ts';

const alert = (id: string, createdAtMs: number, cameraId = 'gate', type: Alert['type'] = 'intrusion'): Alert => ({
  id,
  cameraId,
  type,
  tMs: 0,
  frameWallMs: createdAtMs,
  createdAtMs,
  score: 0.9,
  message: id,
});
const stored = (id: string, createdAtMs: number, status: StoredAlert['status'] = 'new'): StoredAlert => ({ ...alert(id, createdAtMs), status });

describe('alerts the store could not write are listed with the stored ones', () => {
  const inStore = [stored('s3', 300), stored('s1', 100, 'confirmed')];
  const waiting = [alert('u2', 200), alert('u4', 400, 'dock', 'fire')];
  it.each<[string, AlertFilter, string[]]>([
    ['no filter: newest first, the waiting ones marked', {}, ['u4', 's3', 'u2', 's1']],
    ['status new: they are new', { status: 'new' }, ['u4', 's3', 'u2', 's1']],
    ['status confirmed: not them', { status: 'confirmed' }, ['s3', 's1']],
    ['by camera', { cameraId: 'dock' }, ['u4', 's3', 's1']],
    ['by type', { type: 'intrusion' }, ['s3', 'u2', 's1']],
    ['by time (since inclusive, until exclusive)', { sinceMs: 200, untilMs: 400 }, ['s3', 'u2', 's1']],
    ['within the limit', { limit: 2 }, ['u4', 's3']],
  ])('%s', (_case, filter, ids) => {
    const listed = withUnstored(inStore, waiting, filter);
    expect(listed.map((a) => a.id)).toEqual(ids);
    for (const a of listed.filter((x) => x.id.startsWith('u'))) expect(a).toMatchObject({ status: 'new', stored: false });
    for (const a of listed.filter((x) => x.id.startsWith('s'))) expect(a.stored).toBeUndefined();
  });

  it('an alert written meanwhile shows once, as stored', () => {
    expect(withUnstored([stored('u2', 200)], [alert('u2', 200)], {}).map((a) => [a.id, a.stored])).toEqual([['u2', undefined]]);
  });
});
