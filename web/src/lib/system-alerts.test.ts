import { describe, expect, it } from 'vitest';
import type { ServerMessage, StoredAlert, SystemAlert } from '../api/types.ts';
import { EMPTY_SYSTEM_VIEW, applySystemMessage } from './system-alerts.ts';

const sys = (id: string, raisedAtMs: number, clearedAtMs?: number): SystemAlert => ({ id, kind: 'camera_lost', target: 'gate', message: 'camera gate lost', raisedAtMs, ...(clearedAtMs ? { clearedAtMs } : {}) });
const alert = { id: 'a1', cameraId: 'gate', type: 'intrusion', tMs: 0, frameWallMs: 0, createdAtMs: 0, score: 1, message: 'm', status: 'new' } as StoredAlert;

// [case, messages, open ids, unstored ids, cue after the last]
const rows: [string, ServerMessage[], string[], string[], boolean][] = [
  ['a camera lost: shown, with its cue', [{ type: 'system-alert', alert: sys('s1', 10), stored: true }], ['s1'], [], true],
  ['the same again (not stored): no second cue', [{ type: 'system-alert', alert: sys('s1', 10), stored: true }, { type: 'system-alert', alert: sys('s1', 10), stored: false }], ['s1'], [], false],
  ['cleared: gone', [{ type: 'system-alert', alert: sys('s1', 10), stored: true }, { type: 'system-alert', alert: sys('s1', 10, 20), stored: true }], [], [], false],
  ['oldest first', [{ type: 'system-alert', alert: sys('s2', 20), stored: true }, { type: 'system-alert', alert: sys('s1', 10), stored: true }], ['s1', 's2'], [], true],
  ['an alert not stored, then stored (alert-updated)', [{ type: 'alert', alert, stored: false }], [], ['a1'], false],
  ['stored later', [{ type: 'alert', alert, stored: false }, { type: 'alert-updated', alert }], [], [], false],
  ['a stored alert is not counted', [{ type: 'alert', alert }], [], [], false],
];

describe('applySystemMessage', () => {
  it.each(rows)('%s', (_case, messages, open, unstored, cue) => {
    const view = messages.reduce(applySystemMessage, EMPTY_SYSTEM_VIEW);
    expect(view.open.map((a) => a.id)).toEqual(open);
    expect(view.unstored).toEqual(unstored);
    expect(view.cue).toBe(cue);
  });
});
