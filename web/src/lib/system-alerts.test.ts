import { describe, expect, it } from 'vitest';
import type { ServerMessage, StoredAlert, SystemAlert } from '../api/types.ts';
import type { Lang } from '../../../src/core/lang.ts';
import { formatters } from '../i18n/format.ts';
import { translator } from '../i18n/translator.ts';
import { EMPTY_SYSTEM_VIEW, applySystemMessage, systemAlertText, systemKindLabel, type SystemContext } from './system-alerts.ts';

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

describe('system alerts in words, from their kind and target (not the server sentence)', () => {
  const incident = (kind: SystemAlert['kind'], target?: string): SystemAlert => ({ id: 's', kind, ...(target ? { target } : {}), message: 'server words', raisedAtMs: 0 });
  const names: Record<string, string> = { gate: 'North gate' };
  const ctx = (lang: Lang, over: Partial<SystemContext> = {}): SystemContext => ({
    cameraName: (id) => names[id],
    formatNumber: (n) => formatters(lang).number(n),
    ...over,
  });
  // [case, incident, context, French, English]
  const cases: [string, SystemAlert, Partial<SystemContext>, string, string][] = [
    ['a named camera', incident('camera_lost', 'gate'), {}, 'Caméra perdue — caméra North gate (gate) : plus aucune image analysée', 'Camera lost — camera North gate (gate): no frame analysed'],
    ['a camera without a name', incident('camera_lost', 'cam-7'), {}, 'Caméra perdue — caméra cam-7 : plus aucune image analysée', 'Camera lost — camera cam-7: no frame analysed'],
    ['the disk, free space known', incident('disk_low', '/var/vigie'), { diskFreeBytes: 1234.4 * 1024 * 1024 }, 'Disque presque plein — 1\u202f234 Mo libres dans /var/vigie', 'Disk nearly full — 1,234 MB free in /var/vigie'],
    ['the disk, free space unknown', incident('disk_low', '/var/vigie'), {}, 'Disque presque plein — dossier de données /var/vigie', 'Disk nearly full — data folder /var/vigie'],
    ['the store, with its failure', incident('store_failed'), { storeReason: 'SQLITE_FULL' }, 'Alertes non enregistrées — SQLITE_FULL : conservées en mémoire, enregistrées dès que le disque a de la place', 'Alerts not stored — SQLITE_FULL: kept in memory, stored when the disk has room'],
    ['the store', incident('store_failed'), {}, 'Alertes non enregistrées — conservées en mémoire, enregistrées dès que le disque a de la place', 'Alerts not stored — kept in memory, stored when the disk has room'],
    ['a snapshot not written', incident('store_failed', 'snapshots'), { storeReason: 'ignored' }, 'Alertes non enregistrées — l’image d’une alerte n’a pas pu être écrite (disque plein ?) : les alertes continuent sans leur image', 'Alerts not stored — the snapshot of an alert could not be written (disk full?): alerts go on without their image'],
  ];
  it.each(cases)('%s', (_case, a, over, fr, en) => {
    for (const [lang, expected] of [['fr', fr], ['en', en]] as const) {
      const t = translator(lang);
      expect(`${systemKindLabel(a.kind, t)} — ${systemAlertText(a, ctx(lang, over), t)}`).toBe(expected);
    }
  });
});
